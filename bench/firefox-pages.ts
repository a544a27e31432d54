/**
 * Pages in Firefox ESR: the 10,000-link page and the 1,000-link mutation of
 * bench/pages.ts, in a plain Firefox and in one with Sortie, driven over
 * Marionette (tests/e2e/support/firefox.ts). The add-on is a copy of the
 * Firefox build granted the bench's origin, where its background registers
 * the links page script as for any granted site. Each browser gets one pair of loads per round, in
 * turns; the page itself notes every href change (an inline script at the top
 * of the page, the same in both browsers: Marionette has no init scripts).
 * Links Sortie rewrote in the page's bytes (its stream filter) are parsed on
 * the mirror and make no href change: loadOnce counts the links left on X.
 *
 * Budgets (Firefox, as in Chromium): every link rewritten ≤ 1.5× the plain load, and the
 * 1,000 added links all rewritten ≤ 50 ms (median) after the mutation.
 * Firefox has no CDP script-time metric: the mutation is timed end to end.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Figure } from './run.ts';
import { linksHtml } from './pages.ts';
import { median, sleep } from './support/stats.ts';
import { keepFirstTab } from './support/welcome-tab.ts';
import { FIREFOX, FIREFOX_BUILD, GECKO_ID, launchFirefox, type SortieFirefox } from '../tests/e2e/support/firefox.ts';
import { inChrome } from './firefox-wake.ts';
import { startRecordingProxy } from '../tests/e2e/support/proxy.ts';
import { PAGE_HOST } from './support/build.ts';

const LINKS = 10_000;
const ADDED = 1_000;
const ROUNDS = 2;
const LOADS = 8;
const SETTLE_MS = 300;
const MUTATIONS = 20;

export const SORTIE_FIREFOX = fileURLToPath(new URL('./.tmp/sortie-firefox', import.meta.url));

/**
 * The Firefox build with the bench's origin among its host permissions: the
 * background registers the links script there itself, as for a site the user
 * granted. (Declaring the script in the manifest would run it twice per
 * page: a declared script's matches count as granted hosts, so the
 * background registers its own copy as well.)
 */
export function prepareAddon(): void {
  // Another build to measure (an older page script, say) may be named in SORTIE_FIREFOX_BUILD.
  const build = process.env.SORTIE_FIREFOX_BUILD ?? FIREFOX_BUILD;
  if (!existsSync(`${build}/links.js`))
    throw new Error(`bench: no Firefox build in ${build} (npx wxt build -b firefox)`);
  rmSync(SORTIE_FIREFOX, { recursive: true, force: true });
  cpSync(build, SORTIE_FIREFOX, { recursive: true });
  const manifest = JSON.parse(readFileSync(`${SORTIE_FIREFOX}/manifest.json`, 'utf8')) as {
    host_permissions?: string[];
  };
  manifest.host_permissions = [...(manifest.host_permissions ?? []), `http://${PAGE_HOST}/*`];
  writeFileSync(`${SORTIE_FIREFOX}/manifest.json`, JSON.stringify(manifest));
}

/** Notes every href change the page sees (only Sortie's script changes any). */
const WATCH = `<script>window.__benchHrefs = { count: 0, last: 0 };
new MutationObserver((records) => { window.__benchHrefs.count += records.length; window.__benchHrefs.last = performance.now(); })
  .observe(document, { subtree: true, attributes: true, attributeFilter: ['href'] });</script>`;

export async function servePage(): Promise<{ url: string; server: Server }> {
  const body = `<!doctype html><html lang="en"><meta charset="utf-8"><title>10,000 links</title>${WATCH}<body>\n${linksHtml(0, LINKS)}</body></html>`;
  const server = createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, PAGE_HOST, resolve));
  return { url: `http://${PAGE_HOST}:${(server.address() as AddressInfo).port}/links.html`, server };
}

export async function script<T>(ff: SortieFirefox, body: string, args: unknown[] = []): Promise<T> {
  const { value } = await ff.marionette.send<{ value: T | { benchError: string } }>('WebDriver:ExecuteAsyncScript', {
    script: `const done = arguments[arguments.length - 1]; (async () => { ${body} })().then(done, (e) => done({ benchError: String(e) }));`,
    args,
  });
  if (value !== null && typeof value === 'object' && 'benchError' in value) throw new Error(value.benchError);
  return value as T;
}

/** The page's links still on X (bench/pages.ts's shapes), counted by the browser's selector engine. */
const X_LEFT = `document.querySelectorAll('a[href^="https://x.com/"],a[href^="https://twitter.com/"],a[href^="https://mobile.twitter.com/"]').length`;

/**
 * Loads the page; with `rewritten`, waits until no link is left on X. Links
 * Sortie rewrote in the page's bytes (Firefox's stream filter) are on the
 * mirror when parsed, with no href change for the page to note; those its
 * page script rewrites after load are each noted. Done: the load event, or
 * the last href change after it.
 */
