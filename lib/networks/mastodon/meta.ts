/**
 * Mastodon, the light half: what the service worker, the pages and the
 * engine all need to know without the client library. A Mastodon-API server
 * reports its own limits (read at connect time, `instance.ts`); the
 * defaults below are vanilla Mastodon's, for a server that did not say.
 */
import * as v from '../../validate.ts';
import { renamed, type NetworkMeta } from '../meta.ts';
import { MASTODON_DEFAULT_LIMITS } from './instance.ts';
import { appsPageFor, buildServerProfile } from './server-profile.ts';

/** What the composer counts against, read from the server's `/api/v2/instance` configuration. */
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

/**
 * Mastodon refuses `scheduled_at` less than 5 minutes ahead (422). The extra
 * 30 seconds cover clock skew, media uploads and the time the request takes,
 * so a part right at the limit is held by Sortie instead of failing.
 */
export const MASTODON_SCHEDULE_AHEAD_MS = 5 * 60_000 + 30_000;

const short = v.string({ max: 2_000 });
const token = v.string({ max: 10_000 });

export const mastodonMeta: NetworkMeta<'mastodon'> = {
  id: 'mastodon',
  label: 'Mastodon',
  emoji: '🐘',
  // Already `@user@host`.
  shareableHandle: (handle) => handle,
  signIn: 'oauth',
  limitsFor: (account) => account.serverInfo?.limits ?? MASTODON_DEFAULT_LIMITS,
  // Mastodon's Idempotency-Key takes any unique string.
  keyScheme: 'uuid',
  // The stock server's rack-attack throttles, per account: 300 statuses per 3 hours, 30 media uploads per 30 minutes.
  writeLimits: [
    { name: 'statuses per 3 hours', windowMs: 3 * 3_600_000, limit: 300, counts: 'posts', costEach: 1 },
    { name: 'media uploads per 30 minutes', windowMs: 1_800_000, limit: 30, counts: 'media', costEach: 1 },
  ],
  serverScheduleAheadMs: MASTODON_SCHEDULE_AHEAD_MS,
  // Backups made before the field was named `server` call it `origin`.
  credentialsSchema: renamed('origin', 'server', v.object({
    network: v.oneOf('mastodon'),
    server: short,
    accessToken: token,
    clientId: token,
    clientSecret: token,
  })),
  hasSession: (credentials) => credentials.accessToken !== '',
  emptyCredentials: (account) => ({ network: 'mastodon', server: account.server, accessToken: '', clientId: '', clientSecret: '' }),
  appsPageFor: (account) => {
    const profile = account.serverInfo?.profile ?? buildServerProfile(account.server, account.serverInfo?.version ?? '');
    // Recomputed from the origin, never taken from stored text: the page is always on the user's own server.
    return appsPageFor(account.server, profile.family);
  },
};
