/**
 * Content scripts registered at runtime, only where the user granted access:
 * - the link rewriter (links.js) on every granted origin that
 *   is neither X nor a mirror: the Mastodon server connected (its origin is
 *   asked for at connect time), bsky.app when granted, every site when the
 *   user grants "all sites";
 * - the mirror check (content-scripts/mirror-check.js) on the mirrors Sortie
 *   has access to, which reports pages where a mirror fails its reader.
 */
import type { Mirror } from '../mirrors.ts';
import { X_APP_HOSTS } from '../x-paths.ts';

export const LINKS_SCRIPT_ID = 'sortie-links';
export const MIRROR_CHECK_SCRIPT_ID = 'sortie-mirror-check';
const LINKS_FILE = 'links.js';
const MIRROR_CHECK_FILE = 'content-scripts/mirror-check.js';

export interface ScriptRegistration {
  id: string;
  js: string[];
  matches: string[];
  excludeMatches?: string[];
  runAt: 'document_start' | 'document_end' | 'document_idle';
  allFrames: boolean;
  persistAcrossSessions: boolean;
}

/** The part of browser.scripting used here. */
export interface ScriptingApi {
  getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<(Partial<ScriptRegistration> & { id: string })[]>;
  registerContentScripts(scripts: ScriptRegistration[]): Promise<void>;
  unregisterContentScripts(filter?: { ids?: string[] }): Promise<void>;
}

const ALL_HOSTS = new Set(['<all_urls>', '*://*/*', 'http://*/*', 'https://*/*']);

/** `*://host/*`-style pattern for an origin (match patterns carry no port). */
export function originPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

/** The host part of a match pattern ('*.x.com', 'nitter.net', '*'), or null. */
function patternHost(pattern: string): string | null {
  if (ALL_HOSTS.has(pattern)) return '*';
  return /^(?:\*|https?):\/\/([^/]+)\//.exec(pattern)?.[1] ?? null;
}

function hostCovered(host: string, patternHostPart: string): boolean {
  if (patternHostPart === '*') return true;
  if (patternHostPart.startsWith('*.')) {
    const parent = patternHostPart.slice(2);
    return host === parent || host.endsWith(`.${parent}`);
  }
  return host === patternHostPart;
}

/** True when one of the granted patterns gives access to `origin`. */
export function originGranted(origin: string, granted: readonly string[]): boolean {
  const url = new URL(origin);
  return granted.some((pattern) => {
    const host = patternHost(pattern);
    const scheme = /^(\*|https?|<all_urls>)/.exec(pattern)?.[1];
    const schemeOk = scheme === '*' || scheme === '<all_urls>' || `${scheme}:` === url.protocol;
    return host !== null && schemeOk && hostCovered(url.hostname, host);
  });
}

const isXHost = (host: string): boolean =>
  host === '*.x.com' ||
  host === '*.twitter.com' ||
  host === 't.co' ||
  X_APP_HOSTS.includes(host) ||
  /(?:^|\.)(?:x|twitter|twimg)\.com$/.test(host);

const X_PATTERNS = ['*://x.com/*', '*://*.x.com/*', '*://twitter.com/*', '*://*.twitter.com/*', '*://t.co/*'];

/**
 * Where the link rewriter runs: the granted origins, minus X (its own script
 * handles it) and mirrors (their "open on X" links must stay). Null: nowhere.
 */
export function linkScriptMatches(
  granted: readonly string[],
  mirrors: readonly Mirror[],
): { matches: string[]; excludeMatches: string[] } | null {
  const mirrorHosts = new Set(mirrors.map((m) => new URL(m.origin).hostname));
  const excludeMatches = [...X_PATTERNS, ...mirrors.map((m) => originPattern(m.origin))];
  if (granted.some((p) => ALL_HOSTS.has(p))) return { matches: ['*://*/*'], excludeMatches };
  const matches = granted.filter((pattern) => {
    const host = patternHost(pattern);
    return host !== null && !isXHost(host) && !mirrorHosts.has(host);
  });
  return matches.length === 0 ? null : { matches: [...new Set(matches)], excludeMatches };
}

/** Where the mirror check runs: the mirrors Sortie was granted access to. */
export function mirrorCheckMatches(granted: readonly string[], mirrors: readonly Mirror[]): string[] {
  return [...new Set(mirrors.filter((m) => originGranted(m.origin, granted)).map((m) => originPattern(m.origin)))];
}

export interface ScriptPlan {
  links: { matches: string[]; excludeMatches: string[] } | null;
  mirrorCheck: string[];
}

function planned(plan: ScriptPlan): ScriptRegistration[] {
  const wanted: ScriptRegistration[] = [];
  if (plan.links !== null) {
    wanted.push({
      id: LINKS_SCRIPT_ID,
      js: [LINKS_FILE],
      matches: plan.links.matches,
      excludeMatches: plan.links.excludeMatches,
      // Injected before the page is parsed: Chromium's injection of a script into a
      // loaded page costs in proportion to its DOM (about 50 ms for 10,000 links,
      // even for an empty script, measured in bench/pages.ts), and delays the load
      // event. The script itself waits for the page's load event.
      runAt: 'document_start',
      allFrames: false,
      persistAcrossSessions: true,
    });
  }
  if (plan.mirrorCheck.length > 0) {
    wanted.push({
      id: MIRROR_CHECK_SCRIPT_ID,
      js: [MIRROR_CHECK_FILE],
      matches: plan.mirrorCheck,
      runAt: 'document_end',
      allFrames: false,
      persistAcrossSessions: true,
    });
  }
  return wanted;
}

const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined): boolean =>
  JSON.stringify([...(a ?? [])].sort()) === JSON.stringify([...(b ?? [])].sort());

function sameRegistration(a: Partial<ScriptRegistration>, b: ScriptRegistration): boolean {
  return (
    sameList(a.matches, b.matches) &&
    sameList(a.excludeMatches, b.excludeMatches) &&
    sameList(a.js, b.js) &&
    a.runAt === b.runAt
  );
}

/** Brings both registrations in line with the plan, touching only those that differ. */
export async function syncContentScripts(scripting: ScriptingApi, plan: ScriptPlan): Promise<void> {
  const present = await scripting.getRegisteredContentScripts({ ids: [LINKS_SCRIPT_ID, MIRROR_CHECK_SCRIPT_ID] });
  const wanted = planned(plan);
  const stale = present.filter((p) => !wanted.some((w) => w.id === p.id && sameRegistration(p, w))).map((p) => p.id);
  const missing = wanted.filter((w) => !present.some((p) => p.id === w.id && sameRegistration(p, w)));
  if (stale.length > 0) await scripting.unregisterContentScripts({ ids: stale });
  if (missing.length > 0) await scripting.registerContentScripts(missing);
}
