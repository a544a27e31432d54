/**
 * When each imported post may go while an import runs, so that it never runs
 * into a network's write limits, whatever pauses, restarts and crashes came
 * in between. The limits and the headroom are schedule.ts's (the one home of
 * those numbers); this side adds memory: a post is given the earliest time at
 * which every window still has room for it and its media uploads, counting
 * the slots the import already gave out (its ledger). Pure.
 */
import type { Network } from '../model/draft.ts';
import { DEFAULT_HEADROOM, RATE_WINDOWS } from './schedule.ts';

export interface RateWindow {
  windowMs: number;
  max: number;
}

export interface NetworkPace {
  /** In posts (thread parts) per window. */
  posts: RateWindow[];
  /** In media uploads per window (empty: not limited separately). */
  media: RateWindow[];
}

/** schedule.ts's windows counted in posts and in uploads, each kept to its budget after the headroom. */
export function paceFor(network: Network): NetworkPace {
  const pace: NetworkPace = { posts: [], media: [] };
  for (const rule of RATE_WINDOWS[network]) {
    const budget = Math.max(1, Math.floor(rule.limit * (1 - DEFAULT_HEADROOM)));
    const perPost = rule.cost({ posts: 1, media: 0 });
    const perMedia = rule.cost({ posts: 0, media: 1 });
    if (perPost > 0) pace.posts.push({ windowMs: rule.windowMs, max: Math.floor(budget / perPost) });
    if (perMedia > 0) pace.media.push({ windowMs: rule.windowMs, max: Math.floor(budget / perMedia) });
  }
  return pace;
}

/** The longest window: older slots no longer matter. */
export function longestWindowMs(pace: NetworkPace): number {
  return Math.max(0, ...[...pace.posts, ...pace.media].map((w) => w.windowMs));
}

/** Index of the first value > x in a sorted array. */
function firstAbove(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The earliest time ≥ `earliest` at which `cost` more events fit in every
 * window, given the (sorted) times already given out.
 */
export function earliestFit(
  history: readonly number[],
  windows: readonly RateWindow[],
  cost: number,
  earliest: number,
): number {
  let t = earliest;
  for (let moved = true; moved;) {
    moved = false;
    for (const w of windows) {
      if (cost > w.max) throw new RangeError(`${cost} events can never fit in a window of ${w.max}`);
      const from = firstAbove(history, t - w.windowMs);
      const inWindow = history.length - from;
      const over = inWindow + cost - w.max;
      if (over > 0) {
        // Wait until the `over` oldest events in the window have left it.
        const leaves = (history[from + over - 1] as number) + w.windowMs;
        if (leaves > t) {
          t = leaves;
          moved = true;
        }
      }
    }
  }
  return t;
}

/** One post to place: how many media uploads it makes. */
export interface PaceItem {
  media: number;
}

/**
 * Slots for posts in order (each never before the previous one), appended to
 * copies of the ledger. Returns the slots and the new ledger.
 */
export function assignSlots(
  pace: NetworkPace,
  ledger: { posts: readonly number[]; media: readonly number[] },
  items: readonly PaceItem[],
  now: number,
): { slots: number[]; posts: number[]; media: number[] } {
  const posts = [...ledger.posts];
  const media = [...ledger.media];
  const slots: number[] = [];
  let t = Math.max(now, posts.at(-1) ?? now);
  for (const item of items) {
    // Both kinds of window must have room at the same moment: move to the later until they agree.
    for (;;) {
      const forPost = earliestFit(posts, pace.posts, 1, t);
      const forMedia =
        item.media > 0 && pace.media.length > 0 ? earliestFit(media, pace.media, item.media, forPost) : forPost;
      t = forMedia;
      if (forMedia === forPost) break;
    }
    slots.push(t);
    posts.push(t);
    for (let i = 0; i < item.media; i++) media.push(t);
  }
  return { slots, posts, media };
}

/** Drops slots too old to count in any window. */
export function pruneLedger(
  pace: NetworkPace,
  ledger: { posts: number[]; media: number[] },
  now: number,
): { posts: number[]; media: number[] } {
  const cutoff = now - longestWindowMs(pace);
  return { posts: ledger.posts.filter((t) => t > cutoff), media: ledger.media.filter((t) => t > cutoff) };
}
