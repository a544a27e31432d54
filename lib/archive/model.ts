/**
 * What Sortie keeps of an X archive once it is read, and what an import is.
 * This is the contract between reading/planning (lib/archive/*.ts, pure) and
 * running an import (lib/archive/background|engine, the outbox).
 *
 * Invariant: an imported tweet is identified by its X id (`id_str`) and is
 * posted at most once per account: the import record for (importId,
 * accountId, xId) is written before its jobs are queued, and the jobs carry
 * idempotency keys fixed at planning time.
 */
import type { Network } from '../compose/draft.ts';

/** One tweet as read from the archive, after HTML entities are decoded and t.co links expanded. */
export interface ArchiveTweet {
  /** X's `id_str`. */
  id: string;
  /** Text to post (entities decoded, t.co → expanded URL, trailing media links removed, note-tweet text when longer). */
  text: string;
  /** Original creation time, epoch ms. */
  createdAt: number;
  /** X's `lang` ("und" when unknown). */
  lang: string;
  kind: 'post' | 'self-reply' | 'reply' | 'retweet';
  /** For self-replies: the X id of the own tweet this one answers (thread rebuilding). */
  inReplyToOwnId: string | null;
  /** Media files in the ZIP, by entry path, in tweet order. */
  media: ArchiveMedia[];
}

export interface ArchiveMedia {
  /** Path of the file inside the ZIP, e.g. `data/tweets_media/123-abc.jpg`. */
  entry: string;
  type: 'photo' | 'video' | 'animated_gif';
  /** Alt text if the archive has one (X archives usually do not). */
  alt: string;
}

/** The archive's owner, from `account.js`. */
export interface ArchiveAccount {
  accountId: string;
  username: string;
  displayName: string;
}

/** An X account the owner follows, from `following.js` (ids only). */
export interface ArchiveFollow {
  accountId: string;
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

export const DEFAULT_IMPORT_FILTERS: ImportFilters = {
  years: 'all',
  ownPosts: true,
  ownThreads: true,
  repliesToOthers: false,
  retweets: false,
  withMedia: true,
  withoutMedia: true,
};

/** Per-import, per-account, per-tweet record in IndexedDB: X id → what was posted. */
export interface ImportRecord {
  /** `${importId}:${accountId}:${xId}` */
  id: string;
  importId: string;
  accountId: string;
  network: Network;
  xId: string;
  state: 'planned' | 'queued' | 'posted' | 'failed' | 'skipped' | 'undone';
  /** Post URIs/URLs created for this tweet (several when split into a thread). */
  uris: string[];
  updatedAt: number;
}
