/**
 * The one call the composer makes on every keystroke: for each account the
 * draft goes to, how the post will look there (thread parts), how long the
 * first post is in that network's units, and what will not go through.
 *
 * Work is shared: the text is analysed once (analysis.ts keeps the last few
 * texts, so a re-render without an edit skips segmentation too), and accounts
 * on the same network with the same limits share one result. Nothing is
 * cached by draft identity: a draft edited in place must never get a stale
 * preview.
 */
import { adaptForTarget, type AdaptWarning } from './adapt.ts';
import { countBluesky, countMastodon, type BlueskyCount, type MastodonCount } from './count.ts';
import type { Draft } from './draft.ts';
import type { BlueskyLimits, MastodonLimits, NetworkTarget } from './limits.ts';
import type { SplitPart } from './split.ts';

export type PreviewTarget =
  | { accountId: string; network: 'mastodon'; limits: MastodonLimits }
  | { accountId: string; network: 'bluesky'; limits: BlueskyLimits };

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
}

/** A preview for one network and set of limits, shared by every account that has them. */
export type NetworkPreview =
  | (PreviewCommon & { network: 'mastodon'; /** The first post's length. */ count: MastodonCount })
  | (PreviewCommon & { network: 'bluesky'; /** The first post's length. */ count: BlueskyCount });

export type TargetPreview = NetworkPreview & { accountId: string };

/** Same key, same limits: every field that changes a result is in it. */
function limitsKey(target: NetworkTarget): string {
  if (target.network === 'mastodon') {
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
  const l = target.limits;
  return ['bluesky', l.graphemeLimit, l.byteLimit, l.maxImages, l.imageSizeLimit, l.altTextGraphemeLimit, l.maxLangs].join('|');
}

function previewFor(draft: Draft, target: NetworkTarget): NetworkPreview {
  const { parts, warnings, split } = adaptForTarget(draft, target);
  const partsOver = split.map((p) => p.over);
  const common = { parts, split, warnings, overLimit: partsOver.includes(true), partsOver };
  const first = parts[0] ?? '';
  if (target.network === 'mastodon') {
    const { maxCharacters, charactersReservedPerUrl } = target.limits;
    const count = countMastodon(first, draft.contentWarning, { maxCharacters, charactersReservedPerUrl });
    return { ...common, network: 'mastodon', count };
  }
  return { ...common, network: 'bluesky', count: countBluesky(first) };
}

export function previewDraft(draft: Draft, targets: readonly PreviewTarget[]): TargetPreview[] {
  const cache = new Map<string, NetworkPreview>();
  return targets.map((t) => {
    const target: NetworkTarget =
      t.network === 'mastodon' ? { network: t.network, limits: t.limits } : { network: t.network, limits: t.limits };
    const key = limitsKey(target);
    let shared = cache.get(key);
    if (!shared) {
      shared = previewFor(draft, target);
      cache.set(key, shared);
    }
    return { ...shared, accountId: t.accountId };
  });
}
