/**
 * What each network accepts in one post. Mastodon's come from the server
 * (`/api/v2/instance` configuration, see lib/networks/mastodon/instance.ts,
 * whose MastodonLimits has these fields and more); Bluesky's are fixed by the
 * lexicon and the official app.
 */
import type { Network } from './draft.ts';

export interface MastodonLimits {
  /** configuration.statuses.max_characters */
  maxCharacters: number;
  /** configuration.statuses.characters_reserved_per_url */
  charactersReservedPerUrl: number;
  /** configuration.statuses.max_media_attachments */
  maxMediaAttachments: number;
  /** configuration.media_attachments.description_limit (alt text, in code points). */
  descriptionLimit: number;
  /** configuration.media_attachments.supported_mime_types */
  supportedMimeTypes: readonly string[];
  /** configuration.media_attachments.image_size_limit, in bytes. */
  imageSizeLimit: number;
  /** configuration.polls.max_options */
  pollMaxOptions: number;
  /** configuration.polls.max_characters_per_option (grapheme clusters). */
  pollMaxCharactersPerOption: number;
  /** configuration.polls.min_expiration, seconds; 300 when absent. */
  pollMinExpiration?: number;
  /** configuration.polls.max_expiration, seconds; 2629746 when absent. */
  pollMaxExpiration?: number;
}

export interface BlueskyLimits {
  /** app.bsky.feed.post text maxGraphemes. */
  graphemeLimit: number;
  /** app.bsky.feed.post text maxLength (UTF-8 bytes). */
  byteLimit: number;
  /** app.bsky.embed.images maxLength. */
  maxImages: number;
  /** app.bsky.embed.images#image blob maxSize, in bytes. */
  imageSizeLimit: number;
  /** The lexicon sets none; the official app stops alt text at 2000 graphemes (MAX_ALT_TEXT). */
  altTextGraphemeLimit: number;
  /** app.bsky.feed.post langs maxLength. */
  maxLangs: number;
}

export const BLUESKY_LIMITS: Readonly<BlueskyLimits> = Object.freeze({
  graphemeLimit: 300,
  byteLimit: 3000,
  maxImages: 4,
  imageSizeLimit: 2_000_000,
  altTextGraphemeLimit: 2000,
  maxLangs: 3,
});

/** PollExpirationValidator's bounds, used when a server does not report its own. */
export const MASTODON_POLL_MIN_EXPIRATION = 300;
export const MASTODON_POLL_MAX_EXPIRATION = 2_629_746;

export interface LimitsByNetwork {
  mastodon: MastodonLimits;
  bluesky: BlueskyLimits;
}

export type NetworkLimits = LimitsByNetwork[Network];

/** A network and its limits, tied together so that narrowing one narrows the other. */
export type NetworkTarget =
  | { network: 'mastodon'; limits: MastodonLimits }
  | { network: 'bluesky'; limits: BlueskyLimits };

/**
 * Pairs a network with limits typed for it. TypeScript cannot narrow a
 * generic parameter through another one, so this is the single place where
 * the pairing is asserted; the signature guarantees it for every caller.
 */
export function networkTarget<N extends Network>(network: N, limits: LimitsByNetwork[N]): NetworkTarget {
  return { network, limits } as NetworkTarget;
}
