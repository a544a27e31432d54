/**
 * The bridge page's data, read straight from IndexedDB (it is an extension
 * page): collected entries, the current run, the dashboard's counters. Read
 * again when the engine or the collector announce a change, and every few
 * seconds in case an announcement was missed (the service worker may sleep).
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { getRun, listEntries } from '../../lib/bridge/store.ts';
import type { BridgeEntry, BridgeRun } from '../../lib/model/bridge.ts';
import { openSortieDb } from '../../lib/db.ts';
import type { StatRecord } from '../../lib/model/stat.ts';
import { readStats } from '../../lib/stats.ts';

export interface BridgeData {
  entries: BridgeEntry[] | null;
  run: BridgeRun | null;
  stats: StatRecord[];
  reload: () => void;
}

const POLL_MS = 3_000;

export function useBridgeData(): BridgeData {
  const [entries, setEntries] = useState<BridgeEntry[] | null>(null);
  const [run, setRun] = useState<BridgeRun | null>(null);
  const [stats, setStats] = useState<StatRecord[]>([]);
  const loading = useRef(false);
  const again = useRef(false);

  const reload = useCallback(() => {
    // One read at a time; a change announced during a read triggers one more.
    if (loading.current) {
      again.current = true;
      return;
    }
    loading.current = true;
    void (async () => {
      try {
        const db = await openSortieDb();
        const [e, r, s] = await Promise.all([listEntries(db), getRun(db), readStats(db)]);
        setEntries(e);
        setRun(r ?? null);
        setStats(s);
      } catch (error) {
        console.error('Sortie: could not read the follow bridge data', error);
      } finally {
        loading.current = false;
        if (again.current) {
          again.current = false;
          reload();
        }
      }
    })();
  }, []);

  useEffect(() => {
    reload();
    const onMessage = (message: unknown): undefined => {
      if ((message as { name?: string } | null)?.name === 'bridge.changed') reload();
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    const timer = setInterval(reload, POLL_MS);
    return () => {
      clearInterval(timer);
      browser.runtime.onMessage.removeListener(onMessage);
    };
  }, [reload]);

  return { entries, run, stats, reload };
}
