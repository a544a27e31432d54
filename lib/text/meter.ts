/**
 * How much of a network's limit a run of clusters uses, answered from
 * prefix sums so that each question costs a binary search, not a re-count.
 * Each network builds its own (lib/networks/<network>/text/meter.ts); the
 * splitter (split.ts) only asks these questions.
 */

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
export function lastAtMost(before: Int32Array, lo: number, hi: number, target: number): number {
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((before[mid] as number) <= target) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