export async function loadOnce(
  ff: SortieFirefox,
  url: string,
  rewritten: boolean,
): Promise<{ load: number; done: number }> {
  await ff.marionette.send('WebDriver:Navigate', { url: 'about:blank' });
  await sleep(SETTLE_MS);
  await ff.marionette.send('WebDriver:Navigate', { url });
  return script(
    ff,
    `const [rewritten] = arguments;
    const nav = () => performance.getEntriesByType('navigation')[0];
    while (!(nav()?.loadEventEnd > 0)) await new Promise((r) => setTimeout(r, 5));
    if (rewritten) {
      // Each link left is one href change to come.
      const expected = window.__benchHrefs.count + ${X_LEFT};
      const deadline = performance.now() + 20000;
      while (window.__benchHrefs.count < expected && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const left = ${X_LEFT};
      if (left > 0) throw new Error('bench: ' + left + ' links left on X');
    }
    return { load: nav().loadEventEnd, done: Math.max(nav().loadEventEnd, window.__benchHrefs.last) };`,
    [rewritten],
  );
}

/** The same load after Firefox stopped Sortie's background, as it does when idle: the page waits for it to wake. */
async function coldLoadOnce(ff: SortieFirefox, url: string): Promise<{ load: number; done: number }> {
  await inChrome(
    ff,
    `await ExtensionParent.GlobalManager.getExtension(${JSON.stringify(GECKO_ID)}).terminateBackground();`,
  );
  return loadOnce(ff, url, true);
}

async function mutationOnce(ff: SortieFirefox, html: string, expected: number): Promise<number> {
  return script(
    ff,
    `const [markup, expected] = arguments;
    const box = document.createElement('div');
    box.innerHTML = markup;
    const start = performance.now();
    const before = window.__benchHrefs.count;
    document.body.append(box);
    while (window.__benchHrefs.count - before < expected) {
      if (performance.now() - start > 5000) throw new Error('bench: ' + (window.__benchHrefs.count - before) + ' of ' + expected + ' added links rewritten');
      await new Promise((r) => setTimeout(r, 5));
    }
    const took = window.__benchHrefs.last - start;
    box.remove();
    return took;`,
    [html, expected],
  );
}

export async function launch(proxyPort: number, addon: string | null): Promise<{ ff: SortieFirefox; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'sortie-bench-ff-'));
  const ff = await launchFirefox(dir, proxyPort, 'en-US, en', addon);
  await keepFirstTab(ff.marionette, addon === null ? 0 : 10_000);
  return { ff, dir };
}

export async function benchFirefoxPages(): Promise<Figure[]> {
  if (!FIREFOX) throw new Error('Firefox ESR is not installed');
  prepareAddon();
  const proxy = await startRecordingProxy();
  const { url, server } = await servePage();
  const without: number[] = [];
  const withLoad: number[] = [];
  const withDone: number[] = [];
  const coldDone: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const plain = await launch(proxy.port, null);
      const sortie = await launch(proxy.port, SORTIE_FIREFOX);
      try {
        await loadOnce(plain.ff, url, false);
        // The first load also waits for the background to have stored the page rules.
        for (let attempt = 0; ; attempt++) {
          try {
            await loadOnce(sortie.ff, url, true);
            break;
          } catch (error) {
            if (attempt === 5) throw error;
          }
        }
        for (let i = 0; i < LOADS; i++) {
          without.push((await loadOnce(plain.ff, url, false)).load);
          const s = await loadOnce(sortie.ff, url, true);
          withLoad.push(s.load);
          withDone.push(s.done);
          if (i % 2 === 0) coldDone.push((await coldLoadOnce(sortie.ff, url)).done);
        }
        if (round === ROUNDS - 1) {
          const added = linksHtml(LINKS, ADDED);
          const totals: number[] = [];
          for (let i = 0; i < MUTATIONS; i++) totals.push(await mutationOnce(sortie.ff, added, ADDED));
          const n = without.length;
          return [
            {
              figure: `firefox pages: ${LINKS.toLocaleString('en')}-link page, load event (median of ${n}, ${ROUNDS} browser pairs)`,
              value: median(withLoad),
              unit: 'ms',
              baseline: median(without),
            },
            {
              figure: 'firefox pages: the same, until every link is rewritten',
              value: median(withDone),
              unit: 'ms',
              baseline: median(without),
              budget: 1.5,
              budgetKind: 'ratio',
            },
            {
              figure: `firefox pages: the same, Sortie's background stopped before the load (median of ${coldDone.length})`,
              value: median(coldDone),
              unit: 'ms',
              baseline: median(without),
            },
            {
              figure: `firefox pages: ${ADDED.toLocaleString('en')} links added in one mutation → all rewritten (median of ${MUTATIONS})`,
              value: median(totals),
              unit: 'ms',
              budget: 50,
            },
          ];
        }
      } finally {
        for (const b of [sortie, plain]) {
          await b.ff.close();
          rmSync(b.dir, { recursive: true, force: true });
        }
      }
    }
    throw new Error('bench: no rounds');
  } finally {
    server.close();
    await proxy.close();
  }
}
