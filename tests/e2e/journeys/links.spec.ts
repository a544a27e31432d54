/**
 * Reading X without X, in both browsers: X links of every shape, images on
 * X's CDN and embed fixers, typed or clicked on another site, land on the
 * mirror through the browser's own redirect rules (each browser has its own
 * declarativeNetRequest: its regexes, its initiator rules), and no request
 * reaches X; "I still use X" keeps x.com usable; X's own service worker
 * cannot hold a reader on X.
 */
import { rewriteToMirror } from '../../../lib/links/mirrors.ts';
import { parseXUrl } from '../../../lib/links/x-url.ts';
import {
  CDN_AND_FIXER_LINKS,
  MIRROR_HOSTS,
  FIXER_HOSTS,
  X_LINK_SHAPES,
  allowXPreconnects,
  newsPage,
  sameTarget,
  serveMirrorsTo,
  serveXTo,
  xRequestsSeen,
  WORKER,
  X_WITH_WORKER,
} from '../support/links.ts';
import { expect, test, type JourneyBrowser, type Tab } from '../support/journey.ts';
import { answerWelcome, sortieMessage } from './steps.ts';

const MIRROR = 'nitter.net';
const NEWS = 'news.example.org';

const expected = (url: string): string =>
  rewriteToMirror(parseXUrl(url)!, { origin: `https://${MIRROR}`, scheme: 'nitter' })!;

async function landsOn(tab: Tab, wanted: string): Promise<void> {
  await expect
    .poll(async () => sameTarget(await tab.url(), wanted), { timeout: 15_000, message: `${wanted}` })
    .toBe(true);
  await tab.waitFor(`document.querySelector('main')?.dataset.mirror === ${JSON.stringify(new URL(wanted).hostname)}`);
}

/** x.com, whose pages install X's service worker; returns the pages asked for (not Firefox's own /favicon.ico). */
async function serveXWithWorker(journey: JourneyBrowser): Promise<string[]> {
  const xHits: string[] = [];
  await journey.serveHttps('x.com', ({ path }) => {
    if (path !== '/favicon.ico') xHits.push(`https://x.com${path}`);
    return path === '/sw.js'
      ? { status: 200, type: 'text/javascript', body: WORKER }
      : { status: 200, type: 'text/html', body: X_WITH_WORKER };
  });
  return xHits;
}

/** The user has said "I'm leaving X" and chose this mirror. */
async function leavingWithMirror(journey: JourneyBrowser): Promise<Tab> {
  await answerWelcome(journey, 'leaving');
  const options = await journey.openPage('options.html');
  await sortieMessage(options, 'settings.update', { links: { pinnedMirror: MIRROR } });
  return options;
}

test('every shape of X link lands on the mirror, typed or clicked on another site; X gets no request', async ({
  journey,
  allowHosts,
  recordingProxy,
}) => {
  test.setTimeout(180_000);
  if (journey.kind === 'chromium') allowXPreconnects(allowHosts);
  const xHits = await serveXTo(journey);
  await serveMirrorsTo(journey, allowHosts, { [MIRROR]: 'up' });
  allowHosts(NEWS);
  await journey.serveHttps(NEWS, () => ({ status: 200, type: 'text/html', body: newsPage(X_LINK_SHAPES) }));
  await leavingWithMirror(journey);

  const tab = await journey.newTab();
  for (const url of X_LINK_SHAPES) {
    await tab.goto(url);
    await landsOn(tab, expected(url));
  }
  for (const [i, url] of X_LINK_SHAPES.entries()) {
    await tab.goto(`https://${NEWS}/`);
    await tab.click(`link ${i}`);
    await landsOn(tab, expected(url));
  }
  expect(xHits).toEqual([]);
  expect(xRequestsSeen(journey, recordingProxy)).toEqual([]);

  // The exit dashboard counted each of them.
  const bridge = await journey.openPage('bridge.html');
  await bridge.waitFor(
    `document.querySelector('tr[data-stat="x.redirected"] td:last-child')?.textContent === ${JSON.stringify(String(X_LINK_SHAPES.length * 2))}`,
  );
});

test("an image on X's CDN and an embed fixer, typed or clicked, land on the mirror; neither X nor the fixer hears of it", async ({
  journey,
  allowHosts,
  recordingProxy,
}) => {
  if (journey.kind === 'chromium') allowXPreconnects(allowHosts);
  // The browser may pre-connect to a fixer as it does to X: bare CONNECTs are tolerated, any request is not.
  if (journey.kind === 'chromium') allowHosts(...FIXER_HOSTS);
  const xHits = await serveXTo(journey);
  const fixerHits: string[] = [];
  for (const host of FIXER_HOSTS)
    await journey.serveHttps(host, ({ path }) => {
      fixerHits.push(`https://${host}${path}`);
      return { status: 200, type: 'text/html', body: '<!doctype html><title>Fixer</title><main>fixer</main>' };
    });
  await serveMirrorsTo(journey, allowHosts, { [MIRROR]: 'up' });
  allowHosts(NEWS);
  await journey.serveHttps(NEWS, () => ({ status: 200, type: 'text/html', body: newsPage(CDN_AND_FIXER_LINKS) }));
  await leavingWithMirror(journey);

  const tab = await journey.newTab();
  for (const url of CDN_AND_FIXER_LINKS) {
    await tab.goto(url);
    await landsOn(tab, expected(url));
  }
  for (const [i, url] of CDN_AND_FIXER_LINKS.entries()) {
    await tab.goto(`https://${NEWS}/`);
    await tab.click(`link ${i}`);
    await landsOn(tab, expected(url));
  }
  expect(xHits).toEqual([]);
  expect(fixerHits).toEqual([]);
  expect(xRequestsSeen(journey, recordingProxy)).toEqual([]);
  expect(recordingProxy.log.filter((r) => FIXER_HOSTS.includes(r.host) && r.url !== `https://${r.host}:443`)).toEqual(
    [],
  );
});

