/**
 * What the mapping needs to know of each account an import posts to, and
 * where a post links when a video cannot go with it.
 *
 * Videos: Mastodon's limit and accepted types are in the account's stored
 * server limits. A PDS says its blob limit only when asked
 * (describeServer, through the engine's adapter): the import asks it when it
 * plans, and the page's preview assumes Bluesky's own video limit.
 */
import type { PublicAccount } from '../model/account.ts';
import { targetFor } from '../networks/registry.ts';
import { textRulesOf } from '../networks/text-registry.ts';
import type { MapTarget } from './map.ts';

/**
 * What an import to this account must fit: its limits, from the network
 * registry (the composer previews with the same), as the network's text rules
 * take them. `videoSizeLimit`: the largest video the account's server said it
 * takes (bytes; null: none), for a network that must be asked (a PDS, through
 * the engine's adapter); left out, the network's own limit.
 */
export function mapTargetFor(
  account: Pick<PublicAccount, 'network' | 'serverInfo'>,
  videoSizeLimit?: number | null,
): MapTarget {
  const target = targetFor(account);
  return textRulesOf(target.network).importTarget(target.limits, videoSizeLimit);
}

/**
 * The original tweet's address: on the user's current Nitter-style mirror
 * when there is one (readers can open it without an X account), else on x.com.
 */
export function originalTweetLink(
  username: string,
  xId: string,
  mirror: { origin: string; scheme: string } | null,
): string {
  const user = /^[A-Za-z0-9_]{1,15}$/.test(username) ? username : 'i/web';
  const origin =
    mirror?.scheme === 'nitter' && /^https:\/\/[^/]+$/.test(mirror.origin) ? mirror.origin : 'https://x.com';
  return `${origin}/${user}/status/${xId}`;
}
