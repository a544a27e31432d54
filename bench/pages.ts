/**
 * Pages: a local page with 10,000 X links, loaded in a plain browser and in
 * one with Sortie, in turns. The bench copy of the build is granted the
 * page's origin (bench/support/build.ts), where the background registers the
 * links page script as for any granted site (document_start).
 *
 * The budgeted figure is navigation start → load event, with and without
 * Sortie, each load from a quiet blank tab (the script starts after the load
 * event and rewrites in runs of a few milliseconds, so the load should not
 * wait on it); also reported is navigation start → the last link rewritten (a
 * MutationObserver in the page notes each href the script changes). Two
 * browser instances differ by up to 15% whatever they load, so the loads are
 * spread over several freshly launched pairs. Then 1,000 links are appended in one mutation and timed until all
 * are rewritten (the script takes additions in one batch after yielding); its
 * work is the page's script time (CDP Performance.getMetrics ScriptDuration)
 * minus the same mutation's in the plain browser.
 */
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Figure } from './run.ts';
import { awaitLinksScript, launchBench } from './support/browser.ts';
import { BENCH_PAGE, PAGE_HOST, SORTIE_EXT } from './support/build.ts';
import { median, sleep } from './support/stats.ts';
import { startRecordingProxy } from '../tests/e2e/support/proxy.ts';

const LINKS = 10_000;
const ADDED = 1_000;
/** Browser pairs launched one after the other, and loads measured in each. */
const ROUNDS = 4;
/** Quiet time before each measured load. */
const SETTLE_MS = 300;
const LOADS = 8;
const MUTATIONS = 20;

/** X links in the shapes pages carry them: statuses, profiles, hashtags, searches, old hosts. */
function xLink(i: number): string {
  const shapes = [
    `https://x.com/user${i}/status/${1_800_000_000_000_000_000n + BigInt(i)}`,
    `https://twitter.com/user${i}`,
    `https://x.com/hashtag/tag${i}?src=hashtag_click`,
    `https://mobile.twitter.com/user${i}/status/${1_700_000_000_000_000_000n + BigInt(i)}/photo/1`,
    `https://x.com/search?q=bench%20${i}&f=live`,
  ];
  return shapes[i % shapes.length]!;
}

export function linksHtml(from: number, count: number): string {
  let html = '';
  for (let i = from; i < from + count; i++)
    html += `<p>Item ${i}: read <a href="${xLink(i)}">this post</a> and tell us.</p>\n`;
  return html;
}

async function servePage(): Promise<{ url: string; server: Server }> {
  const body = `<!doctype html><html lang="en"><meta charset="utf-8"><title>10,000 links</title><body>\n${linksHtml(0, LINKS)}</body></html>`;
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, PAGE_HOST, resolve));
  return { url: `http://${PAGE_HOST}:${(server.address() as AddressInfo).port}/links.html`, server };
}

interface HrefLog {
  count: number;
  last: number;
}
declare global {
  interface Window {
    __benchHrefs: HrefLog;
  }
}

/** Counts, in the page, every href change (only the content script changes any). */
async function watchHrefs(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    window.__benchHrefs = { count: 0, last: 0 };
    new MutationObserver((records) => {
      window.__benchHrefs.count += records.length;
      window.__benchHrefs.last = performance.now();
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['href'] });
  });
}

