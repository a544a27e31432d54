/**
 * The one installer of Sortie's declarativeNetRequest rules, all compiled by
 * lib/links/dnr.ts from the settings:
 * - dynamic rules (ids 7000-7999), swapped in one atomic update: share-intent
 *   takeover (a block: the background opens the composer), then either the
 *   redirects to the chosen mirror or, when no mirror works, blocks of the
 *   same routes (the background opens the fallback page); plus the block of X's
 *   embed script when embeds are replaced;
 * - session rules for "open on X once": a high-priority allow for one exact
 *   URL, gone after a minute or when the browser closes.
 */
import {
  compileFallbackRules,
  compileRedirectRules,
  embedScriptRules,
  isPaused,
  type LinkRuleSettings,
} from '../dnr.ts';
import { ruleIdsFor, type DnrRule } from '../dnr-rule.ts';
import { BUILT_IN_MIRRORS, type Mirror } from '../mirrors.ts';
import type { Settings } from '../../settings.ts';

/** The part of chrome.declarativeNetRequest used here. */
export interface DnrApi {
  getDynamicRules(): Promise<{ id: number }[]>;
  updateDynamicRules(options: { removeRuleIds: number[]; addRules: unknown[] }): Promise<void>;
}

/** Session rules (gone when the browser closes), for "open on X once". */
export interface SessionDnrApi {
  getSessionRules(): Promise<{ id: number }[]>;
  updateSessionRules(options: { removeRuleIds: number[]; addRules: unknown[] }): Promise<void>;
}

export function linkRuleSettings(settings: Settings, composeUrl: string, now: number): LinkRuleSettings {
  return {
    enabled: settings.links.redirect,
    subFrames: settings.links.subFrames,
    keepXUsable: settings.links.keepXUsable,
    exceptions: settings.links.exceptions,
    pausedUntil: settings.links.pausedUntil,
    now,
    shareTakeover: settings.shareTakeover,
    composeUrl,
  };
}

/** Where X links go: a mirror, the fallback page (no mirror works: they are blocked), or nowhere (share rules only). */
export type LinkDestination = { kind: 'mirror'; mirror: Mirror } | { kind: 'fallback' } | { kind: 'off' };

export function compileLinkRules(
  settings: Settings,
  composeUrl: string,
  destination: LinkDestination,
  now: number,
): DnrRule[] {
  const rules = linkRuleSettings(settings, composeUrl, now);
  const main =
    destination.kind === 'mirror'
      ? compileRedirectRules(rules, destination.mirror)
      : destination.kind === 'fallback'
        ? compileFallbackRules(rules)
        : // Without a destination nothing is redirected; the compiler still wants a mirror.
          compileRedirectRules({ ...rules, enabled: false }, BUILT_IN_MIRRORS[0]!);
  const embeds = rules.enabled && !isPaused(rules) && settings.links.replaceEmbeds ? embedScriptRules() : [];
  return [...main, ...embeds];
}

/** Replaces the link rules (ids 7000-7999) with the ones these settings call for; returns how many. */
export async function syncLinkRules(
  dnr: DnrApi,
  settings: Settings,
  composeUrl: string,
  destination: LinkDestination,
  now = Date.now(),
): Promise<number> {
  const addRules = compileLinkRules(settings, composeUrl, destination, now);
  await dnr.updateDynamicRules({ removeRuleIds: ruleIdsFor(await dnr.getDynamicRules()), addRules });
  return addRules.length;
}

/** Session rule ids for "open on X once" (their own range inside the link block). */
const ALLOW_ONCE_MIN = 7_900;
const ALLOW_ONCE_MAX = 7_999;
/** Above every dynamic link rule (exceptions are 50). */
const ALLOW_ONCE_PRIORITY = 100;
/** How long "open on X once" lets that one URL through (reloads included). */
export const ALLOW_ONCE_MS = 60_000;

const isAllowOnceId = (id: number): boolean => id >= ALLOW_ONCE_MIN && id <= ALLOW_ONCE_MAX;

/**
 * The allow rule for one URL. urlFilter (not a regex): any length fits.
 * The request carries no fragment; `*` and `^` are urlFilter syntax, so they
 * become wildcards (the rule can only get broader by a character).
 */
export function allowOnceRule(id: number, url: string): DnrRule {
  const exact = url.split('#')[0]!.replace(/[*^|]/g, '*');
  return {
    id,
    priority: ALLOW_ONCE_PRIORITY,
    action: { type: 'allow' },
    condition: { urlFilter: `|${exact}|`, isUrlFilterCaseSensitive: false, resourceTypes: ['main_frame'] },
  };
}

/** Adds a one-time allow for `url`; returns its rule id. */
export async function addAllowOnce(dnr: SessionDnrApi, url: string): Promise<number> {
  const taken = new Set((await dnr.getSessionRules()).map((r) => r.id).filter(isAllowOnceId));
  let id = ALLOW_ONCE_MIN;
  while (taken.has(id) && id < ALLOW_ONCE_MAX) id += 1;
  // All slots taken (a hundred URLs within a minute): reuse the last one.
  await dnr.updateSessionRules({ removeRuleIds: taken.has(id) ? [id] : [], addRules: [allowOnceRule(id, url)] });
  return id;
}

/** Removes every "open on X once" rule. */
export async function clearAllowOnce(dnr: SessionDnrApi): Promise<void> {
  const ids = (await dnr.getSessionRules()).map((r) => r.id).filter(isAllowOnceId);
  if (ids.length > 0) await dnr.updateSessionRules({ removeRuleIds: ids, addRules: [] });
}
