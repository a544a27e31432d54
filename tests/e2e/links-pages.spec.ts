/**
 * X links inside pages the user allows: the link script the
 * background registers for granted sites rewrites a page of 10,000 links and
 * a page that keeps adding them, turns embedded tweets into mirror link
 * cards and keeps X's embed script from loading. "All sites" is granted in
 * this build (see buildWithAllSitesGranted for why a test cannot click
 * Chrome's prompt); the script and its registration are the real ones.
 */
import {
  allowXPreconnects,
  linksReady,
  linksState,
  serveMirrors,
  serveX,
  testAllSitesGranted as test,
  updateSettings,
  xTrafficBeyondPreconnects,
} from './support/links.ts';
import { chooseLeaving } from './support/welcome.ts';

const { expect } = test;

type SetupFixtures = Pick<Parameters<Parameters<typeof test>[2]>[0], 'openPage' | 'routeHost' | 'allowHosts'>;

/** X routed (and watched), one healthy mirror pinned, and the blog page served with `body`. */
async function blogWithMirror(
  { openPage, routeHost, allowHosts }: SetupFixtures,
  body: string,
  links: Record<string, unknown> = {},
) {
  allowXPreconnects(allowHosts);
  const xHits = await serveX(routeHost);
  await serveMirrors(routeHost, allowHosts, { [MIRROR]: 'up' });
  allowHosts(BLOG);
  await routeHost(BLOG, (route) => route.fulfill({ contentType: 'text/html', body }));
  const { page: options } = await openPage('options.html');
  await linksReady(options);
  await chooseLeaving(options);
  await updateSettings(options, { links: { pinnedMirror: MIRROR, ...links } });
  return { xHits, options };
}
const MIRROR = 'nitter.net';
const BLOG = 'blog.example.org';

function bigPage(count: number): string {
  const links: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const href =
      i % 3 === 0
        ? `https://x.com/user${i}/status/${1000 + i}`
        : i % 3 === 1
          ? `https://twitter.com/user${i}`
          : `https://example.org/page/${i}`;
    links.push(`<li><a href="${href}">link ${i}</a></li>`);
  }
  return `<!doctype html><title>Big</title>
<p><a id="short" href="https://t.co/AbC123" data-expanded-url="https://example.org/real-article">example.org/real-article</a>
<a id="short-hidden" href="https://t.co/ZyX987">t.co/ZyX987</a></p>
<blockquote class="twitter-tweet"><p>Hello from X</p>&mdash; Jack (@jack) <a href="https://twitter.com/jack/status/20?ref_src=twsrc%5Etfw">March 21, 2006</a></blockquote>
<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>
<ul>${links.join('')}</ul>`;
}

const DYNAMIC_PAGE = `<!doctype html><title>Feed</title><ul id="feed"></ul>
<script>
let n = 0;
const timer = setInterval(() => {
  const feed = document.getElementById('feed');
  for (let k = 0; k < 25; k += 1, n += 1) {
    const li = document.createElement('li');
    li.innerHTML = '<a href="https://x.com/person' + n + '/status/' + (500 + n) + '">post ' + n + '</a>';
    feed.append(li);
  }
  if (n >= 500) { clearInterval(timer); document.body.dataset.done = 'yes'; }
}, 50);
</script>`;

test("a page of 10,000 links, its t.co links and its embedded tweet are rewritten; X's embed script never loads", async ({
  context,
  openPage,
  routeHost,
  allowHosts,
  recordingProxy,
}) => {
  const { xHits, options } = await blogWithMirror({ openPage, routeHost, allowHosts }, bigPage(10_000));
  expect((await linksState(options)).sites.all).toBe(true);

  const page = await context.newPage();
  await page.goto(`https://${BLOG}/`);
  // 3,334 status links and 3,333 profiles; the 3,333 other links are left alone.
  await expect
    .poll(() => page.locator(`a[href^="https://${MIRROR}/"]:not(.sortie-x-card)`).count(), { timeout: 20_000 })
    .toBe(6_667 + 1);
  expect(await page.locator('a[href^="https://example.org/page/"]').count()).toBe(3_333);
  expect(await page.getAttribute('a[href$="/user0/status/1000"]', 'href')).toBe(`https://${MIRROR}/user0/status/1000`);
  // t.co: unwrapped when the page shows where it goes, else through the mirror's resolver.
  await expect(page.locator('#short')).toHaveAttribute('href', 'https://example.org/real-article');
  await expect(page.locator('#short-hidden')).toHaveAttribute('href', `https://${MIRROR}/t.co/ZyX987`);
  // The embedded tweet is a plain card to the mirror, with its text.
  const card = page.locator('a.sortie-x-card');
  await expect(card).toHaveAttribute('href', `https://${MIRROR}/jack/status/20`);
  await expect(card).toContainText('Hello from X');
  await expect(page.locator('blockquote.twitter-tweet')).toHaveCount(0);

  await card.click();
  await expect(page).toHaveURL(`https://${MIRROR}/jack/status/20`);
  expect(xHits).toEqual([]);
  expect(xTrafficBeyondPreconnects(recordingProxy.log)).toEqual([]);
});

test('a page that keeps adding links has each batch rewritten', async ({
  context,
  openPage,
  routeHost,
  allowHosts,
  recordingProxy,
}) => {
  const { xHits } = await blogWithMirror({ openPage, routeHost, allowHosts }, DYNAMIC_PAGE);

  const page = await context.newPage();
  await page.goto(`https://${BLOG}/`);
  await expect(page.locator('body')).toHaveAttribute('data-done', 'yes', { timeout: 20_000 });
  await expect.poll(() => page.locator(`#feed a[href^="https://${MIRROR}/person"]`).count()).toBe(500);
  expect(await page.locator('#feed a[href^="https://x.com/"]').count()).toBe(0);
  expect(xHits).toEqual([]);
  expect(xTrafficBeyondPreconnects(recordingProxy.log)).toEqual([]);
});

test('with "rewrite links in pages" off, pages are left alone (the redirect rules still apply)', async ({
  context,
  openPage,
  routeHost,
  allowHosts,
  recordingProxy,
}) => {
  const { xHits } = await blogWithMirror({ openPage, routeHost, allowHosts }, bigPage(30), { rewriteInPages: false });

  const page = await context.newPage();
  await page.goto(`https://${BLOG}/`);
  await page.waitForTimeout(1_000);
  await expect(page.locator('a[href="https://x.com/user0/status/1000"]')).toHaveCount(1);
  await page.click('a[href="https://x.com/user0/status/1000"]');
  await expect(page).toHaveURL(`https://${MIRROR}/user0/status/1000`);
  expect(xHits).toEqual([]);
  expect(xTrafficBeyondPreconnects(recordingProxy.log)).toEqual([]);
});