/** Loads the page; returns load-event time and the time the expected rewrites were done. */
async function loadOnce(page: Page, url: string, rewrites: number): Promise<{ load: number; done: number }> {
  // Each load starts from a quiet tab: without the pause, tearing down the previous
  // 10,000-link page (and, with Sortie, its script's world) overlaps the next load.
  await page.goto('about:blank');
  await sleep(SETTLE_MS);
  await page.goto(url, { waitUntil: 'load' });
  return page.evaluate(async (expected) => {
    const deadline = performance.now() + 10_000;
    while (window.__benchHrefs.count < expected && performance.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    if (window.__benchHrefs.count < expected)
      throw new Error(`bench: ${window.__benchHrefs.count} of ${expected} links rewritten`);
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return { load: nav.loadEventEnd, done: Math.max(nav.loadEventEnd, window.__benchHrefs.last) };
  }, rewrites);
}

/** Main-thread script time of the page so far (all worlds, so the content script's too), in ms. */
async function scriptMs(session: CDPSession): Promise<number> {
  const { metrics } = (await session.send('Performance.getMetrics')) as {
    metrics: Array<{ name: string; value: number }>;
  };
  return (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? Number.NaN) * 1000;
}

/**
 * Appends the links in one mutation and waits until `expected` hrefs changed.
 * `total`: append → last href rewritten (the script yields to the page's
 * tasks first). `script`: the page's script time meanwhile; the same in the plain
 * browser is the bench's own part (building the links, polling).
 */
async function mutationOnce(
  page: Page,
  session: CDPSession,
  html: string,
  expected: number,
): Promise<{ total: number; script: number }> {
  const before = await scriptMs(session);
  const total = await page.evaluate(
    ({ markup, expected }) =>
      new Promise<number>((resolve, reject) => {
        const box = document.createElement('div');
        box.innerHTML = markup;
        const start = performance.now();
        const before = window.__benchHrefs.count;
        document.body.append(box);
        const poll = (): void => {
          const done = window.__benchHrefs.count - before;
          if (done >= expected) {
            resolve(window.__benchHrefs.last - start);
            box.remove();
          } else if (performance.now() - start > 5_000)
            reject(new Error(`bench: ${done} of ${expected} added links rewritten`));
          else setTimeout(poll, 10);
        };
        setTimeout(poll, 10);
      }),
    { markup: html, expected },
  );
  return { total, script: (await scriptMs(session)) - before };
}

/** Waits until the background has stored the mirror and its page rules, as it does right after install. */

/** A plain browser and one with Sortie, each with a page that notes href changes. */
async function launchPair(proxyPort: number, sortieFirst: boolean) {
  const launch = (extensions: string[]) => launchBench({ extensions, proxyPort });
  const [plain, sortie] = sortieFirst
    ? await launch([SORTIE_EXT]).then(async (s) => [await launch([]), s] as const)
    : await launch([]).then(async (p) => [p, await launch([SORTIE_EXT])] as const);
  // The measured pages first: headless Chromium may quit when its last page closes, and
  // the welcome page and the one awaitLinksScript opens are both closed.
  const plainPage = await plain.context.newPage();
  const sortiePage = await sortie.context.newPage();
  for (const b of [plain, sortie]) await watchHrefs(b.context);
  await awaitLinksScript(sortie, SORTIE_EXT, BENCH_PAGE);
  return { plain, sortie, plainPage, sortiePage };
}

export async function benchPages(): Promise<Figure[]> {
  const proxy = await startRecordingProxy();
  const { url, server } = await servePage();
  const without: number[] = [];
  const withLoad: number[] = [];
  const withDone: number[] = [];
  try {
    // Two browser instances differ by up to 15% on this machine whatever they load: each round
    // launches a fresh pair (in alternating order), so no one instance decides the ratio.
    for (let round = 0; round < ROUNDS; round++) {
      const pair = await launchPair(proxy.port, round % 2 === 1);
      try {
        // One unmeasured load each: caches, compilers, and a check that every link is rewritten.
        await loadOnce(pair.plainPage, url, 0);
        await loadOnce(pair.sortiePage, url, LINKS);
        for (let i = 0; i < LOADS; i++) {
          without.push((await loadOnce(pair.plainPage, url, 0)).load);
          const s = await loadOnce(pair.sortiePage, url, LINKS);
          withLoad.push(s.load);
          withDone.push(s.done);
        }
        if (round === ROUNDS - 1)
          return [
            ...loadFigures(without, withLoad, withDone),
            ...(await mutationFigures(pair.plainPage, pair.sortiePage)),
          ];
      } finally {
        await pair.sortie.close();
        await pair.plain.close();
      }
    }
    throw new Error('bench: no rounds');
  } finally {
    server.close();
    await proxy.close();
  }
}

function loadFigures(without: number[], withLoad: number[], withDone: number[]): Figure[] {
  const n = without.length;
  return [
    {
      figure: `pages: ${LINKS.toLocaleString('en')}-link page, load event (median of ${n}, ${ROUNDS} browser pairs)`,
      value: median(withLoad),
      unit: 'ms',
      baseline: median(without),
      budget: 1.05,
      budgetKind: 'ratio',
    },
    {
      figure: 'pages: the same, until every link is rewritten (in short runs after load)',
      value: median(withDone),
      unit: 'ms',
      baseline: median(without),
    },
  ];
}

async function mutationFigures(plainPage: Page, sortiePage: Page): Promise<Figure[]> {
  const added = linksHtml(LINKS, ADDED);
  const sessions = await Promise.all(
    [plainPage, sortiePage].map(async (p) => {
      const session = await p.context().newCDPSession(p);
      await session.send('Performance.enable');
      return session;
    }),
  );
  const total: number[] = [];
  const script: number[] = [];
  const benchScript: number[] = [];
  for (let i = 0; i < MUTATIONS; i++) {
    benchScript.push((await mutationOnce(plainPage, sessions[0]!, added, 0)).script);
    const m = await mutationOnce(sortiePage, sessions[1]!, added, ADDED);
    total.push(m.total);
    script.push(m.script);
  }
  return [
    {
      figure: `pages: ${ADDED.toLocaleString('en')} links added in one mutation, rewriting work (median of ${MUTATIONS})`,
      value: median(script) - median(benchScript),
      unit: 'ms',
      budget: 5,
    },
    {
      figure: 'pages: the same, mutation → all rewritten',
      value: median(total),
      unit: 'ms',
    },
  ];
}
