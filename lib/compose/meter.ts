/**
 * How much of a network's limit a run of clusters uses, answered from
 * prefix sums so that each question costs a binary search, not a re-count.
 *
 * For Bluesky the model is exact. For Mastodon it is exact for a part cut at
 * whitespace when no entity edge splits a cluster (see analysis.ts) and the
 * part does not merge into the content warning's last cluster; any other
 * part that could hold a link or mention is re-counted with count.ts before
 * it is accepted.
 */
import { assertNever } from '../assert-never.ts';
import type { TextAnalysis } from './analysis.ts';
import { countMastodon } from './count.ts';
import { countGraphemes, graphemeBoundaries, utf8Length } from './graphemes.ts';

export interface MastodonSplitLimits {
  network: 'mastodon';
  maxCharacters: number;
  charactersReservedPerUrl: number;
}

export interface BlueskySplitLimits {
  network: 'bluesky';
  graphemeLimit: number;
  byteLimit: number;
}

export type SplitLimits = MastodonSplitLimits | BlueskySplitLimits;

export interface Meter {
  /** Whether anything at all fits once `reserve` characters are set aside. */
  hasRoom(reserve: number): boolean;
  /** The farthest cluster e in [a, limit] such that clusters [a, e) fit beside `reserve`. */
  reach(a: number, limit: number, reserve: number): number;
  /** How full clusters [a, e) make a part, 1 being exactly full. */
  fill(a: number, e: number, reserve: number): number;
  /**
   * Whether part [a, e) must be re-counted exactly before it is accepted;
   * `clean` says both its ends are at whitespace (or the text's ends).
   */
  needsRecount(a: number, e: number, clean: boolean): boolean;
  /** By how much `text` (already carrying its numbering) exceeds the limit; 0 or less when it fits. */
  excess(text: string): number;
}

/** Largest e in [lo, hi] with before[e] <= target (before is non-decreasing, before[lo] <= target). */
function lastAtMost(before: Int32Array, lo: number, hi: number, target: number): number {
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((before[mid] as number) <= target) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function mastodonMeter(a: TextAnalysis, limits: MastodonSplitLimits, spoiler: string): Meter {
  const { before, exact } = a.mastodonWeights(limits.charactersReservedPerUrl);
  const spoilerLength = countGraphemes(spoiler);
  const budget = (reserve: number): number => limits.maxCharacters - spoilerLength - reserve;
  const spoilerTail = lastCluster(spoiler);
  /** The server counts spoiler + text as one string: a part opening with a mark merges into the spoiler's last cluster. */
  const seamMerges = (s: number): boolean => {
    if (spoilerTail === '') return false;
    const head = a.text.slice(a.bounds[s] as number, a.bounds[s + 1] as number);
    if (head.charCodeAt(0) < 0x80 && spoilerTail.charCodeAt(spoilerTail.length - 1) < 0x80) return false;
    // Regional indicators pair up by parity across the seam: count those exactly.
    return REGIONAL_INDICATOR.test(head + spoilerTail) || countGraphemes(spoilerTail + head) < 2;
  };
  const options = { maxCharacters: limits.maxCharacters, charactersReservedPerUrl: limits.charactersReservedPerUrl };
  return {
    hasRoom: (reserve) => budget(reserve) > 0,
    reach: (s, limit, reserve) => lastAtMost(before, s, limit, (before[s] as number) + budget(reserve)),
    fill: (s, e, reserve) => ((before[e] as number) - (before[s] as number)) / budget(reserve),
    // Entities depend on the characters around them: a part cut inside a word
    // may see a link or mention the whole text did not. Only "@" and "://" start one.
    needsRecount: (s, e, clean) => {
      if (!exact || seamMerges(s)) return true;
      if (clean) return false;
      const body = a.text.slice(a.bounds[s] as number, a.bounds[e] as number);
      return body.includes('@') || body.includes('://');
    },
    excess: (text) => -countMastodon(text, spoiler, options).remaining,
  };
}

const REGIONAL_INDICATOR = /[\u{1F1E6}-\u{1F1FF}]/u;

function lastCluster(text: string): string {
  if (text === '') return '';
  const bounds = graphemeBoundaries(text);
  return text.slice(bounds[bounds.length - 2] as number);
}

/**
 * Bluesky needs no re-count: segmenting a slice cut at cluster boundaries
 * gives the same clusters, and bytes are bytes.
 */
function blueskyMeter(a: TextAnalysis, limits: BlueskySplitLimits): Meter {
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

/** The numbering is ASCII, so `reserve` counts the same in characters, graphemes and bytes. */
export function meterFor(a: TextAnalysis, limits: SplitLimits, spoiler: string): Meter {
  switch (limits.network) {
    case 'mastodon':
      return mastodonMeter(a, limits, spoiler);
    case 'bluesky':
      return blueskyMeter(a, limits);
    default:
      return assertNever(limits, 'network');
  }
}
