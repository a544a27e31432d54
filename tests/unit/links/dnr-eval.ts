/**
 * A small model of how Chrome applies declarativeNetRequest rules, enough to
 * run the compiled link rules on sample requests:
 * - conditions: resourceTypes, requestMethods, initiatorDomains /
 *   excludedInitiatorDomains (a request without initiator has an opaque
 *   origin: it fails any initiatorDomains list and passes any exclusion),
 *   regexFilter, and `||host/path^` urlFilters;
 * - the highest priority wins; at equal priority allow beats block and redirect;
 * - a redirect replaces the first match of regexFilter with the
 *   substitution, where \N is a capture group (RE2::Replace semantics).
 */
import type { DnrRule, ResourceType } from '../../../lib/links/dnr-rule';
import { toJsReplacement } from '../../../lib/links/page-rules';

export interface Request {
  url: string;
  type?: ResourceType;
  /** Origin of the page that started the request; absent for typed URLs. */
  initiator?: string;
  method?: string;
}

export type Outcome =
  | { action: 'none' }
  | { action: 'allow'; ruleId: number }
  | { action: 'block'; ruleId: number }
  | { action: 'redirect'; ruleId: number; url: string };

function domainMatches(host: string, domains: readonly string[]): boolean {
  return domains.some((d) => host === d || host.endsWith(`.${d}`));
}

function urlFilterRegex(filter: string): RegExp {
  const match = /^\|\|([^/^]+)(.*?)(\^?)$/.exec(filter);
  if (match === null) throw new Error(`unsupported urlFilter in test model: ${filter}`);
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const separator = match[3] === '^' ? '(?:[^\\w\\-.%]|$)' : '';
  return new RegExp(
    `^[a-z][a-z0-9+.-]*://(?:[^/?#]*\\.)?${escape(match[1] ?? '')}${escape(match[2] ?? '')}${separator}`,
    'i',
  );
}

export function matches(rule: DnrRule, request: Request): boolean {
  const c = rule.condition;
  if (!c.resourceTypes.includes(request.type ?? 'main_frame')) return false;
  if (c.requestMethods !== undefined && !c.requestMethods.includes((request.method ?? 'get') as 'get')) return false;
  const initiatorHost = request.initiator === undefined ? null : new URL(request.initiator).hostname;
  if (
    c.initiatorDomains !== undefined &&
    (initiatorHost === null || !domainMatches(initiatorHost, c.initiatorDomains))
  ) {
    return false;
  }
  if (
    initiatorHost !== null &&
    c.excludedInitiatorDomains !== undefined &&
    domainMatches(initiatorHost, c.excludedInitiatorDomains)
  ) {
    return false;
  }
  if (c.regexFilter !== undefined) return new RegExp(c.regexFilter, 'i').test(request.url);
  if (c.urlFilter !== undefined) return urlFilterRegex(c.urlFilter).test(request.url);
  return true;
}

export function evaluate(rules: readonly DnrRule[], request: Request): Outcome {
  const matched = rules.filter((r) => matches(r, request));
  if (matched.length === 0) return { action: 'none' };
  const top = Math.max(...matched.map((r) => r.priority));
  const winners = matched.filter((r) => r.priority === top);
  const allow = winners.find((r) => r.action.type === 'allow');
  if (allow !== undefined) return { action: 'allow', ruleId: allow.id };
  const winner = winners[0] as DnrRule;
  if (winner.action.type === 'block') return { action: 'block', ruleId: winner.id };
  if (winner.action.type !== 'redirect' || winner.condition.regexFilter === undefined)
    throw new Error('unexpected rule');
  const url = request.url.replace(
    new RegExp(winner.condition.regexFilter, 'i'),
    toJsReplacement(winner.action.redirect.regexSubstitution),
  );
  return { action: 'redirect', ruleId: winner.id, url };
}

/** Same page: same origin and path, same decoded query parameters in any order. */
export function sameTarget(a: string, b: string): boolean {
  const x = new URL(a);
  const y = new URL(b);
  const params = (u: URL): string => JSON.stringify([...u.searchParams.entries()].sort());
  return x.origin === y.origin && x.pathname === y.pathname && params(x) === params(y);
}
