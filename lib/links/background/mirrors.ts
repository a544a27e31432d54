/**
 * The mirror list: the built-in mirrors (lib/links/mirrors.ts) plus the
 * user's own, with what Sortie learnt about each one's health, kept in the
 * `mirrors` IndexedDB store. A built-in mirror gets a row only once it has a
 * health record or the user turned it off.
 */
import type { Db } from '../../db.ts';
import type { MirrorRecord } from '../../model/mirror.ts';
import type { HealthMap, MirrorHealth, ProbeReason } from '../health.ts';
import {
  BUILT_IN_MIRRORS,
  normalizeOrigin,
  templateProblem,
  type Mirror,
  type MirrorScheme,
  type MirrorTemplates,
} from '../mirrors.ts';
import { parseXUrl } from '../x-url.ts';

export interface MirrorEntry {
  mirror: Mirror;
  disabled: boolean;
  /** Restored from a backup file and not turned on by the user yet. */
  fromBackup?: boolean;
}

export interface MirrorList {
  entries: MirrorEntry[];
  health: HealthMap;
}

const PROBE_REASONS: readonly string[] = [
  'ok',
  'rate-limited',
  'no-sessions',
  'bot-challenge',
  'http-error',
  'slow',
  'error-page',
  'empty-timeline',
  'unexpected-page',
  'navigation-failed',
];

function healthOf(row: MirrorRecord): MirrorHealth | null {
  if (row.checkedAt === null) return null;
  return {
    state: row.health,
    reason: PROBE_REASONS.includes(row.reason) ? (row.reason as ProbeReason) : null,
    latencyMs: row.latencyMs,
    checkedAt: row.checkedAt,
    failures: row.failures ?? 0,
  };
}

function mirrorOf(row: MirrorRecord): Mirror {
  return {
    id: row.id,
    name: row.name,
    origin: row.origin,
    scheme: row.scheme ?? 'nitter',
    ...(row.templates === undefined ? {} : { templates: row.templates }),
    builtIn: false,
    addedByUser: true,
    pinned: false,
  };
}

function emptyRow(mirror: Mirror): MirrorRecord {
  return {
    id: mirror.id,
    name: mirror.name,
    origin: mirror.origin,
    builtIn: mirror.builtIn,
    pinned: false,
    health: 'unknown',
    latencyMs: null,
    checkedAt: null,
    reason: '',
  };
}

/** Built-ins first (in their tie-breaking order), then the user's mirrors in the order added. */
export async function listMirrors(db: Db): Promise<MirrorList> {
  const rows = await db.getAll('mirrors');
  const byId = new Map(rows.map((row) => [row.id, row]));
  const builtIn = BUILT_IN_MIRRORS.map((mirror) => ({ mirror, disabled: byId.get(mirror.id)?.disabled === true }));
  const builtInIds = new Set(BUILT_IN_MIRRORS.map((m) => m.id));
  const own = rows
    .filter((row) => !row.builtIn && !builtInIds.has(row.id))
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((row) => ({
      mirror: mirrorOf(row),
      disabled: row.disabled === true,
      fromBackup: row.fromBackup === true && row.disabled === true,
    }));
  const health: Record<string, MirrorHealth> = {};
  for (const row of rows) {
    const h = healthOf(row);
    if (h !== null) health[row.id] = h;
  }
  return { entries: [...builtIn, ...own], health };
}

/** The mirrors Sortie may use: all but those the user turned off. */
export function activeMirrors(list: MirrorList): Mirror[] {
  return list.entries.filter((e) => !e.disabled).map((e) => e.mirror);
}

/** Writes health records; mirrors absent from `health` keep theirs. */
export async function saveHealth(db: Db, mirrors: readonly Mirror[], health: HealthMap): Promise<void> {
  const tx = db.transaction('mirrors', 'readwrite');
  for (const mirror of mirrors) {
    const h = health[mirror.id];
    if (h === undefined) continue;
    const row = (await tx.store.get(mirror.id)) ?? emptyRow(mirror);
    await tx.store.put({
      ...row,
      health: h.state,
      latencyMs: h.latencyMs,
      checkedAt: h.checkedAt,
      reason: h.reason ?? '',
      failures: h.failures,
    });
  }
  await tx.done;
}

export interface NewMirror {
  origin: string;
  name?: string;
  scheme: MirrorScheme;
  templates?: MirrorTemplates;
}

export type AddMirrorProblem = 'invalid-origin' | 'x-origin' | 'duplicate' | 'invalid-templates';

/** Checks and stores a mirror the user adds; its id is its origin. */
export async function addUserMirror(db: Db, input: NewMirror): Promise<Mirror | AddMirrorProblem> {
  const origin = normalizeOrigin(input.origin);
  if (origin === null) return 'invalid-origin';
  if (parseXUrl(`${origin}/`) !== null) return 'x-origin';
  if (input.scheme === 'template' && (input.templates === undefined || templateProblem(input.templates) !== null)) {
    return 'invalid-templates';
  }
  const list = await listMirrors(db);
  if (list.entries.some((e) => e.mirror.origin === origin)) return 'duplicate';
  const name = input.name?.trim() || new URL(origin).host;
  const row: MirrorRecord = {
    ...emptyRow({ id: origin, name, origin, scheme: input.scheme, builtIn: false, addedByUser: true, pinned: false }),
    scheme: input.scheme,
    ...(input.scheme === 'template' && input.templates !== undefined ? { templates: input.templates } : {}),
  };
  await db.put('mirrors', row);
  return mirrorOf(row);
}

/** Removes a user mirror. Built-in mirrors cannot be removed, only turned off. */
export async function removeUserMirror(db: Db, id: string): Promise<boolean> {
  if (BUILT_IN_MIRRORS.some((m) => m.id === id)) return false;
  const row = await db.get('mirrors', id);
  if (row === undefined) return false;
  await db.delete('mirrors', id);
  return true;
}

export async function setMirrorDisabled(db: Db, id: string, disabled: boolean): Promise<boolean> {
  const tx = db.transaction('mirrors', 'readwrite');
  const builtIn = BUILT_IN_MIRRORS.find((m) => m.id === id);
  const row = (await tx.store.get(id)) ?? (builtIn === undefined ? undefined : emptyRow(builtIn));
  if (row === undefined) {
    await tx.done;
    return false;
  }
  // The user's own choice, on or off: the mirror is no longer "from a backup".
  const { fromBackup: _fromBackup, ...rest } = row;
  await tx.store.put({ ...rest, disabled });
  await tx.done;
  return true;
}
