/**
 * The background's answers for the follow bridge. A collection starts only
 * from the bridge page (`bridge.start`): the background opens the user's X
 * list in a tab and injects the collector there. Only that tab, for that
 * list, may then hand over public profile data, trimmed and capped per run
 * (collect-limits.ts); every other tab is refused. Lookups and follows
 * (which need the user's tokens) are the engine's, asked for by the bridge
 * page only.
 */
import { browser } from 'wxt/browser';
import type { Db } from '../../db.ts';
import type { EngineClient } from '../../messaging/engine-client.ts';
import { resolveLang } from '../../i18n/lang.ts';
import { translateForServiceWorker, type ServiceWorkerTextKey } from '../../i18n/service-worker-texts.ts';
import type { Envelope } from '../../messaging/spec.ts';
import type { BridgePanelStrings } from '../messages.ts';
import type { Handlers } from '../../messaging/router.ts';
import type { BridgeMessage } from '../messages.ts';
import { SortieError } from '../../messaging/errors.ts';
import { getSettings } from '../../settings-store.ts';
import { admitBatch, type RunTally } from '../collect-limits.ts';
import { mergeCollected } from '../store.ts';

/** storage.session: the one collection run the user started (gone when the browser closes). */
const RUN_KEY = 'sortie.bridgeCollect';
/** How long the X tab may take to load before the collector is injected anyway. */
const LOAD_WAIT_MS = 30_000;

interface CollectRun {
  tabId: number;
  source: string;
  tally: RunTally;
}

function readRun(value: unknown): CollectRun | null {
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Partial<CollectRun>;
  if (
    typeof r.tabId !== 'number' ||
    typeof r.source !== 'string' ||
    typeof r.tally?.profiles !== 'number' ||
    typeof r.tally.chars !== 'number'
  )
    return null;
  return { tabId: r.tabId, source: r.source, tally: { profiles: r.tally.profiles, chars: r.tally.chars } };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Injects the collector once the tab shows the list, and only then: not on a
 * mirror it was sent to, a login page, or an error page. False when the list
 * never showed.
 */
async function injectWhenListShows(tabId: number, listUrl: string): Promise<boolean> {
  const until = Date.now() + LOAD_WAIT_MS;
  while (Date.now() < until) {
    const tab = await browser.tabs.get(tabId);
    const url = (tab.url ?? '').toLowerCase();
    if (tab.status === 'complete' && url !== '' && url !== 'about:blank') {
      if (!url.startsWith(listUrl)) return false;
      try {
        await browser.scripting.executeScript({ target: { tabId }, files: ['/x-follows.js'] });
        return true;
      } catch (error) {
        // A load that failed and is being retried shows an error page for a moment.
        if (!(error instanceof Error) || !/error page|not loaded|Cannot access/i.test(error.message)) throw error;
      }
    }
    await pause(200);
  }
  return false;
}

const PANEL_KEYS: Record<keyof BridgePanelStrings, ServiceWorkerTextKey> = {
  title: 'bridge.panel.title',
  count: 'bridge.panel.count',
  autoScroll: 'bridge.panel.autoScroll',
  stop: 'bridge.panel.stop',
  resume: 'bridge.panel.resume',
  done: 'bridge.panel.done',
  open: 'bridge.panel.open',
  hide: 'bridge.panel.hide',
};

export function createBridgeHandlers({
  db,
  engine,
}: {
  db: () => Promise<Db>;
  engine: EngineClient;
}): Pick<Handlers, BridgeMessage> {
  // Batches are admitted one at a time, so two at once cannot both pass a limit.
  let admitting: Promise<unknown> = Promise.resolve();
  return {
    'bridge.start': async ({ list, handle }) => {
      const source = `${list}:${handle.toLowerCase()}`;
      const tab = await browser.tabs.create({ url: `https://x.com/${handle}/${list}` });
      if (tab.id === undefined) return { started: false };
      const run: CollectRun = { tabId: tab.id, source, tally: { profiles: 0, chars: 0 } };
      await browser.storage.session.set({ [RUN_KEY]: run });
      // Still the list (not sent to a mirror, not a login page): then, and only then, the collector.
      return { started: await injectWhenListShows(tab.id, `https://x.com/${handle.toLowerCase()}/${list}`) };
    },
    'bridge.collect': ({ source, mode, profiles }, ctx) => {
      const work = admitting.then(async () => {
        const run = readRun((await browser.storage.session.get(RUN_KEY))[RUN_KEY]);
        if (run === null || ctx.tabId !== run.tabId || source !== run.source) {
          throw new SortieError('error.forbiddenSender', 'no collection was started for this tab and list');
        }
        const { admitted, tally, full } = admitBatch(profiles, run.tally);
        await browser.storage.session.set({ [RUN_KEY]: { ...run, tally } });
        const result = await mergeCollected(await db(), source, admitted, mode, Date.now());
        // An open bridge page shows the count grow; nobody listening is normal.
        const changed: Envelope = { sortie: 1, name: 'bridge.changed' };
        if (result.stored > 0) browser.runtime.sendMessage(changed).catch(() => undefined);
        return { ...result, full };
      });
      admitting = work.catch(() => undefined);
      return work;
    },
    'bridge.panel': async () => {
      const lang = resolveLang((await getSettings(await db())).language, navigator.languages);
      const strings = Object.fromEntries(
        Object.entries(PANEL_KEYS).map(([name, key]) => [name, translateForServiceWorker(lang, key)]),
      ) as BridgePanelStrings;
      return { strings };
    },
    'bridge.open': async () => {
      await browser.tabs.create({ url: browser.runtime.getURL('/bridge.html') });
      return { opened: true };
    },
    'bridge.match': async (args) => engine.call('bridge.match', args),
    'bridge.follow': async ({ targets }) => engine.call('bridge.follow', { targets }),
    'bridge.stop': async () => engine.call('bridge.stop', {}),
    'bridge.changed': () => null,
  };
}
