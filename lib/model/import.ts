/**
 * What an X archive import keeps in IndexedDB (lib/db.ts): `imports` (one row
 * per import), `importRecords` (one row per imported tweet per account: the
 * plan, fixed once, then what was posted) and `archiveFiles` (the ZIP itself,
 * so an import resumes after a browser restart without the user picking it
 * again). Reading and writing them: lib/archive/store.ts.
 *
 * Invariant: an imported tweet is identified by its X id (`id_str`) and is
 * posted at most once per account: the import record for (importId,
 * accountId, xId) is written before its jobs are queued, and the jobs carry
 * idempotency keys fixed at planning time.
 */
import type { MastodonVisibility, Network } from './draft.ts';

export interface ArchiveMedia {
  /** Path of the file inside the ZIP, e.g. `data/tweets_media/123-abc.jpg`. */
  entry: string;
  type: 'photo' | 'video' | 'animated_gif';
  /** Alt text if the archive has one (X archives usually do not). */
  alt: string;
  /** Videos and GIFs: X's `video_info.aspect_ratio` (e.g. 16 × 9), when given. */
  aspectRatio?: { width: number; height: number };
}

export interface ImportFilters {
  years: number[] | 'all';
  ownPosts: boolean;
  ownThreads: boolean;
  /** Off by default. */
  repliesToOthers: boolean;
  /** Off by default. */
  retweets: boolean;
  withMedia: boolean;
  withoutMedia: boolean;
}

/** Per-import, per-account, per-tweet record in IndexedDB: X id → what was posted. */
export interface ImportRecord {
  /** `${importId}:${accountId}:${xId}` */
  id: string;
  importId: string;
  accountId: string;
  network: Network;
  xId: string;
  state: 'planned' | 'queued' | 'posted' | 'failed' | 'skipped' | 'undone';
  /** The posts created for this tweet, by their network id (a Bluesky at-uri, a Mastodon status id; several when split into a thread). */
  uris: string[];
  updatedAt: number;
}

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
  /** Ids the mirror answered with no profile (suspended, deleted, renamed away). */
  missing: number;
  /**
   * Why the lookup stopped by itself: the mirror did not answer (unreachable, 5xx, rate
   * limited). The id it was on is not counted, and a restart asks for it again.
   */
  failure?: { messageKey: string; detail: string } | null;
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
