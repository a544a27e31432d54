/**
 * The links control on the browser's real APIs (the control's small
 * interfaces, lib/links/background/control.ts, filled in). Built with the
 * background's features, when an event first needs them.
 */
import { browser } from 'wxt/browser';
import { openSortieDb } from '../../db.ts';
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
