/**
 * Bluesky's meter for the splitter (lib/text/meter.ts): exact, so it needs no
 * re-count: segmenting a slice cut at cluster boundaries gives the same
 * clusters, and bytes are bytes.
 */
import type { TextAnalysis } from '../../../text/analysis.ts';
import { countGraphemes, utf8Length } from '../../../text/graphemes.ts';
import { lastAtMost, type Meter } from '../../../text/meter.ts';

export interface BlueskySplitLimits {
  network: 'bluesky';
  graphemeLimit: number;
  byteLimit: number;
}

/** The numbering is ASCII, so `reserve` counts the same in graphemes and bytes. */
export function blueskyMeter(a: TextAnalysis, limits: Omit<BlueskySplitLimits, 'network'>): Meter {
  const bytes = a.bytesBefore;
  return {
    hasRoom: (reserve) => limits.graphemeLimit - reserve > 0 && limits.byteLimit - reserve > 0,
    reach: (s, limit, reserve) => {
      const byGraphemes = Math.min(limit, s + limits.graphemeLimit - reserve);
      return lastAtMost(bytes, s, byGraphemes, (bytes[s] as number) + limits.byteLimit - reserve);
    },
    fill: (s, e, reserve) =>
      Math.max(
        (e - s) / (limits.graphemeLimit - reserve),
        ((bytes[e] as number) - (bytes[s] as number)) / (limits.byteLimit - reserve),
      ),
    needsRecount: () => false,
    excess: (text) => Math.max(countGraphemes(text) - limits.graphemeLimit, utf8Length(text) - limits.byteLimit),
  };
}
