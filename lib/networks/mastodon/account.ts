/**
 * The account record a Mastodon connection produces, built by the engine
 * adapter's `connect` once the server accepts the token (from the browser's
 * sign-in window or pasted by the user). Plain data, no client library.
 */
import type { Account } from '../../model/account.ts';
import { accountId } from '../network.ts';
import type { MastodonInstanceInfo } from './instance.ts';
import type { MastodonConnectInput } from '../network.ts';
import type { MastodonProfile } from './oauth.ts';

/** Reconnecting replaces the credentials in place: the user's choices for the account (`existing`) stay. */
export function mastodonAccount(
  instance: MastodonInstanceInfo,
  profile: MastodonProfile,
  input: MastodonConnectInput,
  existing: Account | undefined,
  now: number,
): Account {
  const origin = instance.origin;
  const host = new URL(origin).host;
  return {
    id: accountId('mastodon', origin, profile.id),
    network: 'mastodon',
    handle: `@${profile.acct.split('@')[0]}@${host}`,
    displayName: profile.displayName || profile.username,
    server: origin,
    profileUrl: profile.url,
    status: 'ok',
    credentials: {
      network: 'mastodon',
      server: origin,
      accessToken: input.accessToken,
      clientId: input.clientId,
      clientSecret: input.clientSecret,
    },
    serverInfo: {
      version: instance.version,
      limits: instance.limits,
      supportsQuotePolicy: instance.supportsQuotePolicy,
      profile: instance.profile,
      fetchedAt: now,
    },
    defaultInteraction: existing?.defaultInteraction ?? { reply: 'everyone', allowQuotes: true },
    createdAt: existing?.createdAt ?? now,
  };
}
