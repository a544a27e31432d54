/**
 * One network-neutral draft made into what one network will accept: the text
 * (its per-network override if the user wrote one) split into thread parts,
 * and warnings about everything that will not go through as written
 * (AdaptWarning). How the text is counted and split and what is refused are
 * the network's text rules (lib/networks/<network>/text/rules.ts).
 */
import type { Draft, Network } from '../model/draft.ts';
import { NETWORKS } from '../networks/registry.ts';
import { textRulesOf } from '../networks/text-registry.ts';
import type { AdaptWarning } from '../networks/text-rules.ts';
import { networkTarget, type LimitsByNetwork, type NetworkTarget } from './limits.ts';
import { sentRange, sentText, textFor } from './sent.ts';
import { splitForNetwork, type SplitPart } from './split.ts';

export { BLUESKY_LIMITS } from './limits.ts';
export type { BlueskyLimits, LimitsByNetwork, MastodonLimits, NetworkLimits, NetworkTarget } from './limits.ts';
export type { AdaptWarning } from '../networks/text-rules.ts';

export interface AdaptedDraft {
  parts: string[];
  warnings: AdaptWarning[];
}

/** AdaptedDraft plus what the preview shows: the split parts with their ranges and over flags. */
export interface AdaptedDraftDetail extends AdaptedDraft {
  split: SplitPart[];
}

export { textFor } from './sent.ts';

/** The thread parts of what is sent (sent.ts), with ranges in the text as written. */
function splitFor(draft: Draft, target: NetworkTarget): SplitPart[] {
  const written = textFor(draft, target.network);
  const { start } = sentRange(written);
  const text = sentText(draft, target.network);
  const rules = textRulesOf(target.network);
  // The content warning goes along: a network that counts it against each part does so in its meter.
  const parts = splitForNetwork(text, rules.splitLimits(target.limits), {
    numbering: draft.numbering,
    spoiler: draft.contentWarning,
  });
  return start === 0 ? parts : parts.map((p) => ({ ...p, start: p.start + start, end: p.end + start }));
}

/** adaptDraft for a network and limits already paired (what the preview holds). */
export function adaptForTarget(draft: Draft, target: NetworkTarget): AdaptedDraftDetail {
  const split = splitFor(draft, target);
  const warnings: AdaptWarning[] = [];
  if (split.length > 1) warnings.push({ code: 'split', severity: 'info', parts: split.length });
  split.forEach((p, part) => {
    if (p.over) warnings.push({ code: 'part-over-limit', severity: 'error', part });
  });
  const attachments = draft.images.length > 0 || (NETWORKS[target.network].capabilities.polls && draft.poll !== null);
  if (split.length === 0 && !attachments) warnings.push({ code: 'empty', severity: 'error' });
  // What this network refuses or drops (media, polls, languages...).
  warnings.push(...textRulesOf(target.network).warnings(draft, target.limits));
  // A media- or poll-only post is still one post, with empty text.
  const parts = split.length === 0 && attachments ? [''] : split.map((p) => p.text);
  return { parts, warnings, split };
}

export function adaptDraft<N extends Network>(draft: Draft, network: N, limits: LimitsByNetwork[N]): AdaptedDraft {
  const { parts, warnings } = adaptForTarget(draft, networkTarget(network, limits));
  return { parts, warnings };
}
