/**
 * The service worker. It only wires modules together: every listener is
 * registered synchronously at start-up (MV3 drops events otherwise), and
 * nothing heavy is imported here, so waking it stays cheap (issue 9).
 */
import { browser } from 'wxt/browser';
import { createHandlers } from '../lib/background/handlers.ts';
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

  const handlers = createHandlers({ db: openSortieDb, onSettingsChanged });

  browser.runtime.onMessage.addListener((message, sender) =>
    dispatch(handlers, message, sender, browser.runtime.id, extensionOrigin),
  );

  browser.runtime.onInstalled.addListener(async ({ reason }) => {
    await onSettingsChanged();
    if (reason === 'install') await browser.tabs.create({ url: `${browser.runtime.getURL('/options.html')}#welcome` });
  });

  browser.runtime.onStartup.addListener(() => {
    void onSettingsChanged();
  });
});
