/**
 * When to try again. Exponential backoff with full jitter, capped; a server's
 * own "come back at" time wins when it is later.
 */

export interface RetryPolicy {
  baseMs: number;
  capMs: number;
  /** After this many attempts a transient failure becomes permanent. */
  maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseMs: 2_000,
  capMs: 15 * 60_000,
  maxAttempts: 10,
};

/** Delay before attempt `attempts + 1`, given `attempts` already made (≥ 1). */
export function backoffDelay(attempts: number, policy: RetryPolicy, random: () => number): number {
  const exp = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  // Full jitter, but never less than half the step so retries do not bunch up at zero.
  return Math.round(exp / 2 + (random() * exp) / 2);
}

/**
 * Reads the server's retry hint from response headers: `Retry-After`
 * (seconds or HTTP date), Mastodon's `X-RateLimit-Reset` (ISO time) and
 * Bluesky's `RateLimit-Reset` (unix seconds). Returns epoch ms or null.
 */
export function retryAtFromHeaders(headers: Headers | Record<string, string | undefined>, now: number): number | null {
  const get = (name: string): string | null => {
    if (headers instanceof Headers) return headers.get(name);
    const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
    return key ? (headers[key] ?? null) : null;
  };
  const candidates: number[] = [];
  const retryAfter = get('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    const at = Number.isFinite(seconds) ? now + seconds * 1000 : Date.parse(retryAfter);
    if (Number.isFinite(at)) candidates.push(at);
  }
  const xReset = get('x-ratelimit-reset');
  if (xReset) {
    const at = /^\d+$/.test(xReset) ? Number(xReset) * 1000 : Date.parse(xReset);
    if (Number.isFinite(at)) candidates.push(at);
  }
  const reset = get('ratelimit-reset');
  if (reset && /^\d+$/.test(reset)) {
    const n = Number(reset);
    // Unix seconds, or (per the IETF draft) seconds from now when small.
    candidates.push(n > 1e9 ? n * 1000 : now + n * 1000);
  }
  return candidates.length ? Math.max(...candidates) : null;
}
