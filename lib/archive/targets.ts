/**
 * What the mapping needs to know of each account an import posts to, and
 * where a post links when a video cannot go with it.
 *
 * Videos: Sortie's publishers upload images only today (a part carries
 * DraftImages), so videos and GIFs go as a link to the original tweet on
 * both networks; `video: true` is for the day a publisher uploads them.
 */
import type { PublicAccount } from '../accounts/account.ts';
import { BLUESKY_LIMITS } from '../compose/limits.ts';
import { MASTODON_DEFAULT_LIMITS } from '../networks/mastodon-instance.ts';
import type { MapTarget } from './map.ts';

export function mapTargetFor(account: Pick<PublicAccount, 'network' | 'serverInfo'>): MapTarget {
  if (account.network === 'bluesky') {
    return { network: 'bluesky', graphemeLimit: BLUESKY_LIMITS.graphemeLimit, byteLimit: BLUESKY_LIMITS.byteLimit, maxImages: BLUESKY_LIMITS.maxImages, video: false };
  }
  const limits = account.serverInfo?.limits ?? MASTODON_DEFAULT_LIMITS;
  return {
    network: 'mastodon',
    maxCharacters: limits.maxCharacters,
    charactersReservedPerUrl: limits.charactersReservedPerUrl,
    maxMediaAttachments: limits.maxMediaAttachments,
    video: false,
    videoSizeLimit: limits.videoSizeLimit ?? MASTODON_DEFAULT_LIMITS.videoSizeLimit,
  };
}

/**
 * The original tweet's address: on the user's current Nitter-style mirror
 * when there is one (readers can open it without an X account), else on x.com.
 */
export function originalTweetLink(username: string, xId: string, mirror: { origin: string; scheme: string } | null): string {
  const user = /^[A-Za-z0-9_]{1,15}$/.test(username) ? username : 'i/web';
  const origin = mirror?.scheme === 'nitter' && /^https:\/\/[^/]+$/.test(mirror.origin) ? mirror.origin : 'https://x.com';
  return `${origin}/${user}/status/${xId}`;
}
