/**
 * Pages: a local page with 10,000 X links, loaded in a plain browser and in
 * one with Sortie, in turns. The links content script is declared for the
 * page's origin in the bench copy of the build (bench/support/build.ts), so
 * it runs as a registered one would, at document_idle.
 *
 * Sortie's time is navigation start → the later of the load event and the
 * last link rewritten (a MutationObserver in the page notes each href the
 * content script changes); the plain browser's is navigation start → load
 * event. Then 1,000 links are appended in one mutation and timed until all
 * are rewritten (the script batches additions into an idle callback); its
 * work is the page's script time (CDP Performance.getMetrics ScriptDuration)
 * minus the same mutation's in the plain browser.
 */
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Figure } from './run.ts';
import { launchBench, type BenchBrowser } from './support/browser.ts';
import { BENCH_PAGE, PAGE_HOST, SORTIE_EXT } from './support/build.ts';
import { median } from './support/stats.ts';
import { startRecordingProxy } from '../tests/e2e/support/proxy.ts';

const LINKS = 10_000;
const ADDED = 1_000;
const LOADS = 15;
const MUTATIONS = 20;
/** lib/links/page-rewrite.ts LINK_MIRROR_KEY (that module does not load under Node's type stripping). */
const LINK_MIRROR_KEY = 'sortie.linkMirror';
const MIRROR = { origin: 'https://nitter.bench.invalid', scheme: 'nitter' };

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
  for (let i = from; i < from + count; i++) html += `<p>Item ${i}: read <a href="${xLink(i)}">this post</a> and tell us.</p>\n`;
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
  await page.goto(url, { waitUntil: 'load' });
  return page.evaluate(async (expected) => {
    const deadline = performance.now() + 10_000;
    while (window.__benchHrefs.count < expected && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (window.__benchHrefs.count < expected) throw new Error(`bench: ${window.__benchHrefs.count} of ${expected} links rewritten`);
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return { load: nav.loadEventEnd, done: Math.max(nav.loadEventEnd, window.__benchHrefs.last) };
  }, rewrites);
}

/** Main-thread script time of the page so far (all worlds, so the content script's too), in ms. */
async function scriptMs(session: CDPSession): Promise<number> {
  const { metrics } = (await session.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  return (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? Number.NaN) * 1000;
}

/**
 * Appends the links in one mutation and waits until `expected` hrefs changed.
 * `total`: append → last href rewritten (the script waits for idle time
 * first). `script`: the page's script time meanwhile; the same in the plain
 * browser is the bench's own part (building the links, polling).
 */
async function mutationOnce(page: Page, session: CDPSession, html: string, expected: number): Promise<{ total: number; script: number }> {
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
          } else if (performance.now() - start > 5_000) reject(new Error(`bench: ${done} of ${expected} added links rewritten`));
          else setTimeout(poll, 10);
        };
        setTimeout(poll, 10);
      }),
    { markup: html, expected },
  );
  return { total, script: (await scriptMs(session)) - before };
}

async function setMirror(browser: BenchBrowser): Promise<void> {
  const page = await browser.openExtensionPage(SORTIE_EXT, BENCH_PAGE);
  await page.evaluate(([key, mirror]) => chrome.storage.local.set({ [key as string]: mirror }), [LINK_MIRROR_KEY, MIRROR] as const);
  await page.close();
}
declare const chrome: { storage: { local: { set(items: Record<string, unknown>): Promise<void> } } };

export async function benchPages(): Promise<Figure[]> {
  const proxy = await startRecordingProxy();
  const { url, server } = await servePage();
  const plain = await launchBench({ extensions: [], proxyPort: proxy.port });
  const sortie = await launchBench({ extensions: [SORTIE_EXT], proxyPort: proxy.port });
  try {
    await setMirror(sortie);
    for (const b of [plain, sortie]) await watchHrefs(b.context);
    const plainPage = await plain.context.newPage();
    const sortiePage = await sortie.context.newPage();
    // One unmeasured load each: caches, compilers, and a check that every link is rewritten.
    await loadOnce(plainPage, url, 0);
    await loadOnce(sortiePage, url, LINKS);
    const without: number[] = [];
    const withLoad: number[] = [];
    const withDone: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      without.push((await loadOnce(plainPage, url, 0)).load);
      const s = await loadOnce(sortiePage, url, LINKS);
      withLoad.push(s.load);
      withDone.push(s.done);
    }
    const added = linksHtml(LINKS, ADDED);
    const sessions = await Promise.all([plainPage, sortiePage].map(async (p) => {
      const session = await p.context().newCDPSession(p);
      await session.send('Performance.enable');
      return session;
    }));
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
      { figure: `pages: ${LINKS.toLocaleString('en')}-link page, load + links rewritten (median of ${LOADS})`, value: median(withDone), unit: 'ms', baseline: median(without), budget: 1.05, budgetKind: 'ratio' },
      { figure: 'pages: the same, load event only', value: median(withLoad), unit: 'ms', baseline: median(without) },
      { figure: `pages: ${ADDED.toLocaleString('en')} links added in one mutation, rewriting work (median of ${MUTATIONS})`, value: median(script) - median(benchScript), unit: 'ms', budget: 5 },
      { figure: 'pages: the same, mutation → all rewritten (incl. waiting for idle time)', value: median(total), unit: 'ms' },
    ];
  } finally {
    await sortie.close();
    await plain.close();
    server.close();
    await proxy.close();
  }
}
