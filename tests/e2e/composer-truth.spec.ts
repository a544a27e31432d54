/**
 * The composer tells the truth, as a new user meets it: a text over the limit
 * says it becomes a thread, with the whole text's count and the post the
 * caret is in; the thread preview keeps paragraph breaks; an empty composer is
 * not an error but Post says why it is off; an account connected in another
 * tab is ticked on a draft already open; a transparent image too big for PNG
 * is flattened onto white, not black.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { startMastodonServer } from '../servers/mastodon/index.ts';
import { expect, test, uniqueName } from './support/servers.ts';
import { connectMastodonWithToken } from './support/ui.ts';

const TEXT = 'What do you want to say?';

async function noSeriousViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('4,097 characters on a 4,096-character server: the whole count, 2 posts, the caret\u2019s post, in words; paragraph breaks kept', async ({
  openPage,
}) => {
  const server = await startMastodonServer({ maxCharacters: 4096 });
  try {
    const username = uniqueName('t');
    const { token } = server.createAccount(username);
    const options = await openPage('options.html');
    await connectMastodonWithToken(options.page, { server: server.url, token, username });
    const { page, errors } = await openPage('compose.html');
    const counter = page.getByTestId('counter-mastodon');
    await expect(counter).toHaveText(/^0 \/ 4,?096 characters/);

    // 4,097 characters, a paragraph break near the start.
    const text = `Un.\n\nDeux. ${'mot '.repeat(1021)}${'x'.repeat(2)}`;
    expect(text.length).toBe(4097);
    const box = page.getByLabel(TEXT);
    await box.fill(text);
    await box.press('End');
    await expect(counter).toHaveText(/^2 posts · 4,097 characters in all · post 2: \d+ \/ 4,096$/);
    await box.press('Control+Home');
    await expect(counter).toHaveText(/ · post 1: [\d,]+ \/ 4,096$/);
    // The thread as it will be posted: part 1 keeps its blank line.
    const first = page.getByTestId('preview-mastodon').locator('ol.parts li .post-text').first();
    expect(await first.evaluate((li) => (li as HTMLElement).innerText.startsWith('Un.\n\nDeux.'))).toBe(true);
    // A thread is not an error: Post stays on.
    await expect(page.getByRole('button', { name: /^Post( to \d+ accounts?)?$/ })).toBeEnabled();
    await noSeriousViolations(page);

    // Trailing whitespace is not sent, so it is not counted.
    await box.fill(`${'a'.repeat(4096)}  \n`);
    await expect(counter).toHaveText('4,096 / 4,096 characters');
    expect(errors).toEqual([]);
  } finally {
    await server.close();
  }
});

test('an empty composer is not an error: nothing in red, no alert, and Post says why it is off', async ({
  openPage,
  mastodon,
}) => {
  const username = uniqueName('e');
  const { token } = mastodon.createAccount(username);
  const options = await openPage('options.html');
  await connectMastodonWithToken(options.page, { server: mastodon.url, token, username });
  const { page } = await openPage('compose.html');
  await expect(page.getByTestId('counter-mastodon')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.locator('.previews .error')).toHaveCount(0);
  const post = page.getByRole('button', { name: /^Post( to \d+ accounts?)?$/ });
  await expect(post).toBeDisabled();
  await expect(page.getByTestId('post-off')).toHaveText('Write something, or add an image, to post.');
  // The reason is the button's description, for screen readers too.
  await expect(post).toHaveAccessibleDescription('Write something, or add an image, to post.');
  await page.getByRole('checkbox').first().uncheck();
  await expect(page.getByTestId('post-off')).toHaveText('Choose at least one account above to post.');
  await noSeriousViolations(page);
});

test('a draft open before connecting gets the account ticked once it is connected in another tab', async ({
  openPage,
  mastodon,
}) => {
  const compose = await openPage('compose.html');
  await expect(compose.page.getByTestId('no-accounts')).toBeVisible();
  await compose.page.getByLabel(TEXT).fill('Écrit avant de me connecter');

  const username = uniqueName('late');
  const { token } = mastodon.createAccount(username);
  const options = await openPage('options.html');
  await connectMastodonWithToken(options.page, { server: mastodon.url, token, username });

  await compose.page.bringToFront();
  await expect(compose.page.getByRole('checkbox', { name: new RegExp(`@${username}@`) })).toBeChecked();
  await expect(compose.page.getByLabel(TEXT)).toHaveValue('Écrit avant de me connecter');
  await expect(compose.page.getByRole('button', { name: /^Post( to \d+ accounts?)?$/ })).toBeEnabled();
  await expect(compose.page.getByTestId('post-off')).toHaveCount(0);
});

test('a draft written before any account, its page closed to connect one (as the popup does), goes to that account when opened again', async ({
  openPage,
  mastodon,
}) => {
  const popup = await openPage('popup.html');
  await expect(popup.page.getByTestId('no-accounts')).toBeVisible();
  await popup.page.getByLabel(TEXT).fill('Mon premier message');
  // The popup closes as soon as the options open.
  await popup.page.close();

  const username = uniqueName('first');
  const { token } = mastodon.createAccount(username);
  const options = await openPage('options.html');
  await connectMastodonWithToken(options.page, { server: mastodon.url, token, username });

  const again = await openPage('popup.html');
  await expect(again.page.getByLabel(TEXT)).toHaveValue('Mon premier message');
  await expect(again.page.getByRole('checkbox', { name: new RegExp(`@${username}@`) })).toBeChecked();
  await expect(again.page.getByRole('button', { name: 'Post to 1 account' })).toBeEnabled();
  await expect(again.page.getByTestId('post-off')).toHaveCount(0);
});

test('a transparent PNG too large to stay PNG is flattened onto white, never black', async ({ openPage, mastodon }) => {
  const username = uniqueName('png');
  const { token } = mastodon.createAccount(username);
  const options = await openPage('options.html');
  await connectMastodonWithToken(options.page, { server: mastodon.url, token, username });
  const { page } = await openPage('compose.html');

  // Left half noise (incompressible: ~3 MB as PNG), right half fully transparent.
  const width = 1600;
  const height = 1200;
  const raw = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width / 2; x++) {
      const i = (y * width + x) * 4;
      raw[i] = (Math.random() * 256) | 0;
      raw[i + 1] = (Math.random() * 256) | 0;
      raw[i + 2] = (Math.random() * 256) | 0;
      raw[i + 3] = 255;
    }
  }
  const png = await sharp(raw, { raw: { width, height, channels: 4 } })
    .png()
    .toBuffer();
  expect(png.length).toBeGreaterThan(2_000_000);
  await page.getByLabel('Add images (up to 4)').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });

  const thumb = page.locator('.images img, img').first();
  await expect(thumb).toBeVisible({ timeout: 30_000 });
  const pixel = await thumb.evaluate(async (img) => {
    const blob = await (await fetch((img as HTMLImageElement).src)).blob();
    const bitmap = await createImageBitmap(blob);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const [r, g, b, a] = ctx.getImageData(Math.floor(bitmap.width * 0.9), Math.floor(bitmap.height / 2), 1, 1).data;
    return { type: blob.type, r, g, b, a };
  });
  // As JPEG (it cannot fit as PNG), the transparent half is white.
  expect(pixel.type).toBe('image/jpeg');
  expect(pixel).toMatchObject({ a: 255 });
  expect(Math.min(pixel.r!, pixel.g!, pixel.b!)).toBeGreaterThan(235);
});
