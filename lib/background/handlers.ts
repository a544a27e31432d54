/**
 * What the background answers. Each handler is a thin call into the module
 * that owns the work; the router has already checked sender and shape.
 */
import { browser } from 'wxt/browser';
import { toPublicAccount } from '../accounts/account.ts';
import { deleteAccount, listAccounts } from '../accounts/store.ts';
import type { Db } from '../db.ts';
import type { Handlers } from '../messaging/router.ts';
import { getSettings, updateSettings } from '../settings-store.ts';
import { pageConfigFrom } from './page-config.ts';
import { composeUrl } from './compose-url.ts';

export interface BackgroundDeps {
  db: () => Promise<Db>;
  /** Called after settings change, to retarget rules and page config. */
  onSettingsChanged: () => Promise<void>;
}

export function createHandlers({ db, onSettingsChanged }: BackgroundDeps): Handlers {
  return {
    'settings.get': async () => getSettings(await db()),
    'settings.update': async (patch) => {
      const settings = await updateSettings(await db(), patch);
      await onSettingsChanged();
      return settings;
    },
    'accounts.list': async () => (await listAccounts(await db())).map(toPublicAccount),
    'accounts.remove': async ({ id }) => {
      await deleteAccount(await db(), id);
      return { revoked: false };
    },
    'page.config': async () => pageConfigFrom(await getSettings(await db()), navigator.languages),
    'compose.open': async (handoff) => {
      await browser.tabs.create({ url: composeUrl(browser.runtime.getURL('/compose.html'), handoff) });
      return { opened: true };
    },
  };
}
