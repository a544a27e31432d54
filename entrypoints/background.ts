/**
 * The service worker. It only wires modules together: every listener is
 * registered synchronously at start-up (MV3 drops events otherwise), and the
 * network clients live in the engine, not here, so waking stays cheap (issue 9).
 */
import { browser } from 'wxt/browser';
import { composeUrlForMenu, handoffForClick, installContextMenus, retitleContextMenus, type MenusApi } from '../lib/background/context-menu.ts';
import { importsRunning } from '../lib/archive/background/handlers.ts';
import { createHandlers } from '../lib/background/handlers.ts';
import { createBrowserLinks, listenForLinks } from '../lib/background/links-wiring.ts';
import { kickOutbox, OUTBOX_ALARM, scheduleWake } from '../lib/background/outbox-control.ts';
import { callEngine } from '../lib/engine/host.ts';
import { PAGE_CONFIG_KEY, pageConfigFrom } from '../lib/background/page-config.ts';
import { openSortieDb } from '../lib/db.ts';
import { resolveLang } from '../lib/i18n/lang.ts';
import { dispatch } from '../lib/messaging/router.ts';
import { getSettings } from '../lib/settings-store.ts';

export default defineBackground(() => {
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

  async function wakeOutbox(): Promise<void> {
    try {
      const db = await openSortieDb();
      await kickOutbox(db);
      // A running import may have nothing in the outbox yet (a restart between two chains): the engine feeds it on a drain.
      if (await importsRunning(db)) {
        // The watchdog, as for any drain: an engine that dies before its 'idle' is woken again.
        await scheduleWake(Date.now() + 30_000);
        await callEngine('drain', {});
      }
    } catch (error) {
      console.error('Sortie: could not wake the outbox', error);
    }
  }

  const handlers = createHandlers({ db: openSortieDb, onSettingsChanged, links });
  listenForLinks(links);

  browser.runtime.onMessage.addListener((message, sender) =>
    dispatch(handlers, message, sender, browser.runtime.id, extensionOrigin),
  );

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === OUTBOX_ALARM) void wakeOutbox();
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
    void wakeOutbox();
    if (reason === 'install') await browser.tabs.create({ url: `${browser.runtime.getURL('/options.html')}#welcome` });
  });

  browser.runtime.onStartup.addListener(() => {
    void onSettingsChanged();
    void wakeOutbox();
  });
});
