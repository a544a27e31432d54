/**
 * Mirror health checks: fetch a mirror's page for a well-known profile and
 * read it with classifyProbe (a timeline must render; a 429, a "rate
 * limited" page or a bot challenge is down). Checks run from an hourly alarm
 * and when real use reports a failure, never when the worker merely wakes.
 */
import {
  classifyProbe,
  probeUrl,
  recordProbe,
  type HealthMap,
  type MirrorHealth,
  type ProbeVerdict,
} from '../health.ts';
import type { Mirror } from '../mirrors.ts';

export const HEALTH_ALARM = 'sortie.links.health';
/** The hourly round (at most: a mirror checked since is skipped). */
export const HEALTH_PERIOD_MINUTES = 60;
const HOUR = 3_600_000;
/** A dead mirror is re-checked after 1 h, 2 h, 4 h... up to once a day. */
const MAX_BACKOFF = 24 * HOUR;
/** On-demand checks after a failure: never twice within this. */
export const ON_DEMAND_GAP_MS = 5 * 60_000;
const PROBE_TIMEOUT_MS = 10_000;
/** A mirror page worth reading is far below this; more is not read. */
const MAX_BODY_CHARS = 2_000_000;

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** True when the hourly round should check this mirror again. */
export function dueForRound(health: MirrorHealth | undefined, now: number): boolean {
  if (health === undefined) return true;
  const backoff = health.state === 'down' ? Math.min(HOUR * 2 ** Math.max(health.failures - 1, 0), MAX_BACKOFF) : HOUR;
  // A little slack so an alarm firing a few seconds early still counts as an hour.
  return now - health.checkedAt >= backoff - 60_000;
}

/** True when a failure elsewhere may trigger a check of this mirror now. */
export function dueOnDemand(health: MirrorHealth | undefined, now: number): boolean {
  return health === undefined || health.state === 'unknown' || now - health.checkedAt >= ON_DEMAND_GAP_MS;
}

export async function probeMirror(
  mirror: Mirror,
  fetchImpl: FetchLike,
  clock: () => number,
): Promise<{ verdict: ProbeVerdict; elapsedMs: number }> {
  const url = probeUrl(mirror);
  if (url === null)
    return { verdict: { state: 'down', reason: 'unexpected-page', detail: 'no profile route' }, elapsedMs: 0 };
  const started = clock();
  try {
    const response = await fetchImpl(url, {
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'follow',
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    const body = (await response.text()).slice(0, MAX_BODY_CHARS);
    const elapsedMs = clock() - started;
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    return { verdict: classifyProbe({ status: response.status, body, headers, elapsedMs }), elapsedMs };
  } catch (error) {
    const elapsedMs = clock() - started;
    const timedOut = error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
    if (!timedOut && !(error instanceof TypeError)) throw error;
    // A TypeError is fetch's word for "no answer": DNS, refused, TLS, offline.
    const detail = timedOut ? `no answer in ${PROBE_TIMEOUT_MS / 1000} s` : error.message;
    return { verdict: { state: 'down', reason: timedOut ? 'slow' : 'http-error', detail }, elapsedMs };
  }
}

/** Checks the given mirrors in parallel and folds the verdicts into `health`. */
export async function probeMirrors(
  mirrors: readonly Mirror[],
  health: HealthMap,
  fetchImpl: FetchLike,
  clock: () => number,
): Promise<HealthMap> {
  const results = await Promise.all(
    mirrors.map(async (m) => ({ id: m.id, ...(await probeMirror(m, fetchImpl, clock)) })),
  );
  let next = health;
  for (const { id, verdict, elapsedMs } of results) next = recordProbe(next, id, verdict, elapsedMs, clock());
  return next;
}
