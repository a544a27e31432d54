/**
 * The service worker. It only wires modules together: every listener is
 * registered synchronously at start-up (MV3 drops events otherwise), and the
 * network clients live in the engine, not here, so waking stays cheap (issue 9).
 */
import { browser } from 'wxt/browser';
import { createHandlers } from '../lib/background/handlers.ts';
import { kickOutbox, OUTBOX_ALARM } from '../lib/background/outbox-control.ts';
import { PAGE_CONFIG_KEY, pageConfigFrom } from '../lib/background/page-config.ts';
import { openSortieDb } from '../lib/db.ts';
import { dispatch } from '../lib/messaging/router.ts';
import { getSettings } from '../lib/settings-store.ts';

export default defineBackground(() => {
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;

  async function onSettingsChanged(): Promise<void> {
    const settings = await getSettings(await openSortieDb());
    await browser.storage.local.set({ [PAGE_CONFIG_KEY]: pageConfigFrom(settings, navigator.languages) });
  }

  async function wakeOutbox(): Promise<void> {
    try {
      await kickOutbox(await openSortieDb());
    } catch (error) {
      console.error('Sortie: could not wake the outbox', error);
    }
  }

  const handlers = createHandlers({ db: openSortieDb, onSettingsChanged });

  browser.runtime.onMessage.addListener((message, sender) =>
    dispatch(handlers, message, sender, browser.runtime.id, extensionOrigin),
  );

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === OUTBOX_ALARM) void wakeOutbox();
  });

  browser.runtime.onInstalled.addListener(async ({ reason }) => {
    await onSettingsChanged();
    void wakeOutbox();
    if (reason === 'install') await browser.tabs.create({ url: `${browser.runtime.getURL('/options.html')}#welcome` });
  });

  browser.runtime.onStartup.addListener(() => {
    void onSettingsChanged();
    void wakeOutbox();
  });
});
