/**
 * The contract between the outbox and each network adapter. The outbox owns
 * ordering, retries and idempotency keys; an adapter turns one thread part
 * into that network's calls and classifies what went wrong.
 */
import type { DraftImage, PostContent } from '../model/draft.ts';
import type { PostRef, PublishErrorKind } from '../model/post-ref.ts';

export type { PostRef, PublishErrorKind };

export interface ImageToSend extends DraftImage {
  blob: Blob;
}

/** One post of a (possibly one-part) thread, already adapted to the network. Only the first part of a thread carries media, poll and interaction rules. */
export interface PartToSend extends PostContent<ImageToSend> {
  /** The post this part answers (the previous part, or the draft's reply target). */
  parent: PostRef | null;
  /** The first post of the thread (Bluesky reply refs need root and parent). */
  root: PostRef | null;
  /** Fixed when the job is queued and reused on every retry: Mastodon Idempotency-Key, Bluesky rkey (TID). */
  idempotencyKey: string;
  /** ISO time for server-side scheduling (Mastodon), or null to post now. */
  scheduledAt: string | null;
  /** When the post was first written elsewhere (epoch ms): Bluesky keeps it as the record's `createdAt`; Mastodon cannot backdate. */
  originalDate?: number;
}

/**
 * A failure an adapter understood. `messageKey` is an i18n key (lib/i18n) and
 * `detail` the server's own words, shown as they are.
 */
export class PublishError extends Error {
  // Plain fields, not parameter properties: Node's type stripping (benches) cannot run those.
  readonly kind: PublishErrorKind;
  readonly messageKey: string;
  readonly detail: string;
  /** Epoch ms before which a retry is pointless (rate limits). */
  readonly retryAt: number | null;

  constructor(kind: PublishErrorKind, messageKey: string, detail = '', retryAt: number | null = null) {
    super(detail ? `${messageKey}: ${detail}` : messageKey);
    this.name = 'PublishError';
    this.kind = kind;
    this.messageKey = messageKey;
    this.detail = detail;
    this.retryAt = retryAt;
  }

  get permanent(): boolean {
    return this.kind === 'auth' || this.kind === 'validation';
  }
}
