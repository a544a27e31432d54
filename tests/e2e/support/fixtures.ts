/**
 * The end-to-end fixture: the built extension in real Chromium with a fresh
 * profile per test, its id and service worker, hosts routed to local
 * fixtures, and a log of every request that left the browser. At the end of
 * every test the log is checked: a request to a host the test did not allow
 * fails the test, naming the request: Sortie contacts no host the user
 * did not choose (the privacy contract).
 */
import { test as base, chromium, type BrowserContext, type Page, type Route, type Worker } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROME_BUILD, CHROMIUM } from './paths.ts';
import { startRecordingProxy, type RecordingProxy } from './proxy.ts';

export interface LoggedRequest {
  host: string;
  url: string;
  via: 'proxy' | 'route';
}

export interface SortieBrowser {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: () => Promise<Worker>;
}

/**
 * Chromium's flags for Sortie's tests and the bench (bench/): headless in the
 * mode extensions run in, quiet housekeeping, every non-loopback request
 * through `proxyPort`, and the given unpacked extensions (none: a plain browser).
 */
export function chromiumArgs(proxyPort: number, extensionDirs: readonly string[] = [CHROME_BUILD]): string[] {
  return [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--disable-client-side-phishing-detection',
    '--disable-domain-reliability',
    '--allow-browser-signin=false',
    '--disable-features=OptimizationHints,MediaRouter,AutofillServerCommunication,ChromeWhatsNewUI,SignInProfileCreation,AccountConsistency',
    `--proxy-server=http://127.0.0.1:${proxyPort}`,
    ...(extensionDirs.length > 0
      ? [`--disable-extensions-except=${extensionDirs.join(',')}`, `--load-extension=${extensionDirs.join(',')}`]
      : ['--disable-extensions']),
  ];
}

/** Launches Chromium with the extension on a profile directory (reuse it to "reopen the browser"). */
export async function launchSortie(
  profileDir: string,
  proxyPort: number,
  buildDir: string = CHROME_BUILD,
): Promise<SortieBrowser> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: false, // --headless=new in chromiumArgs: the mode in which extensions run
    args: chromiumArgs(proxyPort, [buildDir]),
  });
  const serviceWorker = async (): Promise<Worker> =>
    context.serviceWorkers().find((w) => w.url().endsWith('/background.js')) ??
    (await context.waitForEvent('serviceworker', { predicate: (w) => w.url().endsWith('/background.js') }));
  const worker = await serviceWorker();
  const extensionId = new URL(worker.url()).host;
  return { context, extensionId, serviceWorker };
}

/**
 * Chromium's own housekeeping, which no flag fully silences: the component
 * and extension updaters, the secure-time check, the Google-account probe
 * and the spell-check dictionary Chromium downloads the first time text is
 * typed into an editable field. Only these exact hosts are forgiven, and the bundle scan
 * (tests/e2e/bundle-hosts.spec.ts) proves Sortie's own code names none of them.
 */
export const BROWSER_HOUSEKEEPING_HOSTS: ReadonlySet<string> = new Set([
  'update.googleapis.com',
  'clients2.google.com',
  'accounts.google.com',
  'redirector.gvt1.com',
]);

interface Fixtures {
  recordingProxy: RecordingProxy;
  profileDir: string;
  sortie: SortieBrowser;
  context: BrowserContext;
  extensionId: string;
  /** Every request that left the browser (through the proxy or a routed host). */
  requestLog: LoggedRequest[];
  /** Hosts this test may contact besides loopback test servers. */
  allowHosts: (...hosts: string[]) => void;
  /** Serves a host (http and https) from a handler and records each request. */
  routeHost: (host: string, handler: (route: Route) => Promise<void> | void) => Promise<void>;
  /** Opens one of the extension's pages and collects its console errors. */
  openPage: (path: string) => Promise<{ page: Page; errors: string[] }>;
}

export const test = base.extend<Fixtures>({
  recordingProxy: async ({}, use) => {
    const proxy = await startRecordingProxy();
    await use(proxy);
    await proxy.close();
  },
  profileDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'sortie-profile-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
  requestLog: async ({}, use) => {
    await use([]);
  },
  allowHosts: [
    async ({ requestLog, recordingProxy: proxy }, use, testInfo) => {
      const allowed = new Set<string>(['127.0.0.1', 'localhost']);
      await use((...hosts) => hosts.forEach((h) => allowed.add(h)));
      // Runs after the test and after the context closed: the whole log is in.
      const all = [...requestLog, ...proxy.log];
      const offending = all.filter((r) => !allowed.has(r.host) && !BROWSER_HOUSEKEEPING_HOSTS.has(r.host));
      if (offending.length > 0 && testInfo.status === testInfo.expectedStatus) {
        throw new Error(
          `Requests to hosts this test did not allow:\n${offending.map((r) => `  ${r.via}: ${r.url}`).join('\n')}`,
        );
      }
    },
    { auto: true },
  ],
  sortie: async ({ profileDir, recordingProxy: proxy, allowHosts }, use) => {
    const sortie = await launchSortie(profileDir, proxy.port);
    // The OAuth redirect URL: the browser's identity API catches the navigation to it.
    allowHosts(`${sortie.extensionId}.chromiumapp.org`);
    await use(sortie);
    await sortie.context.close().catch(() => undefined);
  },
  context: async ({ sortie }, use) => {
    await use(sortie.context);
  },
  extensionId: async ({ sortie }, use) => {
    await use(sortie.extensionId);
  },
  routeHost: async ({ context, requestLog }, use) => {
    await use(async (host, handler) => {
      await context.route(
        (url) => url.hostname === host,
        async (route) => {
          requestLog.push({ host, url: route.request().url(), via: 'route' });
          await handler(route);
        },
      );
    });
  },
  openPage: async ({ context, extensionId }, use) => {
    await use(async (path) => {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(msg.text());
      });
      page.on('pageerror', (err) => errors.push(err.message));
      await page.goto(`chrome-extension://${extensionId}/${path.replace(/^\//, '')}`);
      return { page, errors };
    });
  },
});

export const expect = test.expect;
