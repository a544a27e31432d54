/**
 * Mirror health, as pure functions: what a probe response means, how health
 * records evolve, and which mirror to use. The background does the fetching
 * and the storing; nothing here touches the network or the clock.
 */
import { rewriteToMirror, type Mirror, type MirrorForRewriting } from './mirrors';

/** A public, long-lived profile with a busy timeline: a working mirror shows it. */
export const DEFAULT_PROBE_USER = 'jack';
/** Slower than this and readers give up: the mirror counts as down. */
export const DEFAULT_SLOW_MS = 8_000;
/** Nitter marks each post of a timeline with this class. */
export const DEFAULT_TIMELINE_MARKER = 'timeline-item';

export type ProbeReason =
  | 'ok'
  | 'rate-limited'
  | 'no-sessions'
  | 'bot-challenge'
  | 'http-error'
  | 'slow'
  | 'error-page'
  | 'empty-timeline'
  | 'unexpected-page'
  | 'navigation-failed';

export interface ProbeResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
  elapsedMs: number;
}

export interface ProbeVerdict {
  state: 'up' | 'down';
  reason: ProbeReason;
  /** A short human-readable detail (status code, page message) for the settings UI. */
  detail: string;
}

export interface ProbeOptions {
  /** Text a healthy page contains; template mirrors may need their own. */
  marker?: string;
  slowMs?: number;
}

/** The URL to probe: the mirror's page for a well-known profile. */
export function probeUrl(mirror: MirrorForRewriting, user: string = DEFAULT_PROBE_USER): string | null {
  return rewriteToMirror({ kind: 'profile', user, tab: null }, mirror);
}

/**
 * Interstitials that stand between a script and the content: Cloudflare's
 * "Just a moment...", Anubis ("Making sure you're not a bot!"), DDoS-Guard,
 * generic "verify you are human" pages. A person can pass them, a probe cannot.
 */
const CHALLENGES: readonly RegExp[] = [
  /<title>\s*just a moment/i,
  /making sure you(?:'|&#39;|&apos;|’)re not a bot/i,
  /anubis/i,
  /\/\.within\.website\//i,
  /cf-chl-|challenge-platform/i,
  /checking your browser/i,
  /verify(?:ing)? (?:that )?you are (?:a )?human/i,
  /ddos-guard/i,
];
const RATE_LIMITED = /rate.?limit|too many requests/i;
const NO_SESSIONS = /no auth tokens|no sessions/i;

function header(headers: Record<string, string>, name: string): string {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return '';
}

/** The message of Nitter's error panel (`<div class="error-panel"><span>...`), if any. */
function errorPanel(body: string): string | null {
  const match = /class="error-panel"[^>]*>\s*<span>([\s\S]{0,200}?)<\/span>/i.exec(body);
  if (match === null) return /class="error-panel"/i.test(body) ? '' : null;
  return (match[1] ?? '').replace(/<[^>]*>/g, '').trim();
}

const down = (reason: ProbeReason, detail: string): ProbeVerdict => ({ state: 'down', reason, detail });

/** Reads a probe response of the probe URL: is the mirror serving timelines? */
export function classifyProbe(response: ProbeResponse, options: ProbeOptions = {}): ProbeVerdict {
  const marker = options.marker ?? DEFAULT_TIMELINE_MARKER;
  const slowMs = options.slowMs ?? DEFAULT_SLOW_MS;
  const { status, body } = response;
  const ok = status >= 200 && status < 300;

  if (status === 429) {
    const message = errorPanel(body);
    return message !== null && NO_SESSIONS.test(message)
      ? down('no-sessions', message)
      : down('rate-limited', message || 'HTTP 429');
  }
  if (header(response.headers, 'cf-mitigated').toLowerCase() === 'challenge')
    return down('bot-challenge', 'Cloudflare challenge');
  // Posts on a working timeline may well mention "rate limits": look for
  // trouble in the page only when the timeline itself is missing.
  if (ok && body.includes(marker)) {
    return response.elapsedMs > slowMs
      ? down('slow', `${Math.round(response.elapsedMs)} ms`)
      : { state: 'up', reason: 'ok', detail: '' };
  }
  const challenge = CHALLENGES.find((re) => re.test(body));
  if (challenge !== undefined) return down('bot-challenge', challenge.source);
  const panel = errorPanel(body);
  if (panel !== null && NO_SESSIONS.test(panel)) return down('no-sessions', panel);
  if (RATE_LIMITED.test(panel ?? '') || (!ok && RATE_LIMITED.test(body)))
    return down('rate-limited', panel ?? `HTTP ${status}`);
  if (!ok) return down('http-error', `HTTP ${status}`);
  if (panel !== null) return down('error-page', panel);
  if (/class="timeline[\s"]/.test(body)) return down('empty-timeline', 'timeline without posts');
  return down('unexpected-page', 'no timeline');
}

export interface MirrorHealth {
  state: 'up' | 'down' | 'unknown';
  reason: ProbeReason | null;
  /** Smoothed latency of successful probes. */
  latencyMs: number | null;
  checkedAt: number;
  /** Consecutive failures, to back off re-probing a dead mirror. */
  failures: number;
}

