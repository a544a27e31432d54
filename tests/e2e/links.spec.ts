/**
 * Reading X without X, in Chromium with the built extension:
 * X navigations of every shape, typed or clicked on another site, land on
 * the mirror through the browser's own redirect rules, and no request
 * reaches X. Mirrors and X are served through routes that record each hit.
 */
import type { Page } from '@playwright/test';
import { rewriteToMirror } from '../../lib/links/mirrors.ts';
import { parseXUrl } from '../../lib/links/x-url.ts';
import { expect, test } from './support/fixtures.ts';
import {
  allowXPreconnects,
  linksReady,
  serveMirrors,
  serveX,
  updateSettings,
  xPreconnects,
  xTrafficBeyondPreconnects,
} from './support/links.ts';
import { answerWelcome, chooseLeaving } from './support/welcome.ts';

const MIRROR = 'nitter.net';
const NEWS = 'news.example.org';

/** Shapes people meet: hosts, posts with tracking, media, search, lists, intents, short links, embeds. */
const SHAPES = [
  'https://x.com/jack',
  'https://twitter.com/jack',
  'https://mobile.twitter.com/jack',
  'https://www.x.com/jack/with_replies',
  'https://x.com/jack/likes',
  'https://x.com/jack/status/20',
  'https://twitter.com/jack/status/20?s=20&t=AbCdEf',
  'https://x.com/jack/status/20/photo/1',
  'https://x.com/i/web/status/20',
  'https://x.com/search?q=leaving%20x&src=typed_query&f=live',
  'https://x.com/search?q=sortie&f=user',
  'https://x.com/hashtag/fediverse?src=hashtag_click',
  'https://x.com/i/lists/1234567',
  'https://x.com/jack/lists/friends',
  'https://x.com/i/user/12',
  'https://x.com/intent/user?screen_name=jack',
  'https://x.com/intent/like?tweet_id=20',
  'https://t.co/AbC123xyz',
  'https://platform.twitter.com/embed/Tweet.html?id=20',
  'https://x.com/home',
  'https://twitter.com/',
] as const;

const expected = (url: string): string =>
  rewriteToMirror(parseXUrl(url)!, { origin: `https://${MIRROR}`, scheme: 'nitter' })!;

/** Same page: same origin and path, same query parameters in any order. */
function sameTarget(actual: string, wanted: string): boolean {
  const a = new URL(actual);
  const b = new URL(wanted);
  const params = (u: URL) => JSON.stringify([...u.searchParams.entries()].sort());
  return a.origin === b.origin && a.pathname === b.pathname && params(a) === params(b);
}

async function landsOn(page: Page, wanted: string): Promise<void> {
  await expect.poll(() => sameTarget(page.url(), wanted), { message: `${page.url()} should be ${wanted}` }).toBe(true);
  await expect(page.locator(`main[data-mirror="${new URL(wanted).hostname}"]`)).toBeVisible();
}

const newsPage = (links: readonly string[]) =>
  `<!doctype html><title>News</title><ul>${links.map((href, i) => `<li><a id="l${i}" href="${href}">link ${i}</a></li>`).join('')}</ul>`;

test('every shape of X link lands on the mirror, typed or clicked on another site; X gets no request', async ({
  context,
  openPage,
  routeHost,
  allowHosts,
  requestLog,
  recordingProxy,
}, testInfo) => {
  allowXPreconnects(allowHosts);
  const xHits = await serveX(routeHost);
  await serveMirrors(routeHost, allowHosts, { [MIRROR]: 'up' });
  allowHosts(NEWS);
  await routeHost(NEWS, (route) => route.fulfill({ contentType: 'text/html', body: newsPage(SHAPES) }));
  const { page: options } = await openPage('options.html');
  await linksReady(options);
  await chooseLeaving(options);
  await updateSettings(options, { links: { pinnedMirror: MIRROR } });

  const page = await context.newPage();
  for (const url of SHAPES) {
    await page.goto(url);
    await landsOn(page, expected(url));
  }
  for (const [i, url] of SHAPES.entries()) {
    await page.goto(`https://${NEWS}/`);
    await page.click(`#l${i}`);
    await landsOn(page, expected(url));
  }

  // No HTTP request reached X, by route or proxy; pre-connections are counted in the report.
  expect(xHits).toEqual([]);
  expect(xTrafficBeyondPreconnects(recordingProxy.log)).toEqual([]);
  expect(
    requestLog.filter((r) => r.host.endsWith('x.com') || r.host.endsWith('twitter.com') || r.host === 't.co'),
  ).toEqual([]);
  expect(xTrafficBeyondPreconnects(recordingProxy.log)).toEqual([]);
  testInfo.annotations.push({
    type: 'x-preconnects',
    description: `${xPreconnects(recordingProxy.log)} bare CONNECTs (browser loading predictor)`,
  });

  // The exit dashboard counted each of them.
  const bridge = await openPage('bridge.html');
  await expect(bridge.page.locator('tr[data-stat="x.redirected"] td').last()).toHaveText(String(SHAPES.length * 2));
});

