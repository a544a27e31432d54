/**
 * Connects the links feature to the browser: the real APIs behind
 * the links control's small interfaces, and the listeners it needs. Called
 * synchronously from the service worker's start, so each listener exists
 * before the event that woke the worker is dispatched.
 */
import { browser } from 'wxt/browser';
import { openSortieDb } from '../../db.ts';
import { bumpStatQuietly } from '../../stats.ts';
import type { DnrApi, SessionDnrApi } from './dnr-rules.ts';
import { createLinksControl, type LinksControl } from './control.ts';
import type { ScriptingApi } from './scripts.ts';

export function createBrowserLinks(composeUrl: string): LinksControl {
  return createLinksControl({
    db: openSortieDb,
    dnr: browser.declarativeNetRequest as unknown as DnrApi & SessionDnrApi,
    scripting: browser.scripting as unknown as ScriptingApi,
    storage: browser.storage.local,
    session: browser.storage.session,
    permissions: browser.permissions,
    alarms: browser.alarms,
    tabs: browser.tabs,
    fetch: (url, init) => fetch(url, init),
    now: Date.now,
    random: Math.random,
    composeUrl,
    fallbackPage: browser.runtime.getURL('/fallback.html'),
  });
}

function report(what: string): (error: unknown) => void {
  return (error) => console.error(`Sortie links: ${what} failed`, error);
}

const X_PAGES = ['*://x.com/*', '*://*.x.com/*', '*://twitter.com/*', '*://*.twitter.com/*', '*://t.co/*'];

function isXHost(host: string): boolean {
  return /(^|\.)(x\.com|twitter\.com|t\.co)$/.test(host);
}

/** Alarms, startup, host-permission changes, redirects made and failed mirror navigations. */
export function listenForLinks(links: LinksControl): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    links.onAlarm(alarm.name).catch(report(alarm.name));
  });
  browser.runtime.onStartup.addListener(() => {
    links.onStartup().catch(report('startup'));
  });
  // A site granted (or taken back) in the options or the browser's own settings.
  browser.permissions.onAdded.addListener(() => {
    links.refresh().catch(report('permission change'));
  });
  browser.permissions.onRemoved.addListener(() => {
    links.refresh().catch(report('permission change'));
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
      links
        .navigationError(details)
        .then(async (tookOver) => {
          if (tookOver) await bumpStatQuietly(await openSortieDb(), 'x.redirected');
        })
        .catch(report('failover'));
    },
    { urls: ['<all_urls>'], types: ['main_frame'] },
  );
}
