/**
 * The one call the composer makes on every keystroke: for each account the
 * draft goes to, how the post will look there (thread parts), how long the
 * whole text and the first post are in that network's units, and what will
 * not go through. Both lengths count what is sent (sent.ts), as the planner
 * does when Post is pressed.
 *
 * Work is shared: the text is analysed once (analysis.ts keeps the last few
 * texts, so a re-render without an edit skips segmentation too), and accounts
 * on the same network with the same limits share one result. Nothing is
 * cached by draft identity: a draft edited in place must never get a stale
 * preview.
 */
import { adaptForTarget, type AdaptWarning } from './adapt.ts';
import { countBluesky, countMastodon, type BlueskyCount, type MastodonCount } from './count.ts';
import type { Draft } from '../model/draft.ts';
import type { NetworkTarget } from './limits.ts';
import { assertNever } from '../assert-never.ts';
import { sentText } from './sent.ts';
import type { SplitPart } from './split.ts';

export type PreviewTarget = NetworkTarget & { accountId: string };

interface PreviewCommon {
  /** The posts as they will be sent (numbering included). */
  parts: string[];
  /** The same parts with their range in the draft text and their over flag. */
  split: SplitPart[];
  warnings: AdaptWarning[];
  /** Some part is still over the limit after splitting. */
  overLimit: boolean;
  /** Per part, whether it is over the limit. */
  partsOver: boolean[];
  /** The whole text is over the network's byte limit, a limit people cannot see in a count of characters. */
  overBytes: boolean;
}

/** A preview for one network and set of limits, shared by every account that has them. */
export type NetworkPreview =
  | (PreviewCommon & {
      network: 'mastodon';
      /** The first post's length. */
      count: MastodonCount;
      /** The whole text's length, as if it were one post (content warning included once). */
      total: MastodonCount;
    })
  | (PreviewCommon & {
      network: 'bluesky';
      /** The first post's length. */
      count: BlueskyCount;
      /** The whole text's length, as if it were one post. */
      total: BlueskyCount;
    });

export type TargetPreview = NetworkPreview & { accountId: string };

/** Same key, same limits: every field that changes a result is in it. */
function limitsKey(target: NetworkTarget): string {
  switch (target.network) {
    case 'mastodon': {
      const l = target.limits;
      return [
        'mastodon',
        l.maxCharacters,
        l.charactersReservedPerUrl,
        l.maxMediaAttachments,
        l.descriptionLimit,
        l.imageSizeLimit,
        l.pollMaxOptions,
        l.pollMaxCharactersPerOption,
        l.pollMinExpiration,
        l.pollMaxExpiration,
        l.supportedMimeTypes.join(','),
      ].join('|');
    }
    case 'bluesky': {
      const l = target.limits;
      return [
        'bluesky',
        l.graphemeLimit,
        l.byteLimit,
        l.maxImages,
        l.imageSizeLimit,
        l.altTextGraphemeLimit,
        l.maxLangs,
      ].join('|');
    }
    default:
      return assertNever(target, 'network');
  }
}

function previewFor(draft: Draft, target: NetworkTarget): NetworkPreview {
  const { parts, warnings, split } = adaptForTarget(draft, target);
  const partsOver = split.map((p) => p.over);
  const common = { parts, split, warnings, overLimit: partsOver.includes(true), partsOver };
  const first = parts[0] ?? '';
  const whole = sentText(draft, target.network);
  switch (target.network) {
    case 'mastodon': {
      const { maxCharacters, charactersReservedPerUrl } = target.limits;
      const options = { maxCharacters, charactersReservedPerUrl };
      const count = countMastodon(first, draft.contentWarning, options);
      const total = split.length > 1 ? countMastodon(whole, draft.contentWarning, options) : count;
      return { ...common, network: 'mastodon', count, total, overBytes: false };
    }
    case 'bluesky': {
      const count = countBluesky(first);
      const total = split.length > 1 ? countBluesky(whole) : count;
      return { ...common, network: 'bluesky', count, total, overBytes: total.bytes > total.byteLimit };
    }
    default:
      return assertNever(target, 'network');
  }
}

/**
 * The part (0-based) holding UTF-16 offset `caret` of the text as written:
 * in the whitespace between two parts, the caret belongs to the next one;
 * before the first or after the last, to that one. -1 when there are no parts.
 */
export function partAt(split: readonly Pick<SplitPart, 'start' | 'end'>[], caret: number): number {
  if (split.length === 0) return -1;
  for (let i = 0; i < split.length; i++) {
    if (caret <= (split[i] as SplitPart).end) return i;
  }
  return split.length - 1;
}

export function previewDraft(draft: Draft, targets: readonly PreviewTarget[]): TargetPreview[] {
  const cache = new Map<string, NetworkPreview>();
  return targets.map((t) => {
    const target: NetworkTarget = t;
    const key = limitsKey(target);
    let shared = cache.get(key);
    if (!shared) {
      shared = previewFor(draft, target);
      cache.set(key, shared);
    }
    return { ...shared, accountId: t.accountId };
  });
}
