/**
 * The network-neutral post a user writes. The composer edits it, the outbox
 * turns it into one job per target account per thread part, and each network
 * adapter (lib/networks/*) turns a part into that network's own calls.
 */

import type { Network } from '../networks/network.ts';

export type { Network };

/** Bluesky self-labels the user may attach when marking content as sensitive. */
export type SelfLabel = 'sexual' | 'nudity' | 'porn' | 'graphic-media';

export type MastodonVisibility = 'public' | 'unlisted' | 'private' | 'direct';

/** Who may reply, in plain words; each network maps it to its own controls. */
export type ReplyPolicy = 'everyone' | 'following' | 'followers' | 'mentioned' | 'nobody';

export interface InteractionPolicy {
  reply: ReplyPolicy;
  allowQuotes: boolean;
}

export interface DraftImage {
  /** Key of the Blob in the `media` store. */
  mediaId: string;
  alt: string;
  mime: string;
  width: number;
  height: number;
  size: number;
  /** Mastodon focal point, -1..1 on each axis. */
  focus?: { x: number; y: number };
}

export interface DraftPoll {
  options: string[];
  expiresInSeconds: number;
  multiple: boolean;
}

/**
 * What a post says and how it is shown, as the draft holds it and as each
 * queued part (outbox Job) and each part handed to a network (PartToSend)
 * carries it; `Image` is what the images are at that stage.
 */
export interface PostContent<Image = DraftImage> {
  text: string;
  images: Image[];
  /** Mastodon spoiler text; also turns `sensitive` on. */
  contentWarning: string;
  sensitive: boolean;
  labels: SelfLabel[];
  /** BCP-47 language codes, first is the main one (Bluesky takes up to 3). */
  langs: string[];
  visibility: MastodonVisibility;
  poll: DraftPoll | null;
  interaction: InteractionPolicy;
}

export interface Draft extends PostContent {
  id: string;
  /** Per-network text that replaces `text` for that network only. */
  overrides: Partial<Record<Network, string>>;
  /** Add "1/3" style numbering when a post is split into a thread. */
  numbering: boolean;
  /** Existing post to reply to, per network (bsky.app URL / at-uri, Mastodon status URL or id). */
  replyTo: Partial<Record<Network, string>>;
  /** ISO time to send at, or null for now. */
  scheduledAt: string | null;
  /** Account ids (keys of the `accounts` store) to publish to. */
  targets: string[];
  createdAt: number;
  updatedAt: number;
}

/** The text that a thread is split with when the user asks for a break by hand. */
export const MANUAL_SPLIT_MARKER = '\n---\n';

export function emptyDraft(id: string, now: number, langs: string[] = ['en']): Draft {
  return {
    id,
    text: '',
    overrides: {},
    images: [],
    contentWarning: '',
    sensitive: false,
    labels: [],
    langs,
    visibility: 'public',
    poll: null,
    numbering: false,
    replyTo: {},
    scheduledAt: null,
    interaction: { reply: 'everyone', allowQuotes: true },
    targets: [],
    createdAt: now,
    updatedAt: now,
  };
}
