/**
 * Regex pieces for X's URLs in declarativeNetRequest rules (RE2 syntax), and
 * the packing of word lists into regexes that stay under Chrome's size limit.
 */
import { estimateRe2Program } from './re2-cost';
import { ACCOUNT_TOP, ACCOUNT_UNDER_I, RESERVED_TOP } from './x-paths';

/** Margin under Chrome's measured ~116-instruction ceiling; the estimate is already an upper bound. */
export const REGEX_BUDGET = 100;

/** Scheme and host of X's web app (x.com, twitter.com, with www., mobile. or m.); a path follows. */
export const X_HOST = '^https?://(?:(?:www|mobile|m)\\.)?(?:x|twitter)\\.com';
/** The path ends here (optional slash, then only query or fragment). */
export const PATH_END = '/?(?:[?#].*)?$';
/** Anything may follow a segment boundary. */
export const ANY_AFTER_SEGMENT = '(?:[/?#].*)?$';
/** Query parameter boundary: the value ended. */
export const PARAM_END = '(?:[&#].*)?$';
/** Any other query parameters before the one a route reads (`?a=1&b=2&q=...`). */
export const OTHER_PARAMS = '(?:[^#]*&)?';

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Packs words into as few `(?:a|b|...)` regexes as fit the budget each. */
export function chunkAlternation(
  words: readonly string[],
  build: (alternation: string) => string,
  capturing: boolean,
): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  for (const word of words.map(escapeRegex)) {
    const next = [...current, word];
    if (current.length > 0 && estimateRe2Program(build(next.join('|')), capturing) > REGEX_BUDGET) {
      chunks.push(build(current.join('|')));
      current = [word];
    } else current = next;
  }
  if (current.length > 0) chunks.push(build(current.join('|')));
  return chunks;
}

/** X's account pages (never redirected) and its reserved paths (no mirror shows them), as regexes. */
export function keptPathRegexes(): { account: string[]; reserved: string[] } {
  const paths = [...ACCOUNT_TOP, ...ACCOUNT_UNDER_I.map((p) => `i/${p}`)];
  return {
    account: chunkAlternation(paths, (alt) => `${X_HOST}/(?:${alt})(?:[/?#]|$)`, false),
    reserved: chunkAlternation(RESERVED_TOP, (alt) => `${X_HOST}/(?:${alt})(?:[/?#]|$)`, false),
  };
}

/** X's composing intents ("Share on X"): the group is the query the composer reads. */
export const SHARE_REGEX = `${X_HOST}/(?:intent/(?:tweet|post)|share)/?(?:\\?(.*))?$`;
