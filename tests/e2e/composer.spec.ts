/**
 * The composer in Chromium: "Share on X" intents land in Sortie's compose tab
 * (X hears nothing) and the context menu items exist. Drafts, Ctrl+Enter and
 * shared images are journeys (tests/e2e/journeys/drafts.spec.ts, composer.spec.ts).
 */
import { expect, test } from './support/servers.ts';
import { chooseLeaving } from './support/welcome.ts';

const TEXT = 'What do you want to say?';

/** The one Chrome API the tests read in the service worker. */
type WithDnr = {
  chrome: { declarativeNetRequest: { getDynamicRules(): Promise<Array<{ id: number; action: { type: string } }>> } };
};

type WithMenus = { chrome: { contextMenus: { update(id: string, props: object): Promise<void> } } };

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

test('the context menu items exist from install (Chromium draws no menu headless; journeys/menus.spec.ts clicks them in Firefox)', async ({
  sortie,
}) => {
  // Updating an item that does not exist fails. They are made as the install ends (welcome tab open).
  const worker = await sortie.serviceWorker();
  const exists = (id: string) =>
    worker
      .evaluate((item) => (globalThis as unknown as WithMenus).chrome.contextMenus.update(item, {}), id)
      .then(
        () => true,
        () => false,
      );
  for (const id of ['sortie-share-page', 'sortie-share-selection', 'sortie-share-link', 'sortie-share-image'])
    await expect.poll(() => exists(id), { message: id }).toBe(true);
});
