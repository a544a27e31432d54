/**
 * Test oracle: Mastodon's URL extraction written the way the server does it,
 * as one big regex (twitter-text 3.1's valid_url with Mastodon's patches in
 * config/initializers/twitter_regex.rb) scanned over the whole text like
 * Ruby's String#scan. Too slow for every keystroke (a long unspaced CJK
 * paragraph makes it quadratic), which is why lib/networks/mastodon/text/urls.ts
 * re-implements it; the tests check that both agree.
 */
import { COUNTRY_TLDS, GENERIC_TLDS } from '../../../lib/text/tlds.ts';

const DIRECTIONAL = '\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069';
const INVALID = '\uFFFE\uFEFF\uFFFF';
const UNICODE_SPACES = '\t-\r \u0085\u00A0\u1680\u180E\u2000-\u200A\u2028\u2029\u202F\u205F\u3000';
const PUNCTUATION = '!"#$%&\'()*+,\\-./:;<=>?@\\[\\]^_`{|}~';
const CONTROL = '\\x00-\\x1F\\x7F';
const LATIN_ACCENTS =
  '\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF\u0100-\u024F\u0253\u0254\u0256\u0257\u0259\u025B\u0263\u0268' +
  '\u026F\u0272\u0289\u028B\u02BB\u0300-\u036F\u1E00-\u1EFF';
const UCHARS =
  '\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF\\u{10000}-\\u{1FFFD}\\u{20000}-\\u{2FFFD}\\u{30000}-\\u{3FFFD}' +
  '\\u{40000}-\\u{4FFFD}\\u{50000}-\\u{5FFFD}\\u{60000}-\\u{6FFFD}\\u{70000}-\\u{7FFFD}\\u{80000}-\\u{8FFFD}' +
  '\\u{90000}-\\u{9FFFD}\\u{A0000}-\\u{AFFFD}\\u{B0000}-\\u{BFFFD}\\u{C0000}-\\u{CFFFD}\\u{D0000}-\\u{DFFFD}' +
  '\\u{E1000}-\\u{EFFFD}\uE000-\uF8FF\\u{F0000}-\\u{FFFFD}\\u{100000}-\\u{10FFFD}';

const PRECEDING = `(?:[^A-Za-z0-9@\uFF20$#\uFF03${INVALID}]|[${DIRECTIONAL}]|^)`;
const DOMAIN_CHAR = `[^${DIRECTIONAL}${PUNCTUATION}${CONTROL}${INVALID}${UNICODE_SPACES}]`;
const SUBDOMAIN = `(?:(?:${DOMAIN_CHAR}(?:[_-]|${DOMAIN_CHAR})*)?${DOMAIN_CHAR}\\.)`;
const DOMAIN_NAME = `(?:(?:${DOMAIN_CHAR}(?:-|${DOMAIN_CHAR})*)?${DOMAIN_CHAR}\\.)`;
const TLD_END = '(?=[^0-9a-z@+-]|$)';
const DOMAIN =
  `(?:${SUBDOMAIN}*${DOMAIN_NAME}` +
  `(?:(?:${GENERIC_TLDS.join('|')})${TLD_END}|(?:${COUNTRY_TLDS.join('|')})${TLD_END}|xn--[0-9a-z]+))`;
const TT_PATH_CHAR = `[a-z\\p{Script=Cyrillic}0-9!*';:=+,.$/%#\\[\\]\\p{Pd}_~&|@${LATIN_ACCENTS}]`;
const TT_BALANCED_PARENS = `\\((?:${TT_PATH_CHAR}+|(?:${TT_PATH_CHAR}*\\(${TT_PATH_CHAR}+\\)${TT_PATH_CHAR}*))\\)`;
const PATH_CHAR = '[^\\p{White_Space}<>()?]';
const BALANCED_PARENS = `\\((?:${PATH_CHAR}+|(?:${PATH_CHAR}*\\(${PATH_CHAR}+\\)${PATH_CHAR}*))\\)`;
const PATH_ENDING = `(?:[^\\p{White_Space}()?!*"'\u300C\u300D<>;:=,.$%\\[\\]~&|@]|${TT_BALANCED_PARENS})`;
const PATH = `(?:(?:${PATH_CHAR}*(?:${BALANCED_PARENS}${PATH_CHAR}*)*${PATH_ENDING})|(?:${PATH_CHAR}+/))`;
const QUERY_CHAR = `[a-z0-9!?*'();:&=+$/%#\\[\\]\\-_.,~|@^${UCHARS}]`;
const QUERY_ENDING = `[a-z0-9_&=#/\\-${UCHARS}]`;

const VALID_URL = new RegExp(
  `(${PRECEDING})((https|http|dat|dweb|ipfs|ipns|ssb|gopher|gemini)://)?(${DOMAIN})` +
    `(?::([0-9]+))?(/${PATH}*)?(\\?${QUERY_CHAR}*${QUERY_ENDING})?`,
  'giu',
);

/** Extractor.extract_urls_with_indices(text, extract_url_without_protocol: false), minus the t.co and 4096 rules. */
export function oracleMastodonUrls(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  VALID_URL.lastIndex = 0;
  for (let m = VALID_URL.exec(text); m; m = VALID_URL.exec(text)) {
    if (m[2] === undefined) continue;
    const start = m.index + (m[1] ?? '').length;
    out.push({ start, end: m.index + m[0].length });
  }
  return out;
}
