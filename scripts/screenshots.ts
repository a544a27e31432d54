/**
 * The README's screenshots, in English and French, from the built extension
 * (run with `npm run screenshots`, see scripts/screenshots.config.ts): the
 * welcome, the composer with a thread to both networks, the x.com overlay on
 * the stand-in of X's page, and the follow bridge. Accounts are made on the
 * test PDS and the Mastodon test server, as in tests/e2e. No emoji in the
 * texts: the machine that makes the pictures may have no emoji font.
 */
import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { clickInOverlay, composeFrame, inOverlay, OFFER_BUTTON, DIALOG } from '../tests/e2e/support/overlay-ui.ts';
import { updateSettings } from '../tests/e2e/support/links.ts';
import { expect, test, uniqueName } from '../tests/e2e/support/servers.ts';
import { connectBluesky, connectMastodonWithToken } from '../tests/e2e/support/ui.ts';
import { answerWelcome } from '../tests/e2e/support/welcome.ts';
import { serveX } from '../tests/e2e/support/x-page.ts';

const OUT = resolve(import.meta.dirname, '../docs/screenshots');
mkdirSync(OUT, { recursive: true });
const DESKTOP = { width: 1280, height: 800 };

const THREAD = {
  en: 'Leaving X today, without going silent. From now on I post here, on Mastodon and Bluesky at once.\n\nWhy now? The timeline is run for engagement, not for us, and the people I care about have already moved. Sortie splits a long post into a thread where a network needs one, counts characters the way each network does, and keeps the parts in order.\n\nFind me at the addresses below. #Sortie #Fediverse',
  fr: 'Je quitte X aujourd’hui, sans me taire. Désormais je publie ici, sur Mastodon et Bluesky en même temps.\n\nPourquoi maintenant ? Le fil est réglé pour l’engagement, pas pour nous, et les personnes qui comptent pour moi sont déjà parties. Sortie découpe un long message en fil quand un réseau l’exige, compte les caractères comme chaque réseau, et garde les parties dans l’ordre.\n\nRetrouvez-moi aux adresses ci-dessous. #Sortie #Fediverse',
} as const;
const OVERLAY_TEXT = {
  en: 'Leaving X today, see you on the fediverse #Sortie',
  fr: 'Je quitte X aujourd’hui, on se retrouve sur le fédivers #Sortie',
} as const;

const shot = (page: Page, name: string) => page.screenshot({ path: `${OUT}/${name}.png` });

for (const lang of ['en', 'fr'] as const) {
  test(`screenshots (${lang})`, async ({ context, extensionId, openPage, routeHost, allowHosts, pds, mastodon }) => {
    const base = `chrome-extension://${extensionId}`;
    const { page: options } = await openPage('options.html');
    await updateSettings(options, { language: lang });

    // The welcome, before any answer.
    const welcome = await context.newPage();
    await welcome.setViewportSize(DESKTOP);
    await welcome.goto(`${base}/welcome.html`);
    await expect(welcome.locator('input[type="radio"]').first()).toBeVisible();
    await shot(welcome, `welcome-${lang}`);
    await welcome.close();

    // Both networks connected (the forms' English labels: connect in English, then switch back).
    await updateSettings(options, { language: 'en' });
    await options.reload();
    await answerWelcome(options, 'staying');
    const me = await pds.createUser(uniqueName('shot'));
    const username = uniqueName('shot');
    const { token } = mastodon.createAccount(username);
    await connectBluesky(options, { identifier: me.handle, appPassword: me.appPassword, service: pds.url });
    await connectMastodonWithToken(options, { server: mastodon.url, token, username });
    await updateSettings(options, { language: lang });

    // The composer with a thread to both.
    const compose = await context.newPage();
    await compose.setViewportSize(DESKTOP);
    await compose.goto(`${base}/compose.html`);
    const text = compose.locator('#text');
    await expect(text).toBeVisible();
    await text.fill(THREAD[lang]);
    await compose.evaluate(() => window.scrollTo(0, 0));
    await shot(compose, `composer-${lang}`);
    await compose.close();

    // The x.com overlay, on the stand-in of X's page.
    allowHosts('x.com');
    await serveX(routeHost);
    const x = await context.newPage();
    await x.setViewportSize(DESKTOP);
    await x.goto('https://x.com/home');
    await x.locator('[data-testid="tweetTextarea_0"]').click();
    await x.keyboard.type(OVERLAY_TEXT[lang]);
    await expect.poll(async () => (await inOverlay(x, extensionId, OFFER_BUTTON)) !== null).toBe(true);
    await clickInOverlay(x, extensionId, OFFER_BUTTON);
    await expect.poll(async () => (await inOverlay(x, extensionId, DIALOG)) !== null).toBe(true);
    await expect((await composeFrame(x)).locator('#text')).toBeVisible();
    await shot(x, `overlay-${lang}`);
    await x.close();

    // The follow bridge.
    const bridge = await context.newPage();
    await bridge.setViewportSize(DESKTOP);
    await bridge.goto(`${base}/bridge.html`);
    await expect(bridge.getByRole('heading', { level: 1 })).toBeVisible();
    await shot(bridge, `bridge-${lang}`);
    await bridge.close();
  });
}
