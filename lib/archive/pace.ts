/**
 * When each imported post may go, so that an import never runs into a
 * network's write limits. The limits are rolling windows per account; a post
 * is given the earliest time at which every window still has room for it (and
 * for its media uploads), counting what the import already gave out. Pure.
 *
 * The numbers are the networks' published limits with a margin, because the
 * person keeps posting by hand while an import runs and Sortie cannot see
 * those writes: bsky.social allows 5,000 write points an hour and 35,000 a
 * day, 3 points a post; Mastodon allows 300 statuses in 3 hours and 30 media
 * uploads in 30 minutes.
 */
import type { Network } from '../compose/draft.ts';
import { assertNever } from '../assert-never.ts';

export interface RateWindow {
  windowMs: number;
  max: number;
}

export interface NetworkPace {
  posts: RateWindow[];
  /** Media uploads (empty: not limited separately). */
  media: RateWindow[];
}

const HOUR = 3_600_000;
/** Share of each published limit an import uses, leaving the rest to the person. */
const SHARE = 0.9;

function windowOf(hours: number, published: number): RateWindow {
  return { windowMs: hours * HOUR, max: Math.floor(published * SHARE) };
}

export function paceFor(network: Network): NetworkPace {
  switch (network) {
    case 'bluesky':
      return { posts: [windowOf(1, 5_000 / 3), windowOf(24, 35_000 / 3)], media: [] };
    case 'mastodon':
      return { posts: [windowOf(3, 300)], media: [windowOf(0.5, 30)] };
    default:
      return assertNever(network);
  }
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
export function earliestFit(history: readonly number[], windows: readonly RateWindow[], cost: number, earliest: number): number {
  let t = earliest;
  for (let moved = true; moved; ) {
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
      const forMedia = item.media > 0 && pace.media.length > 0 ? earliestFit(media, pace.media, item.media, forPost) : forPost;
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
export function pruneLedger(pace: NetworkPace, ledger: { posts: number[]; media: number[] }, now: number): { posts: number[]; media: number[] } {
  const cutoff = now - longestWindowMs(pace);
  return { posts: ledger.posts.filter((t) => t > cutoff), media: ledger.media.filter((t) => t > cutoff) };
}
