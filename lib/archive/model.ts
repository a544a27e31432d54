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
import type { ArchiveMedia, ImportFilters } from '../model/import.ts';
import type { MastodonVisibility, Network } from '../model/draft.ts';

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
  /** For replies to others: the tweet answered (its X id and its author's screen name, which may be empty). */
  inReplyTo: { id: string; screenName: string } | null;
  /** Media files in the ZIP, by entry path, in tweet order. */
  media: ArchiveMedia[];
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

export const DEFAULT_IMPORT_FILTERS: ImportFilters = {
  years: 'all',
  ownPosts: true,
  ownThreads: true,
  repliesToOthers: false,
  retweets: false,
  withMedia: true,
  withoutMedia: true,
};

/**
 * One tweet as it will be posted on one network (lib/archive/map.ts): one
 * post, or a thread of parts when the text is too long there.
 */
export interface ImportPost {
  xId: string;
  network: Network;
  /**
   * Own threads: the X id of the tweet this one answers; its first part
   * replies to that tweet's last part. Null for a post that starts a thread
   * or stands alone.
   */
  replyToXId: string | null;
  /** In order; each part after the first replies to the one before. */
  parts: ImportPart[];
  /** Bluesky: the tweet's own time, ISO (shown as archived with that date). Mastodon: null, it cannot backdate. */
  createdAt: string | null;
  /** BCP-47 tags from the tweet's `lang`; empty when X did not know. */
  langs: string[];
  /** Mastodon: 'unlisted', so an import does not flood local and federated timelines. */
  visibility: MastodonVisibility;
  /** What does not go out as it was on X. */
  changes: ImportChange[];
}

export interface ImportPart {
  text: string;
  /** Media to upload and attach to this part (ZIP entries). */
  media: ArchiveMedia[];
}

export type ImportChange =
  /** The text was too long for one post and became `parts` posts. */
  | 'split'
  /** A video or GIF the network (or Sortie) cannot take is a link to the original tweet instead. */
  | 'video-as-link'
  /** More media than the network takes on one post: the rest is a link to the original tweet. */
  | 'media-as-link'
  /** A part is still over the limit (a link longer than a post). */
  | 'part-over-limit';

/** The cost of one ImportPost on the network's rate limits (lib/archive/schedule.ts). */
export interface ImportCost {
  /** Posts created (records on Bluesky, statuses on Mastodon). */
  posts: number;
  /** Media files uploaded. */
  media: number;
}
