/**
 * What an X archive import keeps in IndexedDB while it runs, and reading and
 * writing it. Three stores (lib/db.ts): `imports` (one row per import),
 * `importRecords` (one row per imported tweet per account: the plan, fixed
 * once, then what was posted) and `archiveFiles` (the ZIP itself, so an
 * import resumes after a browser restart without the user picking it again).
 */
import type { MastodonVisibility, Network } from '../compose/draft.ts';
import type { Db } from '../db.ts';
import type { ArchiveMedia, ImportFilters, ImportRecord } from './model.ts';

export type ImportState = 'planning' | 'running' | 'paused' | 'stopped' | 'done' | 'undone';

export type RecordState = ImportRecord['state'];

export interface ImportCounts {
  total: number;
  planned: number;
  queued: number;
  posted: number;
  failed: number;
  skipped: number;
  undone: number;
}

/** Times (epoch ms) at which an account was given posts and media uploads, for the rate windows (pace.ts). */
export interface PaceLedger {
  posts: number[];
  media: number[];
}

export interface PlannedWork {
  records: number;
  parts: number;
  media: number;
}

export interface FollowsRun {
  state: 'running' | 'stopped' | 'done';
  mirror: string;
  /** Index in followIds of the next id to look up. */
  next: number;
  found: number;
  /** Ids the mirror did not answer with a profile (suspended, deleted, or the mirror failed). */
  missing: number;
  updatedAt: number;
}

export interface ImportRun {
  id: string;
  fileName: string;
  fileSize: number;
  /** The X account the archive belongs to (from account.js), once read. */
  xUsername: string;
  accountIds: string[];
  filters: ImportFilters;
  state: ImportState;
  counts: ImportCounts;
  /** Per target account: the slots already given out (pruned to the longest rate window). */
  pace: Record<string, PaceLedger>;
  /** Per target account: the size of the plan (records to post, their parts and photos), for the time-left estimate. */
  work: Record<string, PlannedWork>;
  /** When the last post should go at the allowed pace, as of the last change (estimate.ts); null when nothing is left. */
  finishesAt: number | null;
  /** X ids of the accounts the archive's owner follows (following.js), for the follow bridge. */
  followIds: string[];
  /** Looking those ids up on a mirror, if asked. */
  followsRun: FollowsRun | null;
  /** Why planning failed (i18n key and detail), shown as is. */
  error: { messageKey: string; detail: string } | null;
  createdAt: number;
  updatedAt: number;
}

/** One thread part planned for a tweet: the text as sent and the photos it carries. */
export interface PlannedPart {
  text: string;
  media: ArchiveMedia[];
}

/**
 * ImportRecord plus its plan. Everything that decides what is posted is fixed
 * here before anything is queued: the parts, their idempotency keys and the
 * outbox chain they go out in. Re-queueing a record always makes the same
 * jobs with the same keys.
 */
export interface StoredImportRecord extends ImportRecord {
  /** Queueing order within the import (a chain's records are consecutive). */
  seq: number;
  /** The outbox post (one thread on one account) this tweet goes out in. */
  chainId: string;
  /** Index of this tweet's first part within the chain. */
  firstPart: number;
  /** Number of parts in the whole chain. */
  chainParts: number;
  parts: PlannedPart[];
  /** One idempotency key per part (Bluesky record key, Mastodon Idempotency-Key). */
  keys: string[];
  /** The tweet's own time (epoch ms): Bluesky posts carry it as `createdAt`. */
  originalDate: number;
  langs: string[];
  /** Mastodon: unlisted (an import does not flood the timelines). */
  visibility: MastodonVisibility;
  /** When its first part may go (given when queued). */
  dueAt: number | null;
  /** Why it failed or could not be undone. */
  error: { messageKey: string; detail: string } | null;
}

/** The picked ZIP, kept whole as a Blob (IndexedDB stores File/Blob by reference to disk in Chrome and Firefox). */
export interface ArchiveFileRecord {
  importId: string;
  file: Blob;
  name: string;
  size: number;
  storedAt: number;
}

export function recordId(importId: string, accountId: string, xId: string): string {
  return `${importId}:${accountId}:${xId}`;
}

export function emptyCounts(): ImportCounts {
  return { total: 0, planned: 0, queued: 0, posted: 0, failed: 0, skipped: 0, undone: 0 };
}

export function countRecords(records: readonly Pick<ImportRecord, 'state'>[]): ImportCounts {
  const counts = emptyCounts();
  for (const r of records) counts[r.state] += 1;
  counts.total = records.length;
  return counts;
}

export function getImport(db: Db, id: string): Promise<ImportRun | undefined> {
  return db.get('imports', id);
}

export function listImports(db: Db): Promise<ImportRun[]> {
  return db.getAll('imports');
}

export async function putImport(db: Db, run: ImportRun): Promise<void> {
  await db.put('imports', run);
}

export function recordsOfImport(db: Db, importId: string): Promise<StoredImportRecord[]> {
  return db.getAllFromIndex('importRecords', 'byImport', importId);
}

/** Records of an import in one state, in queueing order (at most `limit`). */
export function recordsInState(db: Db, importId: string, state: RecordState, limit?: number): Promise<StoredImportRecord[]> {
  const range = IDBKeyRange.bound([importId, state, -Infinity], [importId, state, Infinity]);
  return db.getAllFromIndex('importRecords', 'byQueue', range, limit);
}

export async function countInState(db: Db, importId: string, state: RecordState): Promise<number> {
  const range = IDBKeyRange.bound([importId, state, -Infinity], [importId, state, Infinity]);
  return db.countFromIndex('importRecords', 'byQueue', range);
}

export function recordsOfChain(db: Db, chainId: string): Promise<StoredImportRecord[]> {
  return db.getAllFromIndex('importRecords', 'byChain', chainId);
}

export function getArchiveFile(db: Db, importId: string): Promise<ArchiveFileRecord | undefined> {
  return db.get('archiveFiles', importId);
}

export async function putArchiveFile(db: Db, file: ArchiveFileRecord): Promise<void> {
  await db.put('archiveFiles', file);
}

export type { Network };
