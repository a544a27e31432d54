/**
 * The composer everywhere: "Share on X" intents land in Sortie's compose tab
 * (X hears nothing), drafts survive closing the browser, Ctrl+Enter posts,
 * an image shared from the context menu is attached, and the extension's
 * pages pass axe without serious or critical violations.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { crc32, deflateSync } from 'node:zlib';
import { launchSortie } from './support/fixtures.ts';
import { expect, test, uniqueName } from './support/servers.ts';
import { connectMastodon } from './support/ui.ts';
import { chooseLeaving } from './support/welcome.ts';

const TEXT = 'What do you want to say?';

/** A small solid PNG, encoded by hand (no image library needed). */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3).map((_, i) => rgb[i % 3]!)]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The one Chrome API the tests read in the service worker. */
type WithDnr = {
  chrome: { declarativeNetRequest: { getDynamicRules(): Promise<Array<{ id: number; action: { type: string } }>> } };
};

type WithMenus = { chrome: { contextMenus: { update(id: string, props: object): Promise<void> } } };

async function noSeriousViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('"Share on X" intents open the compose tab prefilled and X hears nothing; with the takeover off they go to X', async ({
  sortie,
  context,
  openPage,
  routeHost,
  allowHosts,
}) => {
  allowHosts('x.com', 'twitter.com', 'news.example');
  const xHits: string[] = [];
  const xIntent = (route: Parameters<Parameters<typeof routeHost>[1]>[0]) => {
    xHits.push(route.request().url());
    return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>X</title><p>X intent page</p>' });
  };
  await routeHost('x.com', xIntent);
  await routeHost('twitter.com', xIntent);
  await routeHost('news.example', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: route.request().url().endsWith('/framed')
        ? `<!doctype html><title>Not X</title><iframe title="framed" src="chrome-extension://${sortie.extensionId}/compose.html?embed=1&text=Spam"></iframe>`
        : `<!doctype html><title>News</title>
        <a id="share" href="https://x.com/intent/post?text=From%20the%20news&url=https%3A%2F%2Fnews.example%2Fstory">Share on X</a>
        <button id="popup" onclick="window.open('https://twitter.com/share?text=In%20a%20popup&url=https%3A%2F%2Fnews.example%2Fp', 'share', 'width=550,height=420')">Tweet</button>`,
    }),
  );

  // After "I'm leaving X" the background installs the rule: wait for it rather than race it.
  // (It blocks the intent; the background then opens the composer in that tab.)
  const options = await openPage('options.html#leaving');
  await chooseLeaving(options.page);
  const worker = await sortie.serviceWorker();
  const shareRuleInstalled = async () =>
    (
      await worker.evaluate(() => (globalThis as unknown as WithDnr).chrome.declarativeNetRequest.getDynamicRules())
    ).some((r) => r.id === 7_050 && r.action.type === 'block');
  await expect.poll(shareRuleInstalled).toBe(true);
  const page = await context.newPage();
  await page
    .goto(
      'https://twitter.com/intent/tweet?text=Hello%20there&url=https%3A%2F%2Fexample.org%2Fa&hashtags=a,b&via=someone',
    )
    .catch(() => undefined);
  await expect(page).toHaveURL(/^chrome-extension:\/\/[a-p]{32}\/compose\.html\?/);
  await expect(page.getByLabel(TEXT)).toHaveValue('Hello there https://example.org/a #a #b via @someone');

  // From another site: a link, and the usual share popup.
  await page.goto('https://news.example/');
  await page.locator('#share').click();
  await expect(page).toHaveURL(/\/compose\.html\?/);
  await expect(page.getByLabel(TEXT)).toHaveValue('From the news https://news.example/story');
  await page.goto('https://news.example/');
  const popup = context.waitForEvent('page');
  await page.locator('#popup').click();
  const shared = await popup;
  await expect(shared).toHaveURL(/\/compose\.html\?/);
  await expect(shared.getByLabel(TEXT)).toHaveValue('In a popup https://news.example/p');
  expect(xHits).toEqual([]);

  // The page is not web-accessible: framed by another site it never loads.
  await page.goto('https://news.example/framed');
  const framed = page.frameLocator('iframe[title="framed"]');
  await expect(framed.getByLabel(TEXT)).toHaveCount(0);
  await expect(framed.getByRole('button')).toHaveCount(0);

  // The user can give the intents back to X.
  await options.page.reload();
  const takeover = options.page.getByLabel('"Share on X" buttons open Sortie\'s composer');
  await takeover.uncheck();
  await expect(takeover).not.toBeChecked();
  await expect.poll(shareRuleInstalled).toBe(false);
  await page.goto('https://twitter.com/intent/tweet?text=For%20X');
  await expect(page).toHaveURL('https://twitter.com/intent/tweet?text=For%20X');
  expect(xHits).toEqual(['https://twitter.com/intent/tweet?text=For%20X']);
});

