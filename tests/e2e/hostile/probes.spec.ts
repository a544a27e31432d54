/**
 * Attacks on Sortie's discretion that need Playwright's page API or CDP: X's
 * own page scripts looking for Sortie's elements on a follow list or having
 * it collect without the user. Each test performs the attack against the
 * built extension and fails if it works. A site probing Sortie's pages
 * (fetch, load, frame, link), a site framing the "no mirror works" page and
 * a share intent whose opener tries to read where it went are in
 * tests/e2e/journeys/hostile.spec.ts, run in both browsers.
 */
import type { Page } from '@playwright/test';
import { followingPageHtml, type XPerson } from '../fixtures/x-following-page.ts';
import { expect, test } from '../support/fixtures.ts';
import { evaluateInContentScript } from '../support/isolated-world.ts';

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

/** A count of the follow bridge's stored accounts, read from Sortie's own page. */
async function collectedCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('sortie');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('follows').objectStore('follows').count();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

const PEOPLE: XPerson[] = Array.from({ length: 30 }, (_, i) => ({
  handle: `person_${i}`,
  name: `Person ${i}`,
  bio: `Bio ${i}`,
}));

test("X's page finds no Sortie element on a follow list, and nothing is collected without the user's start", async ({
  context,
  openPage,
  routeHost,
  allowHosts,
}) => {
  allowHosts('x.com', 'abs-0.twimg.com');
  const { page: options } = await openPage('options.html');
  await options.evaluate(() =>
    chrome.runtime.sendMessage({ sortie: 1, name: 'settings.update', body: { links: { redirect: false } } }),
  );
  await routeHost('x.com', (route) =>
    new URL(route.request().url()).pathname === '/mover_x/following'
      ? route.fulfill({ contentType: 'text/html; charset=utf-8', body: followingPageHtml('mover_x', PEOPLE) })
      : route.fulfill({ status: 404, body: '' }),
  );
  await routeHost('abs-0.twimg.com', (route) =>
    route.fulfill({ contentType: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg"/>' }),
  );
  const x = await context.newPage();
  await x.goto('https://x.com/mover_x/following');
  // X's own script, in the page's main world: it looks for Sortie for a while, scrolling as a reader would.
  const found = await x.evaluate(async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      for (const el of document.querySelectorAll('*'))
        if (el.tagName.toLowerCase().startsWith('sortie') || el.id.startsWith('sortie')) seen.add(el.tagName);
      window.scrollBy(0, 400);
      await new Promise((r) => setTimeout(r, 150));
    }
    return [...seen];
  });
  expect(found).toEqual([]);
  expect(await collectedCount(options)).toBe(0);
});

test('a collection the user started is bounded: X cannot fill storage with endless or fat profiles, nor feed it from another tab', async ({
  context,
  extensionId,
  openPage,
  routeHost,
  allowHosts,
}) => {
  test.setTimeout(180_000);
  allowHosts('x.com', 'abs-0.twimg.com');
  const { page: options } = await openPage('options.html');
  await options.evaluate(() =>
    chrome.runtime.sendMessage({ sortie: 1, name: 'settings.update', body: { links: { redirect: false } } }),
  );
  await routeHost('x.com', (route) => {
    const path = new URL(route.request().url()).pathname;
    return /^\/\w+\/following$/.test(path)
      ? route.fulfill({ contentType: 'text/html; charset=utf-8', body: followingPageHtml(path.split('/')[1]!, PEOPLE) })
      : route.fulfill({ status: 404, body: '' });
  });
  await routeHost('abs-0.twimg.com', (route) =>
    route.fulfill({ contentType: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg"/>' }),
  );

  // Another X tab, never started: whatever its page makes the extension world say is refused.
  const other = await context.newPage();
  await other.goto('https://x.com/someone_else/following');

  const { page: bridge } = await openPage('bridge.html');
  await bridge.getByLabel('Your X handle').fill('mover_x');
  const [x] = await Promise.all([
    context.waitForEvent('page'),
    bridge.getByRole('button', { name: 'Collect the accounts mover_x follows' }).click(),
  ]);
  await expect(bridge.getByTestId('bridge-collected')).toHaveText(
    `Collected: ${PEOPLE.length} X accounts, from 1 list(s).`,
    { timeout: 30_000 },
  );
  // The panel lives in a closed shadow root: X's script sees an empty host at most.
  expect(
    await x.evaluate(
      () =>
        [...document.querySelectorAll('*')].filter(
          (e) => e.shadowRoot !== null && e.tagName.toLowerCase().startsWith('sortie'),
        ).length,
    ),
  ).toBe(0);

  // Now X's page makes the started collector hand over fat profiles (the message shape's maxima), then endless ones.
  const fat = (i: number) => ({
    handle: `fat_${i}`,
    displayName: 'N'.repeat(200),
    bio: 'B'.repeat(2_000),
    links: Array.from({ length: 20 }, (_, j) => `https://e.example/${j}/${'l'.repeat(1_900)}`),
    website: `https://w.example/${'w'.repeat(1_900)}`,
  });
  const thin = (i: number) => ({ handle: `thin_${i}`, displayName: 'T', bio: '', links: [], website: null });
  const sendBatches = (page: Page, from: number, to: number, make: (i: number) => object = fat) =>
    evaluateInContentScript<number>(
      page,
      extensionId,
      `(async () => {
        let refused = 0;
        const make = ${make.toString()};
        for (let start = ${from}; start < ${to}; start += 100) {
          const profiles = Array.from({ length: 100 }, (_, k) => make(start + k));
          const reply = await chrome.runtime.sendMessage({ sortie: 1, name: 'bridge.collect', body: { source: 'following:mover_x', mode: 'collect', profiles } });
          if (!reply || !reply.ok) refused++;
        }
        return refused;
      })()`,
    );
  await sendBatches(x, 0, 200);
  await sendBatches(x, 0, 6_000, thin);
  const stored = await bridge.evaluate(
    () =>
      new Promise<{ count: number; chars: number; biggest: number }>((resolve, reject) => {
        const open = indexedDB.open('sortie');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('follows').objectStore('follows').getAll();
          req.onsuccess = () => {
            const sizes = (req.result as Array<{ x: unknown }>).map((e) => JSON.stringify(e.x).length);
            resolve({ count: sizes.length, chars: sizes.reduce((a, b) => a + b, 0), biggest: Math.max(...sizes) });
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
  expect(stored.count).toBeLessThanOrEqual(5_000);
  expect(stored.biggest).toBeLessThanOrEqual(4_000);
  expect(stored.chars).toBeLessThanOrEqual(4_000_000);

  // The other tab was never started: all it sends is refused.
  const before = stored.count;
  // (No Sortie world in that tab at all is the strongest refusal.)
  const refused = await sendBatches(other, 10_000, 10_200).catch((error: Error) =>
    /world not found/.test(error.message) ? 2 : Promise.reject(error),
  );
  expect(refused).toBe(2);
  expect(await collectedCount(bridge)).toBe(before);
});
