/**
 * Where a navigation stopped by Sortie's own block rules goes instead.
 *
 * The share-intent rule and, when no mirror works, the route rules block X
 * navigations rather than redirect them (lib/links/dnr.ts says why: no
 * extension page may be web-accessible). webRequest.onErrorOccurred then
 * tells the background about the blocked navigation, and this decides, from
 * the installed rules, whether Sortie blocked it and which of its pages the
 * tab should show: the composer with the intent's query, or the fallback
 * page with the X URL.
 *
 * Only Sortie's block rules are evaluated (same conditions as Chrome: type,
 * method, initiator domains, regex). An allow rule of Sortie's that beat them
 * means nothing was blocked by Sortie, so no error names that URL; a URL
 * another extension blocked while a Sortie block rule also matches would
 * have been blocked by Sortie anyway.
 */
import { fallbackUrl } from './dnr.ts';
import { isRouteRuleId, SHARE_RULE_ID, type DnrRule } from './dnr-rule.ts';
import { SHARE_REGEX } from './x-regex.ts';

/** The compose page's query parameter holding the "Share on X" address it was opened for. */
export const SHARED_FROM_X_PARAM = 'xshare';

/**
 * The composer's address for a blocked share intent, carrying the intent's own address so that the composer
 * can say where the button pointed and offer to go there once. It comes first: the intent's query, appended
 * after it by takeoverUrl, cannot hide it (a page reads the first value of a name).
 */
export function composeUrlForShare(composeUrl: string, intentUrl: string): string {
  return `${composeUrl}${composeUrl.includes('?') ? '&' : '?'}${SHARED_FROM_X_PARAM}=${encodeURIComponent(intentUrl)}`;
}

export interface BlockedNavigation {
  url: string;
  /** webRequest's type: only top-level pages are taken over. */
  type: string;
  method?: string;
  /** Origin of the page that started it; absent when typed, from a bookmark or another app. */
  initiator?: string | undefined;
}

export interface TakeoverPages {
  /** chrome-extension://ID/compose.html */
  composeUrl: string;
  /** chrome-extension://ID/fallback.html */
  fallbackPage: string;
}

function domainMatches(host: string, domains: readonly string[]): boolean {
  return domains.some((d) => host === d || host.endsWith(`.${d}`));
}

function hostOf(origin: string | undefined): string | null {
  if (origin === undefined || origin === 'null') return null;
  try {
    return new URL(origin).hostname;
  } catch (error) {
    if (error instanceof TypeError) return null;
    throw error;
  }
}

/**
 * Chrome's matching for a block rule with a regexFilter (an opaque initiator fails initiatorDomains, passes exclusions).
 * Rules are read back from the browser: Firefox fills every condition it was not given with null, Chrome leaves it out.
 */
function blocks(rule: DnrRule, request: BlockedNavigation): boolean {
  const c = rule.condition;
  if (rule.action.type !== 'block' || c.regexFilter == null) return false;
  if (!c.resourceTypes.includes(request.type as 'main_frame')) return false;
  if (c.requestMethods != null && !c.requestMethods.includes((request.method ?? 'GET').toLowerCase() as 'get'))
    return false;
  const initiator = hostOf(request.initiator);
  if (c.initiatorDomains != null && (initiator === null || !domainMatches(initiator, c.initiatorDomains))) return false;
  if (initiator !== null && c.excludedInitiatorDomains != null && domainMatches(initiator, c.excludedInitiatorDomains))
    return false;
  return new RegExp(c.regexFilter, 'i').test(request.url);
}

/** The extension page for a navigation Sortie's rules blocked, or null when they did not block it. */
export function takeoverUrl(
  rules: readonly DnrRule[],
  request: BlockedNavigation,
  pages: TakeoverPages,
): string | null {
  if (request.type !== 'main_frame') return null;
  const ours = rules.filter((r) => (r.id === SHARE_RULE_ID || isRouteRuleId(r.id)) && blocks(r, request));
  if (ours.length === 0) return null;
  const top = ours.reduce((a, b) => (b.priority > a.priority ? b : a));
  if (top.id === SHARE_RULE_ID) {
    const query = new RegExp(SHARE_REGEX, 'i').exec(request.url)?.[1];
    if (query === undefined || query === '') return pages.composeUrl;
    return `${pages.composeUrl}${pages.composeUrl.includes('?') ? '&' : '?'}${query}`;
  }
  return fallbackUrl(pages.fallbackPage, request.url);
}