test('a composer opened by "Share on X" says so, and posts on X anyway only on the user\'s own click', async ({
  sortie,
  context,
  routeHost,
  allowHosts,
  openPage,
}) => {
  allowHosts('x.com', 'news.example');
  const xHits: string[] = [];
  await routeHost('x.com', (route) => {
    xHits.push(route.request().url());
    return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>X</title><p>X intent page</p>' });
  });
  const intent = 'https://x.com/intent/post?text=Lu%20ailleurs&url=https%3A%2F%2Fnews.example%2Fstory';
  await routeHost('news.example', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>News</title><a id="share" href="${intent}">Share on X</a>`,
    }),
  );
  // Shares come to Sortie once the person has said "I'm leaving X".
  const options = await openPage('options.html#leaving');
  await chooseLeaving(options.page);
  const worker = await sortie.serviceWorker();
  await expect
    .poll(async () =>
      (
        await worker.evaluate(() => (globalThis as unknown as WithDnr).chrome.declarativeNetRequest.getDynamicRules())
      ).some((r) => r.id === 7_050 && r.action.type === 'block'),
    )
    .toBe(true);
  const page = await context.newPage();
  await page.goto('https://news.example/');
  await page.locator('#share').click();
  await expect(page).toHaveURL(/\/compose\.html\?/);
  await expect(page.getByLabel(TEXT)).toHaveValue('Lu ailleurs https://news.example/story');
  const context_ = page.getByTestId('shared-from-x');
  await expect(context_).toContainText('A “Share on X” button opened Sortie instead of X');
  const anyway = context_.getByRole('button', { name: 'Post on X anyway' });

  // A script's click is not the user's: nothing happens.
  await anyway.evaluate((b) => (b as HTMLButtonElement).click());
  await page.waitForTimeout(500);
  await expect(page).toHaveURL(/\/compose\.html\?/);
  expect(xHits).toEqual([]);

  await anyway.click();
  await expect(page).toHaveURL(intent);
  expect(xHits).toEqual([intent]);
});

test('drafts are listed, opened and deleted, and survive closing the browser', async ({
  sortie,
  profileDir,
  recordingProxy,
}) => {
  const open = async (context: typeof sortie.context, id: string) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${id}/compose.html`);
    return page;
  };
  const first = await open(sortie.context, sortie.extensionId);
  await first.getByLabel(TEXT).fill('First draft, kept for later');
  await first.getByRole('button', { name: 'New draft' }).click();
  await expect(first.getByLabel(TEXT)).toHaveValue('');
  await first.getByLabel(TEXT).fill('Second draft 🌱');
  const drafts = first.getByTestId('drafts');
  await expect(drafts.locator('li')).toHaveCount(2);
  await expect(drafts.locator('li').first()).toContainText('Second draft 🌱');
  // Saved as typed: a reload finds it.
  await first.reload();
  await expect(first.getByLabel(TEXT)).toHaveValue('Second draft 🌱');
  await sortie.context.close();

  // Reopened on the same profile: the last draft is back in the box, the other one in the list.
  const again = await launchSortie(profileDir, recordingProxy.port);
  try {
    expect(again.extensionId).toBe(sortie.extensionId);
    const page = await open(again.context, again.extensionId);
    await expect(page.getByLabel(TEXT)).toHaveValue('Second draft 🌱');
    await page.getByRole('button', { name: 'Open draft: First draft, kept for later' }).click();
    await expect(page.getByLabel(TEXT)).toHaveValue('First draft, kept for later');
    await page.getByRole('button', { name: 'Delete draft: Second draft 🌱' }).click();
    await expect(page.getByTestId('drafts').locator('li')).toHaveCount(1);
    await page.reload();
    await expect(page.getByLabel(TEXT)).toHaveValue('First draft, kept for later');
    await expect(page.getByTestId('drafts').locator('li')).toHaveCount(1);
  } finally {
    await again.context.close();
  }
});

test('Ctrl+Enter posts from the compose tab; a shared image is attached; popup, compose and options pass axe', async ({
  sortie,
  context,
  openPage,
  routeHost,
  allowHosts,
  mastodon,
}) => {
  allowHosts('images.example');
  await routeHost('images.example', (route) =>
    route.fulfill({ contentType: 'image/png', body: png(40, 30, [200, 40, 90]) }),
  );
  const username = uniqueName('ce');
  const { id: accountId } = mastodon.createAccount(username, 'correct horse');
  const options = await openPage('options.html');
  await connectMastodon(context, options.page, { server: mastodon.url, username, password: 'correct horse' });
  await noSeriousViolations(options.page);

  // What the context menu's "Share this image with Sortie" opens.
  const compose = await openPage(
    `compose.html?${new URLSearchParams({ url: 'https://news.example/photo', image: 'https://images.example/p.png' })}`,
  );
  await expect(compose.page.getByLabel(TEXT)).toHaveValue('https://news.example/photo');
  await expect(compose.page.getByTestId('images').locator('li')).toHaveCount(1);
  await compose.page.getByLabel('Alt text for image 1').fill('A pink rectangle');
  await noSeriousViolations(compose.page);
  await compose.page.emulateMedia({ colorScheme: 'dark' });
  await noSeriousViolations(compose.page);
  await compose.page.emulateMedia({ colorScheme: 'light' });
  await compose.page.getByLabel(TEXT).press('Control+Enter');
  await expect(compose.page.getByTestId('post-status').locator('li[data-state="sent"]')).toHaveCount(1, {
    timeout: 30_000,
  });
  const status = mastodon.state.statuses.find((s) => s.accountId === accountId)!;
  expect(status.text).toBe('https://news.example/photo');
  expect(mastodon.state.media.find((m) => m.id === status.mediaIds[0])).toMatchObject({
    description: 'A pink rectangle',
  });

  // The context menu items exist (created at install): updating one that does not exist fails.
  const worker = await sortie.serviceWorker();
  for (const id of ['sortie-share-page', 'sortie-share-selection', 'sortie-share-link', 'sortie-share-image']) {
    await worker.evaluate((item) => (globalThis as unknown as WithMenus).chrome.contextMenus.update(item, {}), id);
  }

  const popup = await openPage('popup.html');
  await expect(popup.page.getByLabel(TEXT)).toBeVisible();
  await noSeriousViolations(popup.page);
  expect([...options.errors, ...compose.errors, ...popup.errors]).toEqual([]);
});
