/**
 * Resending a Mastodon part whose earlier attempt may have landed.
 *
 * The invariant: a part is never sent again while an earlier attempt may
 * have created it, unless the server is known to still remember that
 * attempt's Idempotency-Key (then the same key gives back the same status).
 * Past that point Sortie looks for the status the attempt would have made
 * and adopts it; it resends only when the look-up finished and found
 * nothing, and waits (retries later) when the look-up itself failed.
 *
 * How long each server remembers a key (sources in the shared guide):
 * - Mastodon: 3,600 s in Redis from the status's creation (PostStatusService);
 * - Hollo: one hour, on the post row itself;
 * - Akkoma/Pleroma: 6 h in an in-memory cache of 2,500 entries for the whole
 *   server, emptied by a restart and evicted under load: trusted briefly;
 * - GoToSocial and the rest: not at all.
 * Each trust ends well before the server's window: the attempt's start is
 * measured on the browser's clock and the key is stored a little later.
 *
 * Pure: the look-up is handed in.
 */
import type { PostRef } from '../types.ts';
import type { ServerFamily } from '../network.ts';

const HOUR_WINDOW_TRUST_MS = 50 * 60_000;
const EVICTABLE_CACHE_TRUST_MS = 10 * 60_000;

/**
 * How long after an attempt began its key alone is trusted to prevent a
 * second post (0: always look). A part meant to wait on the server is always
 * looked for: Mastodon before 4.3 dropped the key of scheduled posts
 * (mastodon#30039, fixed by #30084), and a resend after the planned time is no
 * longer scheduled, so the key would point at a scheduled status the server
 * cannot give back as a status. Its look-up is exact (a scheduled status
 * keeps the words as sent), so nothing is lost by it.
 */
export function keyTrustMs(family: ServerFamily, scheduled: boolean): number {
  if (scheduled) return 0;
  switch (family) {
    case 'mastodon':
    case 'hollo':
      return HOUR_WINDOW_TRUST_MS;
    case 'akkoma':
    case 'pleroma':
      return EVICTABLE_CACHE_TRUST_MS;
    default:
      return 0;
  }
}

export type ResendStep =
  | { action: 'send' }
  | { action: 'adopt'; ref: PostRef }
  /** The look-up failed: nothing may be sent until it can be done. */
  | { action: 'wait'; error: unknown };

export interface ResendInput {
  /** When the earliest unanswered attempt began (epoch ms), or null when none may have landed. */
  unansweredSince: number | null;
  now: number;
  /** From keyTrustMs. */
  keyTrustMs: number;
  /** Finds the status that attempt made: null when it surely made none; throws when it cannot tell. */
  lookFor: () => Promise<PostRef | null>;
}

export async function decideResend({ unansweredSince, now, keyTrustMs, lookFor }: ResendInput): Promise<ResendStep> {
  if (unansweredSince === null) return { action: 'send' };
  if (now - unansweredSince < keyTrustMs) return { action: 'send' };
  try {
    const found = await lookFor();
    return found ? { action: 'adopt', ref: found } : { action: 'send' };
  } catch (error) {
    return { action: 'wait', error };
  }
}
