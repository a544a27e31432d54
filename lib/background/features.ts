/**
 * What the background acts with beyond reading settings: the links control,
 * the engine host and every feature's handlers, with the work install,
 * startup, alarms and the context menu ask for. start.ts loads this on the
 * first event that needs it: Firefox's event page imports it as a chunk, so a
 * wake for the settings, or for a message the router refuses, neither loads
 * nor builds any of it (Chromium's service worker cannot import() and carries
 * it inline, built on first use the same way).
 */
import { browser } from 'wxt/browser';
import { importsRunning } from '../archive/store.ts';
import {
  composeUrlForMenu,
  handoffForClick,
  installContextMenus,
  retitleContextMenus,
  type MenuClick,
  type MenusApi,
} from '../compose/background/context-menu.ts';
import { openSortieDb } from '../db.ts';
import { engineHost } from '../engine/host.ts';
import { resolveLang } from '../i18n/lang.ts';
import { createBrowserLinks } from '../links/background/browser-links.ts';
import type { LinksControl } from '../links/background/control.ts';
import { drainDueOrSetAlarm, drainOrSetAlarmFor, OUTBOX_ALARM } from '../outbox/background/control.ts';
import { getSettings } from '../settings-store.ts';
import { pageConfigFrom } from '../x/background/page-config.ts';
import { PAGE_CONFIG_KEY } from '../x/page-config.ts';
import type { BackgroundContext } from './context.ts';
import { createHandlers, type FeatureHandlers } from './handlers.ts';

export interface Features {
  /** Every message's handler but the settings read, which start.ts answers itself. */
  handlers: FeatureHandlers;
  links: LinksControl;
  onAlarm(name: string): Promise<void>;
  onMenuClick(info: MenuClick, tab: { id?: number; index?: number; title?: string } | undefined): Promise<void>;
  onInstalled(reason: string): Promise<void>;
  onStartup(): Promise<void>;
}

export function createFeatures(): Features {
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
  return {
    handlers: createHandlers(context),
    links,
    async onAlarm(name) {
      if (name === OUTBOX_ALARM) await drainDueJobs();
    },
    async onMenuClick(info, tab) {
      const handoff = handoffForClick(info, tab);
      if (handoff === null) return;
      await browser.tabs.create({
        url: composeUrlForMenu(composePage, handoff),
        ...(tab?.id !== undefined && tab.index !== undefined ? { index: tab.index + 1, openerTabId: tab.id } : {}),
      });
    },
    async onInstalled(reason) {
      const settings = await getSettings(await openSortieDb());
      await installContextMenus(menus, resolveLang(settings.language, navigator.languages));
      await onSettingsChanged();
      void drainDueJobs();
      if (reason === 'install') await browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
    },
    async onStartup() {
      void onSettingsChanged();
      void drainDueJobs();
    },
  };
}
