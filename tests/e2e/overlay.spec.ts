/**
 * The x.com overlay against a stand-in of X's page (tests/e2e/fixtures/x-home.html)
 * served under X's own CSP style: the offer appears when X's composer is in
 * use, takes its text and images, posts through Sortie to a real PDS and the
 * Mastodon test server, empties X's box, and X's CreateTweet endpoint never
 * hears of it unless the user presses X's own Post button.
 */
import { AtpAgent } from '@atproto/api';
import type { Page } from '@playwright/test';
import { expect, test, uniqueName } from './support/servers.ts';
import { connectBluesky, connectMastodon } from './support/ui.ts';
import {
  clickInOverlay,
  CLOSE_BUTTON,
  composeFrame,
  DIALOG,
  focusInOverlay,
  inOverlay,
  OFFER_BUTTON,
} from './support/overlay-ui.ts';
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

test("in X's modal composer: Esc closes only Sortie's overlay; X's Post button routes to Sortie when the option is on", async ({
  context,
  openPage,
  routeHost,
  allowHosts,
  extensionId,
}) => {
  allowHosts('x.com');
  const createTweet = await serveX(routeHost);
  const options = await openPage('options.html');
  await stillUseX(options.page);
  const page = await context.newPage();
  await page.goto('https://x.com/home');
  await page.getByTestId('SideNav_NewTweet_Button').click();
  await expect(page).toHaveURL(/\/compose\/post$/);
  const xDialog = page.getByRole('dialog', { name: 'Compose post' });
  await xDialog.locator('[data-testid="tweetTextarea_0"]').click();
  await page.keyboard.type('Still drafting');

  // The modal composer is offered right away (in-page navigation restarted the features).
  const ours = () => inOverlay(page, extensionId, DIALOG);
  const closeOurs = () => clickInOverlay(page, extensionId, CLOSE_BUTTON);
  await clickInOverlay(page, extensionId, OFFER_BUTTON);
  await expect.poll(async () => (await ours())?.label).toBe(DIALOG_NAME);
  expect((await inOverlay(page, extensionId, CLOSE_BUTTON))?.text).toBe('Close');
  let frame = await composeFrame(page);
  await expect(frame.getByLabel('What do you want to say?')).toHaveValue('Still drafting');

  // Esc inside Sortie's frame closes the overlay, not X's dialog; X's text stays. The key is
  // pressed on the page's keyboard with the frame's field focused, as a user's key arrives. The
  // frame asks to close on the key's release and is removed right after: Chromium then sometimes
  // never acknowledges that release to Playwright, whose press() waited until the test timed out
  // (1 run in 20). The test waits for the overlay to close, not for that acknowledgement.
  await frame.getByLabel('What do you want to say?').focus();
  await expect(frame.getByLabel('What do you want to say?')).toBeFocused();
  await page.keyboard.down('Escape');
  const released = page.keyboard.up('Escape');
  await expect.poll(ours).toBeNull();
  await Promise.race([released, new Promise((resolve) => setTimeout(resolve, 2_000))]);
  await expect(xDialog).toBeVisible();
  await expect(xDialog).toHaveAttribute('data-x-state', 'Still drafting');

  // Esc on the overlay's own Close button (outside the frame) too.
  await clickInOverlay(page, extensionId, OFFER_BUTTON);
  await expect.poll(ours).not.toBeNull();
  frame = await composeFrame(page);
  // Once the frame has its text (and took the focus, as it does when it opens).
  await expect(frame.getByLabel('What do you want to say?')).toBeFocused();
  await focusInOverlay(page, extensionId, CLOSE_BUTTON);
  await page.keyboard.press('Escape');
  await expect.poll(ours).toBeNull();
  await expect(xDialog).toBeVisible();

  // Option on: X's Post button and its Ctrl+Enter open Sortie instead, and X gets nothing.
  await options.page.bringToFront();
  await options.page.getByRole('link', { name: 'Leaving X' }).click();
  await options.page.getByLabel("X's Post button sends to Sortie instead of X").check();
  await expect(options.page.getByLabel("X's Post button sends to Sortie instead of X")).toBeChecked();
  // Stored before the options page got its answer; a reload reads it for sure (turning it off below is followed live).
  await page.bringToFront();
  await page.reload();
  await xDialog.locator('[data-testid="tweetTextarea_0"]').click();
  await page.keyboard.type('Still drafting');
  // X's own state has the text (it follows input events only), so its Post button is live.
  await expect(xDialog).toHaveAttribute('data-x-state', 'Still drafting');
  await xDialog.getByRole('button', { name: 'Post' }).click();
  await expect.poll(ours).not.toBeNull();
  await closeOurs();
  await expect.poll(ours).toBeNull();
  await xDialog.locator('[data-testid="tweetTextarea_0"]').press('Control+Enter');
  await expect.poll(ours).not.toBeNull();
  await closeOurs();
  expect(createTweet).toEqual([]);
  // Opening and closing Sortie's composer left X's text, and X's state, as they were.
  await expect(xDialog).toHaveAttribute('data-x-state', 'Still drafting');

  // Option off again, followed live by the open tab: X's own Post button is X's again
  // (the fixture's endpoint does see a post then, so the zero above means something).
  await options.page.getByLabel("X's Post button sends to Sortie instead of X").uncheck();
  await page.bringToFront();
  // Until the change reaches the tab, a click still opens Sortie's composer (closed, then tried
  // again). Each click's outcome is awaited before the next: X's post is in flight for a moment
  // after the click, and a second click then would find X's box already emptied by it.
  await expect
    .poll(
      async () => {
        if ((await ours()) !== null) await closeOurs();
        else if (createTweet.length === 0 && (await xDialog.count()) === 1) {
          await xDialog.getByRole('button', { name: 'Post' }).click({ timeout: 2_000 });
          await expect.poll(async () => createTweet.length > 0 || (await ours()) !== null).toBe(true);
        }
        return createTweet.length;
      },
      { timeout: 15_000 },
    )
    .toBe(1);
  expect(JSON.parse(createTweet[0]!)).toEqual({ variables: { tweet_text: 'Still drafting' } });
});
