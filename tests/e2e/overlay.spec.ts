/**
 * The x.com overlay against a stand-in of X's page (tests/e2e/fixtures/x-home.html)
 * served under X's own CSP style: the offer appears when X's composer is in
 * use, takes its text and images, posts through Sortie to a real PDS and the
 * Mastodon test server, empties X's box, and X's CreateTweet endpoint never
 * hears of it. X's modal composer, and X's own Post button routed to Sortie,
 * are a journey in both browsers (journeys/overlay.spec.ts).
 */
import { AtpAgent } from '@atproto/api';
import type { Page } from '@playwright/test';
import { expect, test, uniqueName } from './support/servers.ts';
import { connectBluesky, connectMastodon } from './support/ui.ts';
import { clickInOverlay, composeFrame, DIALOG, inOverlay, OFFER_BUTTON } from './support/overlay-ui.ts';
import { serveX } from './support/x-page.ts';
import { answerWelcome } from './support/welcome.ts';

const OFFER = 'Post to Mastodon & Bluesky instead';
const DIALOG_NAME = 'Sortie: post to Mastodon & Bluesky';

/** What X does when a file is picked: a preview image from a blob: URL of the page. */
async function attachImageOnX(page: Page, composer: string): Promise<void> {
  await page.evaluate(async (selector) => {
    const canvas = new OffscreenCanvas(64, 48);
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#3a7';
    g.fillRect(0, 0, 64, 48);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    const img = document.createElement('img');
    img.alt = 'Image';
    img.src = URL.createObjectURL(blob);
    document.querySelector(selector)!.querySelector('[data-testid="attachments"]')!.append(img);
  }, composer);
}

/** First-run choice "I still use X": x.com stays usable when mirror redirects are on. */
async function stillUseX(options: Page): Promise<void> {
  await answerWelcome(options, 'staying');
}

test("the overlay takes what was typed on X, posts to Mastodon and Bluesky, empties X's box; X gets nothing", async ({
  context,
  openPage,
  routeHost,
  requestLog,
  allowHosts,
  extensionId,
  pds,
  mastodon,
}) => {
  allowHosts('x.com');
  const createTweet = await serveX(routeHost);
  const me = await pds.createUser(uniqueName('ov'));
  const username = uniqueName('ov');
  const { id: mastodonId } = mastodon.createAccount(username, 'correct horse');
  const options = await openPage('options.html');
  await stillUseX(options.page);
  await connectBluesky(options.page, { identifier: me.handle, appPassword: me.appPassword, service: pds.url });
  await connectMastodon(context, options.page, { server: mastodon.url, username, password: 'correct horse' });

  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto('https://x.com/home');
  const offer = () => inOverlay(page, extensionId, OFFER_BUTTON);
  const dialog = () => inOverlay(page, extensionId, DIALOG);
  // Nothing is offered until X's composer is used.
  await page.waitForTimeout(500);
  expect(await offer()).toBeNull();

  const text = 'Leaving X today 👋 see you on the fediverse #Sortie';
  await page.locator('[data-testid="tweetTextarea_0"]').click();
  await page.keyboard.type(text);
  await expect(page.getByTestId('inline-composer')).toHaveAttribute('data-x-state', text);
  await attachImageOnX(page, '[data-testid="inline-composer"]');
  await expect.poll(async () => (await offer())?.text).toBe(OFFER);
  await clickInOverlay(page, extensionId, OFFER_BUTTON);

  await expect.poll(async () => (await dialog())?.label).toBe(DIALOG_NAME);
  const frame = await composeFrame(page);
  await expect(frame.getByLabel('What do you want to say?')).toHaveValue(text);
  // The image attached on X came along (read from X's blob: preview in the browser).
  await expect(frame.getByTestId('images').locator('li')).toHaveCount(1);
  await frame.getByLabel('Alt text for image 1').fill('A green rectangle');
  await frame.getByLabel('What do you want to say?').press('Control+Enter');

  // Queued: the overlay closes and X's box is empty, in X's own state too.
  await expect.poll(dialog).toBeNull();
  await expect(page.getByTestId('inline-composer')).toHaveAttribute('data-x-state', '');
  await expect(page.locator('[data-testid="tweetTextarea_0"]')).toHaveText('');
  await expect(page.getByTestId('inline-composer').getByRole('button', { name: 'Post' })).toBeDisabled();

  const agent = new AtpAgent({ service: pds.url });
  await expect
    .poll(
      async () =>
        (await agent.com.atproto.repo.listRecords({ repo: me.did, collection: 'app.bsky.feed.post' })).data.records
          .length,
      { timeout: 30_000 },
    )
    .toBe(1);
  const { data } = await agent.com.atproto.repo.listRecords({ repo: me.did, collection: 'app.bsky.feed.post' });
  const record = data.records[0]!.value as { text: string; embed?: { $type: string; images?: Array<{ alt: string }> } };
  expect(record.text).toBe(text);
  expect(record.embed).toMatchObject({ $type: 'app.bsky.embed.images', images: [{ alt: 'A green rectangle' }] });

  await expect
    .poll(() => mastodon.state.statuses.filter((s) => s.accountId === mastodonId).length, { timeout: 30_000 })
    .toBe(1);
  const status = mastodon.state.statuses.find((s) => s.accountId === mastodonId)!;
  expect(status.text).toBe(text);
  expect(status.mediaIds).toHaveLength(1);
  expect(mastodon.state.media.find((m) => m.id === status.mediaIds[0])?.description).toBe('A green rectangle');

  // X never heard of the post: its endpoint saw nothing, and its page posted nothing.
  expect(createTweet).toEqual([]);
  expect(requestLog.filter((r) => r.url.includes('CreateTweet'))).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __x: { posted: string[] } }).__x.posted)).toEqual([]);
  expect(pageErrors).toEqual([]);
});
