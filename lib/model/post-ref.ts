/**
 * What a sent post leaves behind and how a send failed, as a job record keeps
 * them (lib/model/job.ts); the network adapters (lib/networks/types.ts) answer
 * with these.
 */

/** Where an earlier post lives, enough for either network to reply to it. */
export interface PostRef {
  /** Mastodon status id, or Bluesky at-uri. */
  id: string;
  /** Bluesky only: the record's CID (reply refs need it). */
  cid?: string;
  /** Public web URL of the post, shown to the user. */
  url: string;
  /** i18n key of something the user must know about how it was published (e.g. published now, not scheduled). */
  notice?: string;
}

export type PublishErrorKind =
  /** Credentials rejected: the account needs reconnecting. Permanent. */
  | 'auth'
  /** The server refused the content (length, media type...). Permanent. */
  | 'validation'
  /** Too many requests: retry at `retryAt`. */
  | 'rate-limit'
  /** Network down, timeout, 5xx: retry with backoff. */
  | 'transient';
