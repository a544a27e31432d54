/**
 * The composer for everyone: axe finds nothing in any of its states, light
 * and dark (no account, accounts connected, a long thread, errors, images
 * with alt text, each option panel open, a content warning, the result of a
 * post, a "Share on X" takeover); and screenshots of its key states catch a
 * layout regression (baselines made with Debian's Chromium, compared with a
 * tolerance). Posting with the keyboard alone and the popup at 380 px are
 * journeys in both browsers (journeys/composer.spec.ts, journeys/popup.spec.ts).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { flatPng } from './support/images.ts';
import { expect, test } from './support/servers.ts';
import { connectBluesky, connectMastodonWithToken, openComposerOption, POST } from './support/ui.ts';
import type { MastodonTestServer } from '../servers/mastodon/types.ts';
import type { TestPds } from '../servers/pds.ts';

const TEXT = 'What do you want to say?';
const OPTIONS = ['Warning', 'Language', 'Audience', 'Poll', 'Send later', 'More'] as const;
/** Long enough for a thread on both networks, with a link, a mention and a tag. */
const THREAD =
  'On part ensemble samedi à 14 h, place de la République. Programme et trajet : https://exemple.org/marche #Climat avec @amis. ' +
  'Venez avec vos pancartes, vos voisin·es et de quoi boire. '.repeat(9);

async function noViolations(page: Page, state: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(
      violations.map(
        (v) =>
          `${state} (${colorScheme}): ${v.id} [${v.impact}] ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      ),
    ).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

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

test('axe finds nothing in any state of the composer, light or dark', async ({ openPage, mastodon, pds }) => {
  test.setTimeout(180_000);
  const bare = await openPage('compose.html');
  await expect(bare.page.getByTestId('no-accounts')).toBeVisible();
  await noViolations(bare.page, 'no account');

  const { mastodonId } = await connectBoth(openPage, mastodon, pds, 'ax');
  const { page, errors } = await openPage('compose.html');
  await expect(page.getByTestId('counter-mastodon')).toBeVisible();
  await noViolations(page, 'accounts connected, empty');

  const box = page.getByLabel(TEXT);
  await box.fill(THREAD);
  await box.press('End');
  await expect(page.getByTestId('counter-bluesky')).toContainText('posts');
  await noViolations(page, 'a long thread');

  await page.getByLabel('Add images (up to 4)').setInputFiles([
    { name: 'a.png', mimeType: 'image/png', buffer: await flatPng(400, 300, 30) },
    { name: 'b.png', mimeType: 'image/png', buffer: await flatPng(300, 400, 140) },
  ]);
  await expect(page.getByTestId('images').locator('li')).toHaveCount(2);
  await noViolations(page, 'images without alt text');
  await page.getByLabel('Alt text for image 1').fill('Une pancarte verte');
  await page.getByLabel('Alt text for image 2').fill('Une foule sur une place');
  await noViolations(page, 'images with alt text');

  for (const option of OPTIONS) {
    await openComposerOption(page, option);
    await noViolations(page, `${option} open`);
  }
  // Errors: Mastodon takes no poll beside images, so Post is off and says why.
  await openComposerOption(page, 'Poll');
  await page.getByLabel('Add a poll').check();
  await expect(page.getByTestId('post-off')).toBeVisible();
  await expect(page.getByRole('button', { name: POST })).toBeDisabled();
  await noViolations(page, 'errors');
  await page.getByLabel('Add a poll').uncheck();

  await openComposerOption(page, 'Warning');
  await page.getByLabel('Content warning').fill('Manifestation');
  await expect(page.getByTestId('preview-mastodon').locator('details.post-cw').first()).not.toHaveAttribute('open');
  await noViolations(page, 'content warning');

  await box.fill('Court et clair.');
  await page.getByRole('button', { name: POST }).click();
  const status = page.getByTestId('post-status');
  await expect(status.locator('li[data-state="sent"]')).toHaveCount(2, { timeout: 30_000 });
  await expect(status.getByRole('link', { name: 'View on Mastodon' })).toBeVisible();
  await expect(status.getByRole('link', { name: 'View on Bluesky' })).toBeVisible();
  expect(mastodon.state.statuses.filter((s) => s.accountId === mastodonId)).toHaveLength(1);
  // A fresh composer under the result, which goes once the next post is started.
  await expect(box).toHaveValue('');
  await noViolations(page, 'posted');
  await box.fill('La suite');
  await expect(status).toHaveCount(0);

  const intent = 'https://x.com/intent/tweet?text=Lu%20ailleurs';
  const shared = await openPage(`compose.html?xshare=${encodeURIComponent(intent)}&text=Lu%20ailleurs`);
  await expect(shared.page.getByTestId('shared-from-x')).toBeVisible();
  await noViolations(shared.page, 'shared from X');
  expect([...errors, ...bare.errors, ...shared.errors]).toEqual([]);
});

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
