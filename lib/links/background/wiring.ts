/**
 * The listeners the links feature needs. Called synchronously from the
 * background's start, so each listener exists before the event that woke it
 * is dispatched; the control they hand events to (./browser-links.ts) is
 * loaded with the background's features when an event comes.
 */
import { browser } from 'wxt/browser';
import { openSortieDb } from '../../db.ts';
import { bumpStatQuietly } from '../../stats.ts';
import type { LinksControl } from './control.ts';
import { isScannableHtml, type DocumentRequest } from './document-kind.ts';
import type { StreamFilter } from './document-stream.ts';

function report(what: string): (error: unknown) => void {
  return (error) => console.error(`Sortie links: ${what} failed`, error);
}

const X_PAGES = ['*://x.com/*', '*://*.x.com/*', '*://twitter.com/*', '*://*.twitter.com/*', '*://t.co/*'];

function isXHost(host: string): boolean {
  return /(^|\.)(x\.com|twitter\.com|t\.co)$/.test(host);
}

/**
 * Firefox only (Chromium has no stream filter): granted sites' pages get
 * their X links rewritten as they load (./document-stream.ts). The listener
 * takes every top-level page Sortie has access to (the browser gives it no
 * other) and lets through at once those that are not a granted site's HTML.
 */
function listenForDocuments(): void {
  // Settled at build time: Chromium's background is built without any of this.
  if (!import.meta.env.FIREFOX) return;
  const webRequest = browser.webRequest as unknown as {
    filterResponseData?: (requestId: string) => StreamFilter;
    onHeadersReceived: {
      addListener(
        listener: (details: DocumentRequest) => Promise<object> | undefined,
        filter: { urls: string[]; types: string[] },
        extra: string[],
      ): void;
    };
  };
  const filterResponseData = webRequest.filterResponseData?.bind(webRequest);
  if (filterResponseData === undefined) return;
  // The stream's code is loaded with the first page that needs it, not at every start.
  let loaded: Promise<typeof import('./document-stream.ts')> | null = null;
  const load = (): Promise<typeof import('./document-stream.ts')> =>
    (loaded ??= import('./document-stream.ts').catch((error: unknown) => {
      loaded = null;
      throw error;
    }));
  const env = { filterResponseData, target: () => load().then((module) => module.linkScriptTarget(browser)) };
  webRequest.onHeadersReceived.addListener(
    (details) =>
      // Answered at once, with nothing to wait for: anything but HTML, and X's own pages.
      !isScannableHtml(details) || isXHost(new URL(details.url).hostname)
        ? undefined
        : load()
            .then((module) => module.filterDocument(details, env))
            .then(
              () => ({}),
              (error: unknown) => {
                // Whatever failed, the page loads as it came.
                report('page rewrite')(error);
                return {};
              },
            ),
    { urls: ['<all_urls>'], types: ['main_frame'] },
    ['blocking', 'responseHeaders'],
  );
}

/** Alarms, startup, host-permission changes, redirects made and failed mirror navigations. */
export function listenForLinks(links: () => Promise<LinksControl>): void {
  listenForDocuments();
  browser.alarms.onAlarm.addListener((alarm) => {
    links()
      .then((control) => control.onAlarm(alarm.name))
      .catch(report(alarm.name));
  });
  browser.runtime.onStartup.addListener(() => {
    links()
      .then((control) => control.onStartup())
      .catch(report('startup'));
  });
  // A site granted (or taken back) in the options or the browser's own settings.
  browser.permissions.onAdded.addListener(() => {
    links()
      .then((control) => control.refresh())
      .catch(report('permission change'));
  });
  browser.permissions.onRemoved.addListener(() => {
    links()
      .then((control) => control.refresh())
      .catch(report('permission change'));
  });
  // The rules redirect X pages without Sortie's code; the browser tells the
  // worker afterwards (X hosts only, top-level pages only) so the exit
  // dashboard can count them. Nothing about the page is kept but the count.
  browser.webRequest.onBeforeRedirect.addListener(
    (details) => {
      if (!isXHost(new URL(details.redirectUrl).hostname)) {
        void openSortieDb().then((db) => bumpStatQuietly(db, 'x.redirected'));
      }
    },
    { urls: X_PAGES, types: ['main_frame'] },
  );
  // Only errors wake the worker: a mirror that does not answer (DNS, refused,
  // TLS, timeout), and X pages Sortie's rules blocked to open its own page in
  // their tab instead (share intents; X links when no mirror works). Pages
  // that load are read by the mirror-check script.
  browser.webRequest.onErrorOccurred.addListener(
    (details) => {
      links()
        .then((control) => control.navigationError(details))
        .then(async (tookOver) => {
          if (tookOver) await bumpStatQuietly(await openSortieDb(), 'x.redirected');
        })
        .catch(report('failover'));
    },
    { urls: ['<all_urls>'], types: ['main_frame'] },
  );
}
