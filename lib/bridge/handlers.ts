/**
 * The background's answers for the follow bridge. Content scripts on x.com
 * may only hand over public profile data and ask for the panel's texts or
 * the bridge page; lookups and follows (which need the user's tokens) are
 * the engine's, asked for by the bridge page only.
 */
import { browser } from 'wxt/browser';
import type { Db } from '../db.ts';
import { callEngine } from '../engine/host.ts';
import { resolveLang } from '../i18n/lang.ts';
import { translateWorker, type WorkerKey } from '../i18n/worker.ts';
import type { BridgePanelStrings, Envelope } from '../messages.ts';
import type { Handlers } from '../messaging/router.ts';
import { getSettings } from '../settings-store.ts';
import { mergeCollected } from './store.ts';

export type BridgeMessage =
  | 'bridge.collect'
  | 'bridge.panel'
  | 'bridge.open'
  | 'bridge.match'
  | 'bridge.follow'
  | 'bridge.stop'
  | 'bridge.changed';

const PANEL_KEYS: Record<keyof BridgePanelStrings, WorkerKey> = {
  title: 'bridge.panel.title',
  count: 'bridge.panel.count',
  autoScroll: 'bridge.panel.autoScroll',
  stop: 'bridge.panel.stop',
  resume: 'bridge.panel.resume',
  done: 'bridge.panel.done',
  open: 'bridge.panel.open',
  hide: 'bridge.panel.hide',
};

export function createBridgeHandlers({ db }: { db: () => Promise<Db> }): Pick<Handlers, BridgeMessage> {
  return {
    'bridge.collect': async ({ source, mode, profiles }) => {
      const result = await mergeCollected(await db(), source, profiles, mode, Date.now());
      // An open bridge page shows the count grow; nobody listening is normal.
      const changed: Envelope = { sortie: 1, name: 'bridge.changed' };
      if (result.stored > 0) browser.runtime.sendMessage(changed).catch(() => undefined);
      return result;
    },
    'bridge.panel': async () => {
      const lang = resolveLang((await getSettings(await db())).language, navigator.languages);
      const strings = Object.fromEntries(
        Object.entries(PANEL_KEYS).map(([name, key]) => [name, translateWorker(lang, key)]),
      ) as BridgePanelStrings;
      return { strings };
    },
    'bridge.open': async () => {
      await browser.tabs.create({ url: browser.runtime.getURL('/bridge.html') });
      return { opened: true };
    },
    'bridge.match': async (args) => callEngine('bridge.match', args),
    'bridge.follow': async ({ targets }) => callEngine('bridge.follow', { targets }),
    'bridge.stop': async () => callEngine('bridge.stop', {}),
    'bridge.changed': () => null,
  };
}