/** Shapes that are not X's own hosts: images on X's CDN, and embed fixers that would pass the reader on to X. */
const CDN_AND_FIXERS = [
  'https://pbs.twimg.com/media/GabcDEF?format=jpg&name=small',
  'https://pbs.twimg.com/media/GabcDEF.jpg',
  'https://pbs.twimg.com/profile_images/1/abc_400x400.jpg',
  'https://fxtwitter.com/jack/status/20',
  'https://www.vxtwitter.com/jack/status/20/photo/1',
  'https://d.fxtwitter.com/jack/status/20.mp4',
  'https://fixupx.com/jack',
  'https://fixvx.com/jack/status/20?s=20',
] as const;
const FIXER_HOSTS = [
  'fxtwitter.com',
  'www.fxtwitter.com',
  'd.fxtwitter.com',
  'vxtwitter.com',
  'www.vxtwitter.com',
  'fixupx.com',
  'fixvx.com',
];

test("an image on X's CDN and an embed fixer, typed or clicked, land on the mirror; neither X nor the fixer hears of it", async ({
  context,
  openPage,
  routeHost,
  allowHosts,
  recordingProxy,
}) => {
  allowXPreconnects(allowHosts);
  const xHits = await serveX(routeHost);
  const fixerHits: string[] = [];
  // The browser may pre-connect to a host being navigated to before any rule runs, as it does
  // to X: bare CONNECTs are tolerated below, any request is not.
  allowHosts(...FIXER_HOSTS);
  for (const host of FIXER_HOSTS) {
    await routeHost(host, async (route) => {
      fixerHits.push(route.request().url());
      await route.fulfill({
        status: 200,
        contentType: 'text/html',
        body: '<!doctype html><title>Fixer</title><main>fixer</main>',
      });
    });
  }
  await serveMirrors(routeHost, allowHosts, { [MIRROR]: 'up' });
  allowHosts(NEWS);
  await routeHost(NEWS, (route) => route.fulfill({ contentType: 'text/html', body: newsPage(CDN_AND_FIXERS) }));
  const { page: options } = await openPage('options.html');
  await linksReady(options);
  await chooseLeaving(options);
  await updateSettings(options, { links: { pinnedMirror: MIRROR } });

  const page = await context.newPage();
  for (const url of CDN_AND_FIXERS) {
    await page.goto(url);
    await landsOn(page, expected(url));
  }
  for (const [i, url] of CDN_AND_FIXERS.entries()) {
    await page.goto(`https://${NEWS}/`);
    await page.click(`#l${i}`);
    await landsOn(page, expected(url));
  }
  expect(xHits).toEqual([]);
  expect(fixerHits).toEqual([]);
  expect(xTrafficBeyondPreconnects(recordingProxy.log)).toEqual([]);
  expect(recordingProxy.log.filter((r) => FIXER_HOSTS.includes(r.host) && r.url !== `https://${r.host}:443`)).toEqual(
    [],
  );
});

test('"Share on X" opens Sortie\'s composer, typed or clicked', async ({
  context,
  openPage,
  routeHost,
  allowHosts,
  extensionId,
  recordingProxy,
}) => {
  allowXPreconnects(allowHosts);
  const xHits = await serveX(routeHost);
  await serveMirrors(routeHost, allowHosts, { [MIRROR]: 'up' });
  allowHosts(NEWS);
  const share = 'https://twitter.com/intent/tweet?text=Leaving%20X&url=https%3A%2F%2Fexample.org%2F';
  await routeHost(NEWS, (route) => route.fulfill({ contentType: 'text/html', body: newsPage([share]) }));
  const { page: options } = await openPage('options.html');
  await linksReady(options);
  await chooseLeaving(options);

  const page = await context.newPage();
  // The rule blocks the intent (the goto sees ERR_BLOCKED_BY_CLIENT) and the background opens the composer.
  await page.goto(share).catch(() => undefined);
  // The composer learns which intent it stands for (to offer "Post on X anyway") and what it shares.
  await expect(page).toHaveURL(
    `chrome-extension://${extensionId}/compose.html?xshare=${encodeURIComponent(share)}&text=Leaving%20X&url=https%3A%2F%2Fexample.org%2F`,
  );
  await page.goto(`https://${NEWS}/`);
  await page.click('#l0');
  await expect(page).toHaveURL(/^chrome-extension:\/\/[a-z]+\/compose\.html\?xshare=[^&]+&text=Leaving%20X/);
  expect(xHits).toEqual([]);
  expect(xTrafficBeyondPreconnects(recordingProxy.log)).toEqual([]);
});

