/**
 * What the mapping needs to know of each account an import posts to, and
 * where a post links when a video cannot go with it.
 *
 * Videos: Mastodon's limit and accepted types are in the account's stored
 * server limits. A PDS says its blob limit only when asked
 * (describeServer, through the engine's adapter): the import asks it when it
 * plans, and the page's preview assumes Bluesky's own video limit.
 */
import { assertNever } from '../assert-never.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { PublicAccount } from '../model/account.ts';
import { BLUESKY_VIDEO_SIZE_LIMIT } from '../networks/bluesky/meta.ts';
import { MASTODON_DEFAULT_LIMITS } from '../networks/mastodon/instance.ts';
import { targetFor } from '../networks/registry.ts';
import type { Network } from '../networks/network.ts';
import type { MapTarget } from './map.ts';

/** What the import page says of an import to each network (shown when the user has an account there). */
export const ARCHIVE_ACCOUNT_NOTES: { readonly [N in Network]: MessageKey } = {
  bluesky: 'archive.accounts.bluesky',
  mastodon: 'archive.accounts.mastodon',
};

/**
 * The account's limits, from the network registry (the composer previews
 * with the same). `blueskyVideoLimit`: the largest video the account's PDS
 * takes (bytes), null when it takes none; left out, Bluesky's own limit.
 */
export function mapTargetFor(
  account: Pick<PublicAccount, 'network' | 'serverInfo'>,
  blueskyVideoLimit: number | null = BLUESKY_VIDEO_SIZE_LIMIT,
): MapTarget {
  const target = targetFor(account);
  switch (target.network) {
    case 'bluesky': {
      const { graphemeLimit, byteLimit, maxImages } = target.limits;
      return {
        network: 'bluesky',
        graphemeLimit,
        byteLimit,
        maxImages,
        video: blueskyVideoLimit !== null && blueskyVideoLimit > 0,
        videoSizeLimit: Math.min(blueskyVideoLimit ?? 0, BLUESKY_VIDEO_SIZE_LIMIT),
      };
    }
    case 'mastodon': {
      const limits = target.limits;
      return {
        network: 'mastodon',
        maxCharacters: limits.maxCharacters,
        charactersReservedPerUrl: limits.charactersReservedPerUrl,
        maxMediaAttachments: limits.maxMediaAttachments,
        video: limits.supportedMimeTypes.includes('video/mp4'),
        videoSizeLimit: limits.videoSizeLimit ?? MASTODON_DEFAULT_LIMITS.videoSizeLimit,
      };
    }
    default:
      return assertNever(target, 'network');
  }
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