test('"I still use X": typed and in-X navigations stay on X, links from other sites go to the mirror', async ({
  journey,
  allowHosts,
}) => {
  allowHosts('x.com');
  if (journey.kind === 'chromium') allowXPreconnects(allowHosts);
  const xHits = await serveXTo(
    journey,
    '<!doctype html><title>X</title><main>X itself</main><a id="inside" href="https://x.com/nasa">nasa</a>',
  );
  await serveMirrorsTo(journey, allowHosts, { [MIRROR]: 'up' });
  allowHosts(NEWS);
  await journey.serveHttps(NEWS, () => ({
    status: 200,
    type: 'text/html',
    body: newsPage(['https://x.com/jack/status/20']),
  }));
  await answerWelcome(journey, 'staying');
  const options = await journey.openPage('options.html');
  await sortieMessage(options, 'settings.update', { links: { pinnedMirror: MIRROR } });

  const tab = await journey.newTab();
  await tab.goto('https://x.com/jack');
  await tab.waitFor(`document.title === 'X'`);
  expect(await tab.url()).toBe('https://x.com/jack');
  await tab.click('nasa');
  await expect.poll(() => tab.url(), { timeout: 15_000 }).toBe('https://x.com/nasa');
  expect(xHits).toEqual(['https://x.com/jack', 'https://x.com/nasa']);

  await tab.goto(`https://${NEWS}/`);
  await tab.click('link 0');
  await landsOn(tab, `https://${MIRROR}/jack/status/20`);
  expect(xHits).toHaveLength(2);
});

test("X's own service worker cannot keep a reader on X: the page is sent to the mirror and the worker removed", async ({
  journey,
  allowHosts,
}) => {
  allowHosts('x.com');
  if (journey.kind === 'chromium') allowXPreconnects(allowHosts);
  const xHits = await serveXWithWorker(journey);
  await serveMirrorsTo(journey, allowHosts, { [MIRROR]: 'up' });
  const options = await leavingWithMirror(journey);
  await sortieMessage(options, 'settings.update', { links: { redirect: false } });

  // While redirects are off, the reader visits X, which installs its worker.
  const tab = await journey.newTab();
  await tab.goto('https://x.com/home');
  await tab.waitFor(`document.body?.dataset.worker === 'ready'`);
  await sortieMessage(options, 'settings.update', { links: { redirect: true } });
  expect(xHits).toEqual(['https://x.com/home', 'https://x.com/sw.js']);

  // The worker answers this navigation itself: no rule sees it, the guard does.
  await tab.goto('https://x.com/jack/status/20');
  await landsOn(tab, `https://${MIRROR}/jack/status/20`);
  // Its worker is gone: the next navigation reaches the rules again.
  await tab.goto('https://x.com/nasa');
  await landsOn(tab, `https://${MIRROR}/nasa`);
  expect(xHits.filter((u) => !u.endsWith('/sw.js'))).toEqual(['https://x.com/home']);
});

test("X's own service worker cannot keep a reader on X when no mirror works either: the page goes to Sortie's fallback page", async ({
  journey,
  allowHosts,
}) => {
  allowHosts('x.com');
  if (journey.kind === 'chromium') allowXPreconnects(allowHosts);
  const xHits = await serveXWithWorker(journey);
  // No mirror answers.
  const down: Record<string, 'down'> = {};
  for (const host of MIRROR_HOSTS) down[host] = 'down';
  await serveMirrorsTo(journey, allowHosts, down);
  await answerWelcome(journey, 'leaving');
  const options = await journey.openPage('options.html');
  const fallback = (x: string) => `${journey.extensionOrigin}/fallback.html?url=${x}`;
  const tab = await journey.newTab();
  // A first X link finds every mirror down: from now on X links go to the fallback page.
  await tab.goto('https://x.com/jack/status/20');
  await expect.poll(() => tab.url(), { timeout: 30_000 }).toBe(fallback('https://x.com/jack/status/20'));

  // With redirects off a moment, X installs its worker; then they are back on (still no mirror).
  await sortieMessage(options, 'settings.update', { links: { redirect: false } });
  await tab.goto('https://x.com/home');
  await tab.waitFor(`document.body?.dataset.worker === 'ready'`);
  await sortieMessage(options, 'settings.update', { links: { redirect: true } });
  const before = xHits.length;

  // The worker answers this navigation itself; the guard removes it and loads the page again, which the rules stop.
  await tab.goto('https://x.com/nasa');
  await expect.poll(() => tab.url(), { timeout: 15_000 }).toBe(fallback('https://x.com/nasa'));
  expect(xHits.slice(before)).toEqual([]);
});
