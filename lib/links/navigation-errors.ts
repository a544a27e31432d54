/**
 * What a failed top-level navigation says: whether one of Sortie's own block
 * rules stopped it (a share intent, an X page when no mirror works) and where
 * its tab goes then, or whether a mirror failed its reader. Pure.
 */
import type { DnrRule } from './dnr-rule.ts';
import { composeUrlForShare, takeoverUrl } from './takeover.ts';

export interface NavigationErrorDetails {
  url: string;
  error: string;
  tabId: number;
  type: string;
  method?: string;
  /** Chrome: origin of the page that started the navigation (absent when typed). */
  initiator?: string;
  /** Firefox's word for the same page (a full URL); null, not absent, when typed. */
  originUrl?: string | null;
}

/** The origin of the page that started a navigation, from Chrome's `initiator` or Firefox's `originUrl`. */
export function navigationInitiator(
  details: Pick<NavigationErrorDetails, 'initiator' | 'originUrl'>,
): string | undefined {
  if (details.initiator) return details.initiator;
  if (!details.originUrl) return undefined;
  try {
    return new URL(details.originUrl).origin;
  } catch (error) {
    // Not a URL the parser knows (about:…, data:…): no site started it.
    if (error instanceof TypeError) return undefined;
    throw error;
  }
}

/** The hosts Sortie's block rules cover (the rules themselves decide the rest). */
const X_PAGE = /^https?:\/\/(?:[\w-]+\.)*(?:x\.com|twitter\.com|t\.co)(?:[:/?#]|$)/i;

/** A blocked navigation to X in a tab: worth asking the rules whether Sortie's own stopped it. */
export function mayBeBlockedByUs(details: Pick<NavigationErrorDetails, 'error' | 'tabId' | 'url'>): boolean {
  return /ERR_BLOCKED_BY_CLIENT|NS_ERROR/.test(details.error) && details.tabId >= 0 && X_PAGE.test(details.url);
}

/**
 * Where the tab of a navigation Sortie's rules blocked goes: the composer for
 * a share intent, the fallback page when no mirror works; null when these
 * rules did not stop it.
 */
export function blockedNavigationTarget(
  rules: DnrRule[],
  details: NavigationErrorDetails,
  pages: { composeUrl: string; fallbackPage: string },
): string | null {
  return takeoverUrl(
    rules,
    { url: details.url, type: details.type, method: details.method, initiator: navigationInitiator(details) },
    { composeUrl: composeUrlForShare(pages.composeUrl, details.url), fallbackPage: pages.fallbackPage },
  );
}

/**
 * Network errors that say nothing about the mirror: the reader stopped the
 * load, the browser is offline, an extension or policy blocked it.
 */
const NOT_THE_MIRROR =
  /ERR_ABORTED|ERR_BLOCKED_BY|ERR_INTERNET_DISCONNECTED|ERR_NETWORK_CHANGED|NS_BINDING_ABORTED|NS_ERROR_OFFLINE|ERR_CACHE_MISS/;

export function isMirrorNetworkFailure(error: string): boolean {
  return !NOT_THE_MIRROR.test(error);
}
