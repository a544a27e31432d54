/**
 * One outbox job = one thread part for one target account. Its idempotency
 * key is fixed when the job is created and never changes, so any retry, even
 * after a crash mid-request, is recognised by the server as the same post.
 */
import type { Network, PostContent } from './draft.ts';
import type { PostRef, PublishErrorKind } from './post-ref.ts';

/**
 * 'held': restored from a backup file while it still had to go out. The
 * engine never sends it (plan.ts and the store read only queued, sending and
 * retrying); only the user's "Send" in the queue view makes it 'queued'. A
 * file is not the user: it cannot publish by itself.
 */
export type JobState = 'held' | 'queued' | 'sending' | 'sent' | 'retrying' | 'failed' | 'cancelled';

export interface JobError {
  kind: PublishErrorKind | 'attempts' | 'cancelled' | 'internal';
  /** i18n key (lib/i18n) */
  messageKey: string;
  /** The server's own words, if any. */
  detail: string;
}

/** One thread part for one account; its `images` are the first part's media (empty on the others). */
export interface Job extends PostContent {
  id: string;
  /** Groups the jobs created by one press of Post. */
  postId: string;
  draftId: string;
  accountId: string;
  network: Network;
  partIndex: number;
  partCount: number;
  /** Existing post the thread answers (URL, at-uri or status id), first part only. */
  replyTo: string | null;
  /** Mastodon Idempotency-Key or Bluesky record key (TID). */
  idempotencyKey: string;
  /** Local "send at" time (epoch ms), or null for now. */
  sendAt: number | null;
  /**
   * When the post was first written elsewhere (epoch ms), for a post brought
   * from an X archive: Bluesky records carry it as their `createdAt`. Absent
   * for posts written in Sortie.
   */
  originalDate?: number;
  /** Mastodon schedules it on the server (sendAt at least 5 minutes ahead). */
  serverScheduled: boolean;
  state: JobState;
  attempts: number;
  /**
   * When the earliest attempt that may have reached the server began (epoch
   * ms), while no answer to it has been read: the request left (or may have)
   * and the worker died, the network cut, the server failed mid-way. Absent
   * when no attempt can have created anything. A network's key may be
   * forgotten by the server after a while (Mastodon: one hour), so a retry
   * long after this time must first look for what that attempt made.
   */
  unansweredSince?: number;
  /** Earliest time of the next attempt (epoch ms). */
  nextAttemptAt: number;
  lastError: JobError | null;
  result: PostRef | null;
  createdAt: number;
  updatedAt: number;
}

/** States in which a job still has work to do. */
export const PENDING_STATES: readonly JobState[] = ['queued', 'sending', 'retrying'];

export function isPending(job: Job): boolean {
  return PENDING_STATES.includes(job.state);
}

/** Not sent yet and not given up: pending, or held until the user says "Send" (a wipe would lose it, an export keeps its images first). */
export function isUnsent(job: Job): boolean {
  return job.state === 'held' || isPending(job);
}
