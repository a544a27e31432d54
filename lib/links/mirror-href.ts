/**
 * Where an X link goes under the page rules: the first rule whose pattern
 * matches decides. Pure string work, bounded so a crafted link cannot hold
 * the page's main thread.
 */
import { foldCase } from './path-first-chars.ts';
import type { PageRules } from './rewrite-config.ts';

/**
 * The longest link the rules look at, and the most `&` in it. X's own URLs
 * stay far below both; a link over either is left as it is (a click on it
 * still meets the redirect rules, which the browser runs with RE2 in linear
 * time). JavaScript's regexes backtrack: with the atomic captures of
 * page-rules.ts, what is left to backtrack over is one try per `&` (where a
 * query parameter may start) times the rest of the link, so the two bounds
 * keep a crafted link from holding the page's main thread.
 */
export const MAX_PAGE_URL = 2048;
export const MAX_PAGE_URL_PARAMS = 32;

function overBounds(url: string): boolean {
  if (url.length > MAX_PAGE_URL) return true;
  let amps = 0;
  for (let i = url.indexOf('&'); i !== -1; i = url.indexOf('&', i + 1)) if (++amps > MAX_PAGE_URL_PARAMS) return true;
  return false;
}

/** Where `url` goes under `rules`, and whether it is a post; null to leave it. */
export function applyRules(url: string, rules: PageRules): { href: string; status: boolean } | null {
  if (overBounds(url)) return null;
  // Sticky: test() leaves lastIndex where the host ends, with no match array to allocate.
  rules.host.lastIndex = 0;
  const rest = rules.host.test(url) ? url.slice(rules.host.lastIndex) : null;
  // Only the rules that can match this link, still in order (see PageRules).
  const candidates =
    rest === null
      ? rules.offHost
      : rest.startsWith('/') && rest.length > 1
        ? (rules.byFirst.get(foldCase(rest.charAt(1))) ?? rules.otherFirst)
        : rules.otherFirst;
  for (const rule of candidates) {
    const subject = rule.onHost ? rest : url;
    if (subject === null || !rule.re.test(subject)) continue;
    if (rule.replacement === null) return null;
    const replacement = rule.replacement;
    const href = rule.encode
      ? subject.replace(rule.re, (...match: string[]) =>
          replacement.replace(/\$(\$|&|\d)/g, (_, ref: string) =>
            ref === '$' ? '$' : encodeURIComponent(match[ref === '&' ? 0 : Number(ref)] ?? ''),
          ),
        )
      : subject.replace(rule.re, replacement);
    return { href, status: rule.status };
  }
  return null;
}

export const isTco = (url: string): boolean => /^https?:\/\/t\.co\//i.test(url);

/**
 * Where an X link should go instead, or null to leave it. `expanded` is the
 * t.co target shown by the page, when there is one.
 */
export function mirrorHref(href: string, rules: PageRules, expanded: string | null = null): string | null {
  if (expanded !== null && isTco(href)) return applyRules(expanded, rules)?.href ?? expanded;
  return applyRules(href, rules)?.href ?? null;
}
