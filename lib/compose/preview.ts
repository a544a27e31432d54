/**
 * The one call the composer makes on every keystroke: for each account the
 * draft goes to, how the post will look there (thread parts), how long the
 * whole text and the first post are in that network's units, and what will
 * not go through. Both lengths count what is sent (sent.ts), as the planner
 * does when Post is pressed.
 *
 * Work is shared: the text is analysed once (lib/text/analysis.ts keeps the last few
 * texts, so a re-render without an edit skips segmentation too), and accounts
 * on the same network with the same limits share one result. Nothing is
 * cached by draft identity: a draft edited in place must never get a stale
 * preview.
 */
import { adaptForTarget, type AdaptWarning } from './adapt.ts';
import type { Draft } from '../model/draft.ts';
import type { LimitsOf, Network } from '../networks/network.ts';
import { textRulesOf, type CountOf } from '../networks/text-registry.ts';
import type { NetworkTarget } from './limits.ts';
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

/**
 * A preview for one network and set of limits, shared by every account that
 * has them. Its counts are in the network's own units (CountOf, from the
 * network's text rules), so it is a union tagged by network.
 */
export type NetworkPreview = {
  [N in Network]: PreviewCommon & {
    network: N;
    /** The limits it was made for (the counter re-counts the caret's part with them). */
    limits: LimitsOf<N>;
    /** The first post's length. */
    count: CountOf<N>;
    /** The whole text's length, as if it were one post (a content warning counted once, where the network counts it). */
    total: CountOf<N>;
  };
}[Network];

export type TargetPreview = NetworkPreview & { accountId: string };

/**
 * Same key, same limits: every field of the limits is in it, so a limit a
 * network adds can never be left out (equal limits built in another field
 * order only share less).
 */
function limitsKey(target: NetworkTarget): string {
  return `${target.network}|${JSON.stringify(target.limits)}`;
}

function previewFor(draft: Draft, target: NetworkTarget): NetworkPreview {
  const { parts, warnings, split } = adaptForTarget(draft, target);
  const partsOver = split.map((p) => p.over);
  const first = parts[0] ?? '';
  const rules = textRulesOf(target.network);
  const count = rules.count(first, draft.contentWarning, target.limits);
  const total =
    split.length > 1 ? rules.count(sentText(draft, target.network), draft.contentWarning, target.limits) : count;
  return {
    parts,
    split,
    warnings,
    overLimit: partsOver.includes(true),
    partsOver,
    overBytes: rules.overBytes(total),
    network: target.network,
    limits: target.limits,
    count,
    total,
  } as NetworkPreview;
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
