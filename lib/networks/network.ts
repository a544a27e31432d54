/**
 * The networks Sortie posts to, each with the two record shapes that differ
 * per network: the limits a post must fit and the credentials an account
 * keeps. Adding a network starts with a row here (ARCHITECTURE.md, "Add a
 * network"); the compiler then points at every place that must know it.
 */

// Bluesky's stored shapes.
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

export interface BlueskyCredentials {
  network: 'bluesky';
  /** The PDS the session lives on (after login the entryway hands over to it): the same value as the account's `server`. */
  server: string;
  did: string;
  handle: string;
  accessJwt: string;
  refreshJwt: string;
}

/** An identifier (handle, DID or email) and an (app) password; on a second try, the code the server emailed. */
export interface BlueskyConnectInput {
  identifier: string;
  password: string;
  service?: string;
  authFactorToken?: string;
}

// Mastodon's stored shapes (and its server profile).
/**
 * What the composer counts against, read from the server's instance
 * configuration (`instance.ts` fills every field, with vanilla Mastodon's
 * value for one a server leaves out). The fields the composer does without
 * are optional, so the composer and its tests may give only what they count.
 */
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
  supportedMimeTypes: string[];
  /** configuration.media_attachments.image_size_limit, in bytes. */
  imageSizeLimit: number;
  /** configuration.media_attachments.video_size_limit, in bytes. */
  videoSizeLimit?: number;
  /** configuration.polls.max_options */
  pollMaxOptions: number;
  /** configuration.polls.max_characters_per_option (grapheme clusters). */
  pollMaxCharactersPerOption: number;
  /** configuration.polls.min_expiration, seconds; 300 when absent. */
  pollMinExpiration?: number;
  /** configuration.polls.max_expiration, seconds; 2629746 when absent. */
  pollMaxExpiration?: number;
}

export type ServerFamily =
  'mastodon' | 'hollo' | 'gotosocial' | 'akkoma' | 'pleroma' | 'misskey' | 'pixelfed' | 'friendica' | 'unknown';

export interface ServerFamilyInfo {
  family: ServerFamily;
  /** The fork's own name when it says one ('Sharkey', 'Iceshrimp', 'glitch'...), else the family's. */
  software: string;
  /** The family's own version ('0.17.0' for GoToSocial, '3.13.2' for Akkoma), '' when unknown. */
  softwareVersion: string;
}

export interface ServerCapabilities {
  /** `quote_approval_policy` on statuses (Mastodon 4.5+). */
  quotePolicy: boolean;
  /** OAuth PKCE (S256): Mastodon 4.3+. Others are given no challenge (a plain code flow still works). */
  pkce: boolean;
  /**
   * 'yes': `scheduled_at` gives a ScheduledStatus; 'no': the server is known to publish at once
   * (Sortie keeps the post and sends it on time itself); 'unknown': sent, and the answer's shape checked.
   */
  scheduling: 'yes' | 'no' | 'unknown';
  /** `POST /oauth/revoke` exists ('unknown' until tried). */
  revoke: 'yes' | 'no' | 'unknown';
}

/** Which server family a Mastodon-API server is and what it supports (built by `server-profile.ts`). */
export interface ServerProfile extends ServerFamilyInfo {
  capabilities: ServerCapabilities;
  /** Where the account holder can see and revoke the apps that have access (absolute URL on the server). */
  appsPage: string;
}

export interface MastodonCredentials {
  network: 'mastodon';
  /** The server's origin: the same value as the account's `server`. */
  server: string;
  accessToken: string;
  /** The OAuth app the token was issued to (needed to revoke it); empty for a pasted token. */
  clientId: string;
  clientSecret: string;
}

/** A token the background obtained (OAuth in the browser's sign-in window) or the user pasted, for a server already probed. */
export interface MastodonConnectInput {
  origin: string;
  accessToken: string;
  /** The OAuth app the token was issued to; empty for a pasted token. */
  clientId: string;
  clientSecret: string;
}

export interface NetworkShapes {
  mastodon: { limits: MastodonLimits; credentials: MastodonCredentials; connectInput: MastodonConnectInput };
  bluesky: { limits: BlueskyLimits; credentials: BlueskyCredentials; connectInput: BlueskyConnectInput };
}

export type Network = keyof NetworkShapes;

export type LimitsOf<N extends Network> = NetworkShapes[N]['limits'];
export type CredentialsOf<N extends Network> = NetworkShapes[N]['credentials'];
/** What connecting an account starts from (checked with the server by the network's engine adapter). */
export type ConnectInputOf<N extends Network> = NetworkShapes[N]['connectInput'];

/** A network and its limits, tied together so that narrowing one narrows the other. */
export type NetworkTarget = { [N in Network]: { network: N; limits: LimitsOf<N> } }[Network];

/** An account's id: the same person on the same server is the same account, whatever they reconnect with. */
export function accountId(network: Network, server: string, userId: string): string {
  return `${network}:${server}:${userId}`;
}
