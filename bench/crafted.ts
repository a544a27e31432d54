/**
 * Crafted links: a page holding one 64k-character X link crafted against the
 * page rules' regexes (JavaScript backtracks where RE2 would not), plus an
 * ordinary X link after it, loaded in Chromium with the built extension. The
 * page's own 10 ms timer notes how late it fires from the load event (the
 * links script starts after it) until both links are handled: the longest
 * lateness is how long the page's main thread was held. Budget: 50 ms, on
 * the median of the loads (the worst is shown too: this shared machine alone
 * makes a timer late by tens of ms now and then). The baseline is the same
 * page without the crafted link. `npm run bench -- --only=crafted` runs
 * just this (and does not rewrite results.md).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import type { Figure } from './run.ts';
import { awaitLinksScript, launchBench } from './support/browser.ts';
import { BENCH_PAGE, PAGE_HOST, SORTIE_EXT } from './support/build.ts';
import { median, sleep } from './support/stats.ts';
import { startRecordingProxy } from '../tests/e2e/support/proxy.ts';

const LOADS = 10;
const BUDGET_MS = 50;
const PLAIN = 'https://x.com/jack/status/20';

const fill = (prefix: string, unit: string, length: number): string =>
  (prefix + unit.repeat(Math.ceil(length / unit.length))).slice(0, length);

/** The worst cases found for the rules (tests/unit/links/page-rules-linear.test.ts has the full grid). */
const CRAFTED: Array<[string, string]> = [
  ['64k `&q=` run in a search', fill('https://x.com/search?', '&q=', 65_536)],
  ['64k `a/` run in a search query', fill('https://x.com/search/?q=', 'a/', 65_536)],
  [
    'at both bounds: 2,048 characters, 32 `&q=` then `a/`',
    fill(`https://x.com/search?${'&q='.repeat(32)}`, 'a/', 2_048),
  ],
];

function html(crafted: string | null): string {
  return `<!doctype html><meta charset="utf-8"><title>Crafted</title>
<p>${crafted === null ? '' : `<a id="crafted" href="${crafted}">crafted</a>`} <a id="plain" href="${PLAIN}">plain</a></p>
<script>
window.__late = 0;
// The links script starts after the load event: what came before is the page's own loading.
addEventListener('load', () => { window.__late = 0; });
let expected = performance.now() + 10;
const tick = () => { const now = performance.now(); window.__late = Math.max(window.__late, now - expected); expected = now + 10; setTimeout(tick, 10); };
setTimeout(tick, 10);
</script>`;
}

async function serve(pages: Record<string, string>): Promise<{ base: string; server: Server }> {
  const server = createServer((req, res) => {
    const body = pages[req.url ?? ''];
    res.writeHead(body === undefined ? 404 : 200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
    });
    res.end(body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, PAGE_HOST, resolve));
  return { base: `http://${PAGE_HOST}:${(server.address() as AddressInfo).port}`, server };
}

/** Loads the page, waits until the plain link (after the crafted one) is rewritten, returns the timer's worst lateness. */
async function lateness(page: Page, url: string): Promise<number> {
  await page.goto('about:blank');
  await sleep(200);
  await page.goto(url, { waitUntil: 'load' });
  return page.evaluate(async (plain) => {
    const deadline = performance.now() + 120_000;
    while (document.getElementById('plain')?.getAttribute('href') === plain) {
      if (performance.now() > deadline) throw new Error('bench: the plain link was never rewritten');
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 100));
    return (window as unknown as { __late: number }).__late;
  }, PLAIN);
}

export async function benchCrafted(): Promise<Figure[]> {
  const proxy = await startRecordingProxy();
  const pages: Record<string, string> = { '/plain.html': html(null) };
  CRAFTED.forEach(([, link], i) => (pages[`/crafted-${i}.html`] = html(link)));
  const { base, server } = await serve(pages);
  const browser = await launchBench({ extensions: [SORTIE_EXT], proxyPort: proxy.port });
  try {
    const page = await browser.context.newPage();
    await awaitLinksScript(browser, SORTIE_EXT, BENCH_PAGE);
    await lateness(page, `${base}/plain.html`);
    const plain: number[] = [];
    for (let i = 0; i < LOADS; i++) plain.push(await lateness(page, `${base}/plain.html`));
    const figures: Figure[] = [];
    for (const [i, [label]] of CRAFTED.entries()) {
      const late: number[] = [];
      for (let n = 0; n < LOADS; n++) late.push(await lateness(page, `${base}/crafted-${i}.html`));
      figures.push({
        figure: `pages: crafted X link (${label}), longest main-thread hold after load (median of ${LOADS} loads, worst ${Math.max(...late).toFixed(1)} ms; baseline: the same page without it, worst ${Math.max(...plain).toFixed(1)} ms)`,
        value: median(late),
        unit: 'ms',
        baseline: median(plain),
        budget: BUDGET_MS,
        budgetKind: 'max',
      });
    }
    return figures;
  } finally {
    await browser.close();
    server.close();
    await proxy.close();
  }
}
