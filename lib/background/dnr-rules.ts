/**
 * Installs the declarativeNetRequest rules compiled by lib/links/dnr.ts from
 * the settings. For now the background has no mirror choice wired in (mirror
 * health belongs to the links feature), so it passes none and only the
 * share-intent takeover is installed: "Share on X" links open the compose
 * page and X receives nothing. Passing a mirror turns on the mirror
 * redirects from the same compiler, in the same atomic update.
 */
import { linkRulesUpdate, type LinkRuleSettings } from '../links/dnr.ts';
import { BUILT_IN_MIRRORS, type Mirror } from '../links/mirrors.ts';
import type { Settings } from '../settings.ts';

/** The part of chrome.declarativeNetRequest used here. */
export interface DnrApi {
  getDynamicRules(): Promise<{ id: number }[]>;
  updateDynamicRules(options: { removeRuleIds: number[]; addRules: unknown[] }): Promise<void>;
}

export function linkRuleSettings(settings: Settings, composeUrl: string, mirror: Mirror | null, now: number): LinkRuleSettings {
  return {
    enabled: settings.links.redirect && mirror !== null,
    subFrames: settings.links.subFrames,
    keepXUsable: settings.links.keepXUsable,
    exceptions: settings.links.exceptions,
    pausedUntil: settings.links.pausedUntil,
    now,
    shareTakeover: settings.shareTakeover,
    composeUrl,
  };
}

/** Replaces the link rules (ids 7000-7999) with the ones these settings call for; returns how many. */
export async function syncLinkRules(
  dnr: DnrApi,
  settings: Settings,
  composeUrl: string,
  mirror: Mirror | null,
  now = Date.now(),
): Promise<number> {
  // Without a mirror `enabled` is false and the compiler never reads it; it still wants one.
  const target = mirror ?? BUILT_IN_MIRRORS[0]!;
  const update = linkRulesUpdate(await dnr.getDynamicRules(), linkRuleSettings(settings, composeUrl, mirror, now), target);
  await dnr.updateDynamicRules(update);
  return update.addRules.length;
}
