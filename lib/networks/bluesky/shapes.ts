/**
 * Bluesky's stored shapes: what an account record keeps (limits, credentials)
 * and what connecting starts from. Types only, with no import, so the list of
 * networks (`lib/networks/network.ts`) and the stored records (`lib/model/*`)
 * can name them from the base layer.
 */

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
