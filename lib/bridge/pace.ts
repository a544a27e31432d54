/**
 * Paces the follow bridge's calls to one server: a few at a time, and when
 * the server says "too many requests", every call to it waits until the
 * limit lifts (its reset header, else exponential backoff). Network hiccups
 * are retried a few times; anything else is the caller's to handle.
 */
import { PublishError } from '../networks/types.ts';

export interface PacerOptions {
  /** Calls in flight at once. */
  concurrency: number;
  /** Tries per call on transient failures (network, 5xx). */
  transientAttempts: number;
  /** Tries per call on rate limits, each waiting for the reset. */
  rateLimitAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  now: () => number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Told when calls start waiting for a rate limit (its end) and when they stop (null). */
  onWait?: (until: number | null) => void;
}

export interface Pacer {
  run: <T>(call: () => Promise<T>, signal: AbortSignal) => Promise<T>;
}

export const DEFAULT_PACE: Omit<PacerOptions, 'now' | 'sleep' | 'onWait'> = {
  concurrency: 3,
  transientAttempts: 3,
  rateLimitAttempts: 6,
  baseDelayMs: 1_000,
  maxDelayMs: 5 * 60_000,
};

/** A sleep that ends early (rejecting) when the run is stopped. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function createPacer(options: PacerOptions): Pacer {
  let active = 0;
  const queue: Array<() => void> = [];
  let blockedUntil = 0;

  async function acquire(signal: AbortSignal): Promise<void> {
    if (active < options.concurrency) {
      active++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const i = queue.indexOf(go);
        if (i >= 0) queue.splice(i, 1);
        reject(signal.reason);
      };
      const go = (): void => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      queue.push(go);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  function release(): void {
    const next = queue.shift();
    if (next) next();
    else active--;
  }

  function backoff(attempt: number): number {
    return Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
  }

  async function waitForLimit(signal: AbortSignal): Promise<void> {
    while (blockedUntil > options.now()) {
      options.onWait?.(blockedUntil);
      await options.sleep(blockedUntil - options.now(), signal);
    }
  }

  async function run<T>(call: () => Promise<T>, signal: AbortSignal): Promise<T> {
    await acquire(signal);
    try {
      let transient = 0;
      let limited = 0;
      for (;;) {
        await waitForLimit(signal);
        if (signal.aborted) throw signal.reason;
        try {
          const value = await call();
          if (limited > 0) options.onWait?.(null);
          return value;
        } catch (error) {
          if (!(error instanceof PublishError)) throw error;
          if (error.kind === 'rate-limit' && ++limited < options.rateLimitAttempts) {
            const until =
              error.retryAt !== null && error.retryAt > options.now()
                ? error.retryAt
                : options.now() + backoff(limited);
            blockedUntil = Math.max(blockedUntil, Math.min(until, options.now() + options.maxDelayMs));
            continue;
          }
          if (error.kind === 'transient' && ++transient < options.transientAttempts) {
            await options.sleep(backoff(transient - 1), signal);
            continue;
          }
          throw error;
        }
      }
    } finally {
      release();
    }
  }

  return { run };
}
