import type { Core } from './core';

// Mastodon's rack-attack throttles: 300 requests per token per 5 minutes, counted in
// windows aligned on the epoch, so X-RateLimit-Reset is the end of the current window.

export const RATE_LIMIT = 300;
const PERIOD_MS = 5 * 60 * 1000;

/** Ruby's Time#iso8601(6): microsecond precision, as rack-attack's headers carry. */
export function iso8601Micro(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Counts this request against the token and returns the headers Mastodon adds. */
export function rateLimitWindowHeaders(core: Core, token: string, now: number = Date.now()): Record<string, string> {
  const windowEnd = Math.ceil((now + 1) / PERIOD_MS) * PERIOD_MS;
  const counter = core.rateCounters.get(token);
  const current = counter && counter.windowEnd === windowEnd ? counter : { windowEnd, count: 0 };
  current.count += 1;
  core.rateCounters.set(token, current);
  return {
    'X-RateLimit-Limit': String(RATE_LIMIT),
    'X-RateLimit-Remaining': String(Math.max(0, RATE_LIMIT - current.count)),
    'X-RateLimit-Reset': iso8601Micro(windowEnd),
  };
}

/** The headers of rack-attack's 429 answer, with the reset a test asked for. */
export function throttledHeaders(resetInMs: number, now: number = Date.now()): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(RATE_LIMIT),
    'X-RateLimit-Remaining': '0',
    'X-RateLimit-Reset': iso8601Micro(now + resetInMs),
  };
}
