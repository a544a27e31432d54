/**
 * A text cut into the posts of a thread for one network: the splitter
 * (lib/text/split.ts) run under that network's text rules
 * (lib/networks/text-registry.ts). The composer, the planner and the archive
 * import all split here, so an imported post is cut exactly as a typed one.
 */
import { textRulesOf, type SplitLimits } from '../networks/text-registry.ts';
import { splitText, type SplitOptions, type SplitPart } from '../text/split.ts';

export type { SplitLimits } from '../networks/text-registry.ts';
export type { MastodonSplitLimits } from '../networks/mastodon/text/meter.ts';
export type { BlueskySplitLimits } from '../networks/bluesky/text/meter.ts';
export type { SplitOptions, SplitPart } from '../text/split.ts';

/**
 * Splits `text` into the posts of a thread for `limits.network`. A text that
 * fits gives one part (trimmed); a blank text gives none.
 */
export function splitForNetwork(text: string, limits: SplitLimits, options: SplitOptions = {}): SplitPart[] {
  const rules = textRulesOf(limits.network);
  return splitText(
    text,
    { key: limits.network, tokens: rules.tokens, meter: (a, spoiler) => rules.meter(a, limits, spoiler) },
    options,
  );
}
