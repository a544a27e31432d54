/**
 * Screenshots of the composer's key states catch a layout regression
 * (baselines made with Debian's Chromium, compared with a tolerance). axe in
 * every state, light and dark, posting with the keyboard alone and the popup
 * at 380 px are journeys in both browsers (journeys/quality.spec.ts,
 * journeys/composer.spec.ts, journeys/popup.spec.ts).
 */
import type { Page } from '@playwright/test';
import { flatPng } from './support/images.ts';
import { expect, test } from './support/servers.ts';
import { connectBluesky, connectMastodonWithToken, openComposerOption } from './support/ui.ts';
import type { MastodonTestServer } from '../servers/mastodon/types.ts';
import type { TestPds } from '../servers/pds.ts';

const TEXT = 'What do you want to say?';
/** Long enough for a thread on both networks, with a link, a mention and a tag. */
const THREAD =
  'On part ensemble samedi à 14 h, place de la République. Programme et trajet : https://exemple.org/marche #Climat avec @amis. ' +
  'Venez avec vos pancartes, vos voisin·es et de quoi boire. '.repeat(9);

/** A unique name of a fixed length, so that screenshots do not change with how many tests ran before. */
function sameLengthName(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 3)
    .toString(36)
    .padStart(3, '0')}`;
}

async function connectBoth(
  openPage: (path: string) => Promise<{ page: Page }>,
  mastodon: MastodonTestServer,
  pds: TestPds,
  prefix: string,
) {
  const username = sameLengthName(prefix);
  const { id, token } = mastodon.createAccount(username);
  const me = await pds.createUser(sameLengthName(prefix));
  const options = await openPage('options.html');
  await connectMastodonWithToken(options.page, { server: mastodon.url, token, username });
  await connectBluesky(options.page, { identifier: me.handle, appPassword: me.appPassword, service: pds.url });
  return { mastodonId: id, username, me };
}

/**
 * The test accounts' names are random (the servers are shared) and the Mastodon server's port changes: for a
 * screenshot, the page shows the same made-up accounts every time (text and avatar colour only; nothing else
 * of the page is touched), so that the layout around them is what is compared.
 */
async function sameAccountsEveryTime(page: Page, prefix: string): Promise<void> {
  await page.evaluate((prefix) => {
    const name = new RegExp(`${prefix}[0-9a-z]{11}`, 'g');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      node.textContent = (node.textContent ?? '')
        .replace(name, 'camille')
        .replace(/127\.0\.0\.1:\d+/g, 'piaille.example');
    }
    for (const avatar of document.querySelectorAll<HTMLElement>('.avatar')) avatar.style.setProperty('--hue', '250');
  }, prefix);
}

test.describe('screenshots of the composer (a layout change fails here; refresh with --update-snapshots when intended)', () => {
  const SHOT = { maxDiffPixelRatio: 0.02, animations: 'disabled' } as const;

  test('a thread to both networks, with images, light and dark; the popup with an option open', async ({
    openPage,
    mastodon,
    pds,
  }) => {
    await connectBoth(openPage, mastodon, pds, 'sh');
    const { page } = await openPage('compose.html');
    await page.setViewportSize({ width: 1000, height: 800 });
    // No mention: whether the server knows it is looked up, and its notice would come and go.
    await page.getByLabel(TEXT).fill(THREAD.replace(' avec @amis', ''));
    await page.getByLabel('Add images (up to 4)').setInputFiles([
      { name: 'a.png', mimeType: 'image/png', buffer: await flatPng(400, 300, 30) },
      { name: 'b.png', mimeType: 'image/png', buffer: await flatPng(300, 400, 140) },
    ]);
    await page.getByLabel('Alt text for image 1').fill('Une pancarte verte');
    await expect(page.locator('.image-grid img')).toHaveCount(4);
    await page.getByLabel(TEXT).blur();
    await sameAccountsEveryTime(page, 'sh');
    // The composer itself: the drafts list under it shows the time.
    const composer = page.locator('form.composer');
    await expect(composer).toHaveScreenshot('thread-light.png', SHOT);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(composer).toHaveScreenshot('thread-dark.png', SHOT);

    const popup = await openPage('popup.html');
    await popup.page.setViewportSize({ width: 380, height: 700 });
    await popup.page.getByLabel(TEXT).fill('Une seule phrase pour voir le compteur.');
    await openComposerOption(popup.page, 'Audience');
    await sameAccountsEveryTime(popup.page, 'sh');
    await expect(popup.page.locator('main')).toHaveScreenshot('popup-audience.png', SHOT);
  });

  test('no account yet', async ({ openPage }) => {
    const { page } = await openPage('compose.html');
    await page.setViewportSize({ width: 1000, height: 600 });
    await expect(page.getByTestId('no-accounts')).toBeVisible();
    await expect(page.locator('form.composer')).toHaveScreenshot('no-account.png', SHOT);
  });
});