test('"I still use X": typed and in-X navigations stay on X, links from other sites go to the mirror', async ({
  context,
  openPage,
  routeHost,
  allowHosts,
  recordingProxy,
}) => {
  allowXPreconnects(allowHosts);
  allowHosts('x.com');
  const xHits = await serveX(
    routeHost,
    '<!doctype html><title>X</title><main>X itself</main><a id="inside" href="https://x.com/nasa">nasa</a>',
  );
  await serveMirrors(routeHost, allowHosts, { [MIRROR]: 'up' });
  allowHosts(NEWS);
  await routeHost(NEWS, (route) =>
    route.fulfill({ contentType: 'text/html', body: newsPage(['https://x.com/jack/status/20']) }),
  );
  const { page: options } = await openPage('options.html');
  await linksReady(options);
  await updateSettings(options, { links: { pinnedMirror: MIRROR } });
  await answerWelcome(options, 'staying');

  const page = await context.newPage();
  await page.goto('https://x.com/jack');
  await expect(page).toHaveURL('https://x.com/jack');
  await page.click('#inside');
  await expect(page).toHaveURL('https://x.com/nasa');
  expect(xHits).toEqual(['https://x.com/jack', 'https://x.com/nasa']);

  await page.goto(`https://${NEWS}/`);
  await page.click('#l0');
  await landsOn(page, `https://${MIRROR}/jack/status/20`);
  expect(xHits).toHaveLength(2);
});

/** A page on x.com that installs a service worker answering every navigation from "cache", as X's does. */
const X_WITH_WORKER = `<!doctype html><title>X</title><main>X itself</main>
<script>navigator.serviceWorker.register('/sw.js').then(() => navigator.serviceWorker.ready).then(() => { document.body.dataset.worker = 'ready'; });</script>`;
const WORKER = `self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => {
  if (e.request.mode === 'navigate') e.respondWith(new Response('<!doctype html><title>X (cached)</title><main id="cached">X from its service worker</main>', { headers: { 'content-type': 'text/html' } }));
});`;

test("X's own service worker cannot keep a reader on X: the page is sent to the mirror and the worker removed", async ({
  context,
  openPage,
  routeHost,
  allowHosts,
  recordingProxy,
}) => {
  allowXPreconnects(allowHosts);
  allowHosts('x.com');
  const xHits: string[] = [];
  await routeHost('x.com', async (route) => {
    const url = route.request().url();
    xHits.push(url);
    if (url.endsWith('/sw.js')) await route.fulfill({ contentType: 'text/javascript', body: WORKER });
    else await route.fulfill({ contentType: 'text/html', body: X_WITH_WORKER });
  });
  await serveMirrors(routeHost, allowHosts, { [MIRROR]: 'up' });
  const { page: options } = await openPage('options.html');
  await linksReady(options);
  await chooseLeaving(options);
  await updateSettings(options, { links: { pinnedMirror: MIRROR, redirect: false } });

  // While redirects are off, the reader visits X, which installs its worker.
  const page = await context.newPage();
  await page.goto('https://x.com/home');
  await expect(page.locator('body')).toHaveAttribute('data-worker', 'ready');
  await updateSettings(options, { links: { redirect: true } });
  expect(xHits).toEqual(['https://x.com/home', 'https://x.com/sw.js']);

  // The worker answers this navigation itself: no rule sees it, the guard does.
  await page.goto('https://x.com/jack/status/20');
  await landsOn(page, `https://${MIRROR}/jack/status/20`);
  // Its worker is gone: the next navigation reaches the rules again.
  await page.goto('https://x.com/nasa');
  await landsOn(page, `https://${MIRROR}/nasa`);
  expect(xHits.filter((u) => !u.endsWith('/sw.js'))).toEqual(['https://x.com/home']);
});

test("X's own service worker cannot keep a reader on X when no mirror works either: the page goes to Sortie's fallback page", async ({
  context,
  openPage,
  routeHost,
  allowHosts,
  extensionId,
}) => {
  allowXPreconnects(allowHosts);
  allowHosts('x.com');
  const xHits: string[] = [];
  await routeHost('x.com', async (route) => {
    const url = route.request().url();
    xHits.push(url);
    if (url.endsWith('/sw.js')) await route.fulfill({ contentType: 'text/javascript', body: WORKER });
    else await route.fulfill({ contentType: 'text/html', body: X_WITH_WORKER });
  });
  // No mirror answers.
  await serveMirrors(routeHost, allowHosts, {});
  const { page: options } = await openPage('options.html');
  await linksReady(options);
  await chooseLeaving(options);
  const page = await context.newPage();
  // A first X link finds every mirror down: from now on X links go to the fallback page.
  await page.goto('https://x.com/jack/status/20').catch(() => undefined);
  await expect(page).toHaveURL(`chrome-extension://${extensionId}/fallback.html?url=https://x.com/jack/status/20`, {
    timeout: 30_000,
  });

  // With redirects off a moment, X installs its worker; then they are back on (still no mirror).
  await updateSettings(options, { links: { redirect: false } });
  await page.goto('https://x.com/home');
  await expect(page.locator('body')).toHaveAttribute('data-worker', 'ready');
  await updateSettings(options, { links: { redirect: true } });
  const before = xHits.length;

  // The worker answers this navigation itself; the guard removes it and loads the page again, which the rules stop.
  await page.goto('https://x.com/nasa').catch(() => undefined);
  await expect(page).toHaveURL(`chrome-extension://${extensionId}/fallback.html?url=https://x.com/nasa`, {
    timeout: 15_000,
  });
  expect(xHits.slice(before)).toEqual([]);
});
