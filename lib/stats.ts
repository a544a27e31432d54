/**
 * The exit dashboard's counters: one row per counter per day in the `stats`
 * store, only ever incremented, never sent anywhere.
 */
import { openSortieDb, type Db } from './db.ts';
import type { StatRecord } from './model/stat.ts';
import type { Network } from './networks/network.ts';
import { NETWORK_IDS } from './networks/registry.ts';

/** Posts (a thread counts once) sent through Sortie, per network. */
const POSTS_PER_NETWORK = NETWORK_IDS.map((network): `posts.${Network}` => `posts.${network}`);

export const STAT_NAMES = [
  ...POSTS_PER_NETWORK,
  /** Posts made through the x.com composer takeover. */
  'x.takeovers',
  /** X pages opened on a mirror (or Sortie's composer / fallback page) instead of X. */
  'x.redirected',
  /** X accounts for which the follow bridge found a sure or likely match. */
  'follows.found',
  /** Follows the follow bridge made. */
  'follows.followed',
] as const;

export type StatName = (typeof STAT_NAMES)[number];

export function isStatName(name: string): name is StatName {
  return (STAT_NAMES as readonly string[]).includes(name);
}

/** The local calendar day, `YYYY-MM-DD`: "today" is the user's today. */
export function dayOf(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Adds `by` to today's row of the counter (read and write in one transaction: no lost increments). */
export async function bumpStat(db: Db, name: StatName, by = 1, now = Date.now()): Promise<void> {
  if (by <= 0) return;
  const day = dayOf(now);
  const key = `${name}:${day}`;
  const tx = db.transaction('stats', 'readwrite');
  const row = await tx.store.get(key);
  await tx.store.put({ key, name, day, count: (row?.count ?? 0) + by });
  await tx.done;
}

/** Counting must never break what is being counted: failures are logged and dropped. */
export function bumpStatQuietly(db: Db, name: StatName, by = 1): void {
  bumpStat(db, name, by).catch((error: unknown) => console.warn(`Sortie: could not count ${name}`, error));
}

/** From an extension page: count once, on this context's own connection. */
export function countFromPage(name: StatName): void {
  openSortieDb().then(
    (db) => bumpStatQuietly(db, name),
    (error: unknown) => console.warn(`Sortie: could not count ${name}`, error),
  );
}

export function readStats(db: Db): Promise<StatRecord[]> {
  return db.getAll('stats');
}

export function totals(rows: readonly StatRecord[]): Record<StatName, number> {
  const out = Object.fromEntries(STAT_NAMES.map((n) => [n, 0])) as Record<StatName, number>;
  for (const row of rows) if (isStatName(row.name)) out[row.name] += row.count;
  return out;
}

/** The last `days` days (oldest first) of one counter, days without a row as 0. */
export function dailySeries(
  rows: readonly StatRecord[],
  name: StatName,
  days: number,
  now: number,
): Array<{ day: string; count: number }> {
  const byDay = new Map<string, number>();
  for (const row of rows) if (row.name === name) byDay.set(row.day, (byDay.get(row.day) ?? 0) + row.count);
  const out: Array<{ day: string; count: number }> = [];
  const today = new Date(now);
  for (let i = days - 1; i >= 0; i--) {
    // Calendar arithmetic, not 24 h steps: a DST change must not skip or repeat a day.
    const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() - i, 12);
    const day = dayOf(d.getTime());
    out.push({ day, count: byDay.get(day) ?? 0 });
  }
  return out;
}
