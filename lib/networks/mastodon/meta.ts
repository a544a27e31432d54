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
  handleLocalPart: (handle) => handle.split('@')[0] ?? '',
  // https://host/@user, https://host/@user@other (a remote account seen from host), https://host/users/user.
  profileUrlHandle: (url) => {
    const m = /^https:\/\/([^/]+)\/(?:@([^@/]+)(?:@([^/]+))?|users\/([^/]+))$/.exec(url);
    if (!m) return null;
    return `${(m[2] ?? m[4]!).toLowerCase()}@${m[3] ?? m[1]}`;
  },
  signIn: 'oauth',
  capabilities: {
    editableGates: false,
    backdatedPosts: false,
    archiveUnlistedWithDateLine: true,
    polls: true,
    contentWarnings: true,
    selfLabels: false,
    interactionThroughVisibility: true,
    domainHandles: false,
    followImportTakesAddresses: true,
  },
  unresolvedMentionsMessage: 'compose.warning.unresolvedMentionsMastodon',
  limitsFor: (account) => account.serverInfo?.limits ?? MASTODON_DEFAULT_LIMITS,
  // Mastodon's Idempotency-Key takes any unique string.
  keyScheme: 'uuid',
  // The stock server's rack-attack throttles, per account: 300 statuses per 3 hours, 30 media uploads per 30 minutes.
  writeLimits: [
    { name: 'statuses per 3 hours', windowMs: 3 * 3_600_000, limit: 300, counts: 'posts', costEach: 1 },
    { name: 'media uploads per 30 minutes', windowMs: 1_800_000, limit: 30, counts: 'media', costEach: 1 },
  ],
  serverScheduleAheadMs: MASTODON_SCHEDULE_AHEAD_MS,
  connectInputSchema: v.object({
    origin: short,
    accessToken: v.string({ min: 1, max: 10_000 }),
    clientId: token,
    clientSecret: token,
  }),
  // Backups made before the field was named `server` call it `origin`.
  credentialsSchema: renamed(
    'origin',
    'server',
    v.object({
      network: v.oneOf('mastodon'),
      server: short,
      accessToken: token,
      clientId: token,
      clientSecret: token,
    }),
  ),
  hasSession: (credentials) => credentials.accessToken !== '',
  emptyCredentials: (account) => ({
    network: 'mastodon',
    server: account.server,
    accessToken: '',
    clientId: '',
    clientSecret: '',
  }),
  appsPageFor: (account) => {
    const profile =
      account.serverInfo?.profile ?? buildServerProfile(account.server, account.serverInfo?.version ?? '');
    // Recomputed from the origin, never taken from stored text: the page is always on the user's own server.
    return appsPageFor(account.server, profile.family);
  },
};
