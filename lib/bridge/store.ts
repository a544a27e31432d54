/**
 * The follow bridge's two stores: `follows` (one entry per X account
 * collected, with what was found for it per account of the user) and
 * `bridgeRuns` (the current run's progress). Used by the background
 * (collecting), the engine (lookups, follows) and the bridge page (reading).
 */
import type { Db } from '../db.ts';
import type { BridgeEntry, BridgeRun, FollowState, MatchResult, XProfile } from '../model/bridge.ts';

/** More than anyone follows on X (its cap is 5,000 plus 10% of followers); a runaway page stops here. */
export const MAX_ENTRIES = 50_000;

export type CollectMode = 'collect' | 'enrich';

/**
 * Stores accounts a page showed. The latest reading of a profile wins; a
 * website is only ever added (rows do not show it, profile pages do).
 * 'enrich' only completes accounts already collected.
 */
export async function mergeCollected(
  db: Db,
  source: string,
  profiles: readonly XProfile[],
  mode: CollectMode,
  now: number,
): Promise<{ stored: number; total: number }> {
  const tx = db.transaction('follows', 'readwrite');
  let total = await tx.store.count();
  let stored = 0;
  for (const profile of profiles) {
    const key = profile.handle.toLowerCase();
    const existing = await tx.store.get(key);
    if (!existing) {
      if (mode === 'enrich' || total >= MAX_ENTRIES) continue;
      // seq keeps X's order inside a batch (every profile of it shares `now`).
      await tx.store.put({
        key,
        x: profile,
        sources: [source],
        collectedAt: now,
        seq: total,
        updatedAt: now,
        matches: {},
      });
      total++;
      stored++;
      continue;
    }
    const x: XProfile = {
      handle: profile.handle,
      displayName: profile.displayName || existing.x.displayName,
      bio: profile.bio || existing.x.bio,
      links: profile.links.length ? profile.links : existing.x.links,
      website: profile.website ?? existing.x.website,
    };
    const sources =
      mode === 'collect' && !existing.sources.includes(source) ? [...existing.sources, source] : existing.sources;
    await tx.store.put({ ...existing, x, sources, updatedAt: now });
    stored++;
  }
  await tx.done;
  return { stored, total };
}

export function listEntries(db: Db): Promise<BridgeEntry[]> {
  return db.getAll('follows');
}

export function getEntry(db: Db, key: string): Promise<BridgeEntry | undefined> {
  return db.get('follows', key);
}

/** Stores what one of the user's accounts found for an entry (read-modify-write in one transaction). */
export async function saveMatch(
  db: Db,
  key: string,
  accountId: string,
  result: MatchResult,
): Promise<BridgeEntry | null> {
  const tx = db.transaction('follows', 'readwrite');
  const entry = await tx.store.get(key);
  if (!entry) {
    await tx.done;
    return null;
  }
  const next = { ...entry, matches: { ...entry.matches, [accountId]: result } };
  await tx.store.put(next);
  await tx.done;
  return next;
}

export async function setFollowState(
  db: Db,
  key: string,
  accountId: string,
  candidateId: string,
  follow: FollowState,
): Promise<void> {
  const tx = db.transaction('follows', 'readwrite');
  const entry = await tx.store.get(key);
  const result = entry?.matches[accountId];
  if (entry && result) {
    const candidates = result.candidates.map((c) => (c.id === candidateId ? { ...c, follow } : c));
    await tx.store.put({ ...entry, matches: { ...entry.matches, [accountId]: { ...result, candidates } } });
  }
  await tx.done;
}

export async function getRun(db: Db): Promise<BridgeRun | undefined> {
  return db.get('bridgeRuns', 'current');
}

export async function putRun(db: Db, run: BridgeRun): Promise<void> {
  await db.put('bridgeRuns', run);
}

/** Forgets everything collected and found (the user's "delete" button). */
export async function clearBridge(db: Db): Promise<void> {
  const tx = db.transaction(['follows', 'bridgeRuns'], 'readwrite');
  await Promise.all([tx.objectStore('follows').clear(), tx.objectStore('bridgeRuns').clear(), tx.done]);
}

/** A run whose engine stopped writing for this long is treated as interrupted. */
export const RUN_STALE_MS = 45_000;

export function isRunLive(run: BridgeRun | undefined, now: number): boolean {
  return run !== undefined && run.state === 'running' && now - run.heartbeatAt < RUN_STALE_MS;
}
