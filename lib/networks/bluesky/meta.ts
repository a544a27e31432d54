/**
 * Bluesky, the light half: what the service worker, the pages and the engine
 * all need to know without @atproto/api. Bluesky's limits are fixed by the
 * lexicon and the official app, the same for every account: this is their
 * one home.
 */
import * as v from '../../validate.ts';
import { renamed, type NetworkMeta } from '../meta.ts';
import type { BlueskyLimits } from '../network.ts';

export const BLUESKY_LIMITS: Readonly<BlueskyLimits> = Object.freeze({
  graphemeLimit: 300,
  byteLimit: 3000,
  maxImages: 4,
  imageSizeLimit: 2_000_000,
  altTextGraphemeLimit: 2000,
  maxLangs: 3,
});

/**
 * The largest video Bluesky's app takes on a post (its video service's
 * limit; the app.bsky.embed.video lexicon itself now allows 300 MB). A PDS
 * may take less: it says so in describeServer's `blobUploadLimit`.
 */
export const BLUESKY_VIDEO_SIZE_LIMIT = 100_000_000;

/** Handle suffixes that always mean Bluesky, whatever surrounds them (a PDS adds its own domains). */
export const DEFAULT_HANDLE_SUFFIXES: readonly string[] = ['.bsky.social'];

/** Bluesky: app passwords (and the sessions made with them) are listed and revoked there, whatever the PDS. */
export const BLUESKY_APP_PASSWORDS_PAGE = 'https://bsky.app/settings/app-passwords';

const short = v.string({ max: 2_000 });
const token = v.string({ max: 10_000 });

export const blueskyMeta: NetworkMeta<'bluesky'> = {
  id: 'bluesky',
  label: 'Bluesky',
  emoji: '🦋',
  shareableHandle: (handle) => `@${handle.replace(/^@/, '')}`,
  handleLocalPart: (handle) => handle.split('.')[0] ?? '',
  // https://bsky.app/profile/<handle>; a profile named by its DID has no handle to compare.
  profileUrlHandle: (url) => {
    const m = /^https:\/\/bsky\.app\/profile\/([^/]+)\/?$/.exec(url);
    return m && !m[1]!.startsWith('did:') ? m[1]!.toLowerCase() : null;
  },
  signIn: 'password',
  capabilities: {
    editableGates: true,
    backdatedPosts: true,
    archiveUnlistedWithDateLine: false,
    polls: false,
    contentWarnings: false,
    selfLabels: true,
    interactionThroughVisibility: false,
    domainHandles: true,
    followImportTakesAddresses: false,
  },
  unresolvedMentionsMessage: 'compose.warning.unresolvedMentions',
  limitsFor: () => BLUESKY_LIMITS,
  // The record key of the post: a TID, so a retry writes over the same record instead of posting twice.
  keyScheme: 'tid',
  // docs.bsky.app "Rate Limits", PDS content writes per account: 5,000 points an hour and 35,000 a day,
  // 3 points a record. Blob uploads are not records and cost no write points (only API requests,
  // 3,000 per 5 minutes per IP, far above one account's pace).
  writeLimits: [
    { name: 'write points per hour', windowMs: 3_600_000, limit: 5_000, counts: 'posts', costEach: 3 },
    { name: 'write points per day', windowMs: 24 * 3_600_000, limit: 35_000, counts: 'posts', costEach: 3 },
  ],
  serverScheduleAheadMs: null,
  connectInputSchema: v.object({
    identifier: v.string({ min: 1, max: 320 }),
    password: v.string({ min: 1, max: 500 }),
    service: v.optional(v.string({ max: 500 })),
    authFactorToken: v.optional(v.string({ max: 100 })),
  }),
  // Backups made before the field was named `server` call it `service`.
  credentialsSchema: renamed(
    'service',
    'server',
    v.object({
      network: v.oneOf('bluesky'),
      server: short,
      did: short,
      handle: short,
      accessJwt: token,
      refreshJwt: token,
    }),
  ),
  hasSession: (credentials) => credentials.refreshJwt !== '',
  emptyCredentials: (account) => {
    const didAt = account.id.indexOf(':did:');
    const did = didAt >= 0 ? account.id.slice(didAt + 1) : '';
    return { network: 'bluesky', server: account.server, did, handle: account.handle, accessJwt: '', refreshJwt: '' };
  },
  appsPageFor: () => BLUESKY_APP_PASSWORDS_PAGE,
};