export type HealthMap = Readonly<Record<string, MirrorHealth>>;

/** Weight of the newest latency sample in the smoothed value. */
const LATENCY_SMOOTHING = 0.3;

export function recordProbe(
  health: HealthMap,
  mirrorId: string,
  verdict: ProbeVerdict,
  elapsedMs: number,
  now: number,
): HealthMap {
  const previous = health[mirrorId];
  const latencyMs =
    verdict.state !== 'up'
      ? (previous?.latencyMs ?? null)
      : previous?.latencyMs == null
        ? elapsedMs
        : previous.latencyMs + LATENCY_SMOOTHING * (elapsedMs - previous.latencyMs);
  const failures = verdict.state === 'up' ? 0 : (previous?.failures ?? 0) + 1;
  return {
    ...health,
    [mirrorId]: { state: verdict.state, reason: verdict.reason, latencyMs, checkedAt: now, failures },
  };
}

/** Fallback latency for healthy mirrors never timed (e.g. health imported from elsewhere). */
const UNTIMED_LATENCY_MS = 2_000;
/** Floor so one lucky 5 ms probe cannot take all the traffic. */
const MIN_LATENCY_MS = 100;

/**
 * The mirror to use: the pinned one while it is healthy, otherwise a healthy
 * one drawn at random, weighted toward fast mirrors (weight 1/latency), so
 * load spreads over instances. `random` returns [0, 1). Null when none is up.
 */
export function chooseMirror(
  mirrors: readonly Mirror[],
  health: HealthMap,
  pinnedId: string | null,
  random: () => number,
): Mirror | null {
  const pinned = mirrors.find((m) => m.id === pinnedId);
  if (pinned !== undefined && health[pinned.id]?.state === 'up') return pinned;
  const healthy = mirrors.filter((m) => health[m.id]?.state === 'up');
  if (healthy.length === 0) return null;
  const weights = healthy.map((m) => 1 / Math.max(health[m.id]?.latencyMs ?? UNTIMED_LATENCY_MS, MIN_LATENCY_MS));
  const total = weights.reduce((sum, w) => sum + w, 0);
  let draw = Math.min(Math.max(random(), 0), 0.999_999_999) * total;
  for (const [i, mirror] of healthy.entries()) {
    draw -= weights[i] ?? 0;
    if (draw < 0) return mirror;
  }
  return healthy[healthy.length - 1] ?? null;
}

/**
 * After the mirror in use failed (a probe, or a page the user opened), marks
 * it down and picks the next one. The failed mirror is never picked again
 * here, even when pinned.
 */
export function nextMirrorAfterFailure(
  mirrors: readonly Mirror[],
  health: HealthMap,
  failedId: string,
  pinnedId: string | null,
  random: () => number,
  now: number,
  verdict: ProbeVerdict = down('navigation-failed', ''),
): { mirror: Mirror | null; health: HealthMap } {
  const next = recordProbe(
    health,
    failedId,
    verdict.state === 'down' ? verdict : down('navigation-failed', ''),
    0,
    now,
  );
  const others = mirrors.filter((m) => m.id !== failedId);
  return { mirror: chooseMirror(others, next, pinnedId, random), health: next };
}

export interface PickOptions {
  pinnedId: string | null;
  /** The mirror in use now: kept while it stays up, so the target does not hop on every settings change. */
  currentId: string | null;
  /** After a probe round: draw again among healthy mirrors, spreading load by speed. */
  rebalance: boolean;
  random: () => number;
}

/**
 * The mirror to redirect to, also before any probe ran ('unknown' health):
 * 1. the pinned mirror unless it is known to be down (a self-hosted mirror
 *    Sortie may not probe stays 'unknown', and the user asked for it);
 * 2. the current mirror while it is up (unless rebalancing);
 * 3. a healthy mirror, weighted by speed (chooseMirror);
 * 4. the current mirror, or a random one, among those never checked;
 * null when every mirror is known to be down.
 */
export function pickMirror(mirrors: readonly Mirror[], health: HealthMap, options: PickOptions): Mirror | null {
  const state = (m: Mirror): MirrorHealth['state'] => health[m.id]?.state ?? 'unknown';
  const pinned = mirrors.find((m) => m.id === options.pinnedId);
  if (pinned !== undefined && state(pinned) !== 'down') return pinned;
  const current = mirrors.find((m) => m.id === options.currentId);
  if (current !== undefined && state(current) === 'up' && !options.rebalance) return current;
  const healthy = chooseMirror(mirrors, health, null, options.random);
  if (healthy !== null) return healthy;
  if (current !== undefined && state(current) === 'unknown') return current;
  const unknown = mirrors.filter((m) => state(m) === 'unknown');
  if (unknown.length === 0) return null;
  const draw = Math.min(Math.max(options.random(), 0), 0.999_999_999);
  return unknown[Math.floor(draw * unknown.length)] ?? null;
}
