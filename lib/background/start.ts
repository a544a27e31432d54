/**
 * The service worker's start: builds the context, registers every listener
 * synchronously (MV3 drops events otherwise) and hands each event to the
 * feature that owns it. The network clients live in the engine, not here, so
 * waking stays cheap.
 */
import { browser } from 'wxt/browser';
import { importsRunning } from '../archive/store.ts';
import {
  composeUrlForMenu,
  handoffForClick,
  installContextMenus,
  retitleContextMenus,
  type MenusApi,
} from '../compose/background/context-menu.ts';
import { openSortieDb } from '../db.ts';
import { engineHost } from '../engine/host.ts';
import { resolveLang } from '../i18n/lang.ts';
import { createBrowserLinks, listenForLinks } from '../links/background/wiring.ts';
import { drainDueOrSetAlarm, drainOrSetAlarmFor, OUTBOX_ALARM } from '../outbox/background/control.ts';
import { getSettings } from '../settings-store.ts';
import { pageConfigFrom } from '../x/background/page-config.ts';
import { PAGE_CONFIG_KEY } from '../x/page-config.ts';
import type { BackgroundContext } from './context.ts';
import { createHandlers } from './handlers.ts';
import { dispatch } from './router.ts';

export function startBackground(): void {
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
  const composePage = browser.runtime.getURL('/compose.html');
  const menus = browser.contextMenus as unknown as MenusApi;
  const links = createBrowserLinks(composePage);

  async function onSettingsChanged(): Promise<void> {
    const settings = await getSettings(await openSortieDb());
    await browser.storage.local.set({ [PAGE_CONFIG_KEY]: pageConfigFrom(settings, navigator.languages) });
    const lang = resolveLang(settings.language, navigator.languages);
    // Menus are created at install; after a language change (or if they are gone) they are retitled or remade.
    await retitleContextMenus(menus, lang).catch(() => installContextMenus(menus, lang));
    try {
      // Mirror choice, redirect and share-intent rules, page scripts: one refresh.
      await links.refresh();
    } catch (error) {
      console.error('Sortie: could not apply the link settings', error);
    }
  }

  async function drainDueJobs(): Promise<void> {
    try {
      const db = await openSortieDb();
      // A running import may have nothing in the outbox yet (a restart between two chains): a drain feeds it.
      if (await importsRunning(db)) await drainOrSetAlarmFor(engineHost, Date.now());
      else await drainDueOrSetAlarm(engineHost, db);
    } catch (error) {
      console.error('Sortie: could not wake the outbox', error);
    }
  }

  const context: BackgroundContext = { db: openSortieDb, engine: engineHost, onSettingsChanged, links };
  const handlers = createHandlers(context);
  listenForLinks(links);

  browser.runtime.onMessage.addListener((message, sender) =>
    dispatch(handlers, message, sender, browser.runtime.id, extensionOrigin),
  );

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === OUTBOX_ALARM) void drainDueJobs();
  });

  browser.contextMenus.onClicked.addListener((info, tab) => {
    const handoff = handoffForClick(info, tab);
    if (handoff === null) return;
    void browser.tabs.create({
      url: composeUrlForMenu(composePage, handoff),
      ...(tab?.id !== undefined && tab.index !== undefined ? { index: tab.index + 1, openerTabId: tab.id } : {}),
    });
  });

  browser.runtime.onInstalled.addListener(async ({ reason }) => {
    const settings = await getSettings(await openSortieDb());
    await installContextMenus(menus, resolveLang(settings.language, navigator.languages));
    await onSettingsChanged();
    void drainDueJobs();
    if (reason === 'install') await browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
  });

  browser.runtime.onStartup.addListener(() => {
    void onSettingsChanged();
    void drainDueJobs();
  });
}
