/**
 * The links Mastodon's StatusLengthValidator counts as `characters_reserved_per_url`.
 *
 * The server runs `Extractor.extract_urls_with_indices(text,
 * extract_url_without_protocol: false)`: twitter-text 3.1's `valid_url`
 * regex as Mastodon patches it (config/initializers/twitter_regex.rb),
 * scanned over the text, keeping the matches that carry a scheme. So
 * "https://example.com" costs 23 characters, "example.com" its 11 letters, and
 * "https://localhost" (no TLD the gem knows) all 17.
 *
 * That regex is quadratic on long runs of domain characters (an unspaced CJK
 * paragraph is one) and its 1,500-TLD alternation takes tens of milliseconds
 * to compile, too much for a keystroke. So the domain part is matched by hand
 * below, with the same backtracking outcome; port, path and query still use
 * the gem's (small) patterns. tests/unit/compose checks both agree.
 */
import { COUNTRY_TLDS, GENERIC_TLDS } from '../../../text/tlds.ts';
import { lazy } from '../../../lazy.ts';

export interface MastodonUrl {
  /** UTF-16 range in the text. */
  start: number;
  end: number;
  url: string;
}

const LATIN_ACCENTS =
  '\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF\u0100-\u024F\u0253\u0254\u0256\u0257\u0259\u025B\u0263\u0268' +
  '\u026F\u0272\u0289\u028B\u02BB\u0300-\u036F\u1E00-\u1EFF';
const UCHARS =
  '\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF\\u{10000}-\\u{1FFFD}\\u{20000}-\\u{2FFFD}\\u{30000}-\\u{3FFFD}' +
  '\\u{40000}-\\u{4FFFD}\\u{50000}-\\u{5FFFD}\\u{60000}-\\u{6FFFD}\\u{70000}-\\u{7FFFD}\\u{80000}-\\u{8FFFD}' +
  '\\u{90000}-\\u{9FFFD}\\u{A0000}-\\u{AFFFD}\\u{B0000}-\\u{BFFFD}\\u{C0000}-\\u{CFFFD}\\u{D0000}-\\u{DFFFD}' +
  '\\u{E1000}-\\u{EFFFD}\uE000-\uF8FF\\u{F0000}-\\u{FFFFD}\\u{100000}-\\u{10FFFD}';

/** twitter-text's own path characters: Mastodon's ending rule still embeds its old parentheses pattern. */
const TT_PATH_CHAR = `[a-z\\p{Script=Cyrillic}0-9!*';:=+,.$/%#\\[\\]\\p{Pd}_~&|@${LATIN_ACCENTS}]`;
const TT_BALANCED_PARENS = `\\((?:${TT_PATH_CHAR}+|(?:${TT_PATH_CHAR}*\\(${TT_PATH_CHAR}+\\)${TT_PATH_CHAR}*))\\)`;
const PATH_CHAR = '[^\\p{White_Space}<>()?]';
const BALANCED_PARENS = `\\((?:${PATH_CHAR}+|(?:${PATH_CHAR}*\\(${PATH_CHAR}+\\)${PATH_CHAR}*))\\)`;
/** A path may not end on punctuation, so "see https://x.org/a." keeps its full stop outside. */
const PATH_ENDING = `(?:[^\\p{White_Space}()?!*"'\u300C\u300D<>;:=,.$%\\[\\]~&|@]|${TT_BALANCED_PARENS})`;
const PATH = `(?:(?:${PATH_CHAR}*(?:${BALANCED_PARENS}${PATH_CHAR}*)*${PATH_ENDING})|(?:${PATH_CHAR}+/))`;
const QUERY_CHAR = `[a-z0-9!?*'();:&=+$/%#\\[\\]\\-_.,~|@^${UCHARS}]`;
const QUERY_ENDING = `[a-z0-9_&=#/\\-${UCHARS}]`;

/** Schemes Mastodon's patched pattern accepts before the domain. */
export const MASTODON_URL_SCHEMES: readonly string[] = [
  'https',
  'http',
  'dat',
  'dweb',
  'ipfs',
  'ipns',
  'ssb',
  'gopher',
  'gemini',
];

const SCHEME_AT = new RegExp(`(?:${MASTODON_URL_SCHEMES.join('|')})://`, 'iy');
const PUNYCODE_AT = /xn--[0-9a-z]+/iy;
const PORT_AT = /:[0-9]+/y;
// Unicode-class regexes and the TLD tables are built on first use, not at start-up.
// eslint-disable-next-line no-misleading-character-class -- twitter-text's URL path class includes combining marks on purpose
const PATH_AT = lazy(() => new RegExp(`/${PATH}*`, 'iuy'));
const QUERY_AT = lazy(() => new RegExp(`\\?${QUERY_CHAR}*${QUERY_ENDING}`, 'iuy'));
const TCO = /^https?:\/\/t\.co\/([a-z0-9]+)/i;
const MAX_URL_LENGTH = 4096;
const MAX_TCO_SLUG_LENGTH = 40;

const isAscii = (t: string): boolean => /^[\x00-\x7f]*$/.test(t);
const ASCII_TLDS = lazy(() => new Set([...GENERIC_TLDS, ...COUNTRY_TLDS].filter(isAscii)));
/** Non-ASCII TLDs by first character, in the gem's alternation order (generic, then country). */
const IDN_TLDS = lazy(() => {
  const byFirst = new Map<string, string[]>();
  for (const tld of [...GENERIC_TLDS, ...COUNTRY_TLDS].filter((t) => !isAscii(t))) {
    const first = String.fromCodePoint(tld.codePointAt(0) ?? 0);
    byFirst.set(first, [...(byFirst.get(first) ?? []), tld]);
  }
  return byFirst;
});

const isLead = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isTrail = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
const isAsciiAlnum = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/** DOMAIN_VALID_CHARS: anything but directional marks, ASCII punctuation, controls, spaces and non-characters. */
function isDomainChar(cp: number): boolean {
  if (cp < 0x80) return isAsciiAlnum(cp);
  return !(
    cp === 0x85 ||
    cp === 0xa0 ||
    cp === 0x1680 ||
    cp === 0x180e ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000 ||
    cp === 0x061c ||
    cp === 0x200e ||
    cp === 0x200f ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069) ||
    cp === 0xfffe ||
    cp === 0xfeff ||
    cp === 0xffff
  );
}

/** valid_url_preceding_chars refuses these right before a URL (case-insensitively). */
function refusedBefore(cp: number): boolean {
  return (
    isAsciiAlnum(cp) ||
    cp === 0x40 ||
    cp === 0xff20 ||
    cp === 0x24 ||
    cp === 0x23 ||
    cp === 0xff03 ||
    cp === 0xfffe ||
    cp === 0xfeff ||
    cp === 0xffff
  );
}

/** Length of the TLD at `at` ((gTLD|ccTLD) followed by [^0-9a-z@+-], or xn--...), 0 if none. */
function tldLength(text: string, at: number): number {
  if (at >= text.length) return 0;
  if (text.charCodeAt(at) < 0x80) {
    let e = at;
    while (e < text.length && isAsciiAlnum(text.charCodeAt(e))) e++;
    const after = text.charAt(e);
    if (
      e > at &&
      after !== '@' &&
      after !== '+' &&
      after !== '-' &&
      ASCII_TLDS().has(text.slice(at, e).toLowerCase())
    ) {
      return e - at;
    }
    PUNYCODE_AT.lastIndex = at;
    return PUNYCODE_AT.exec(text)?.[0].length ?? 0;
  }
  const first = String.fromCodePoint(text.codePointAt(at) ?? 0).toLowerCase();
  for (const tld of IDN_TLDS().get(first) ?? []) {
    const next = text.charCodeAt(at + tld.length);
    const free = Number.isNaN(next) || !(isAsciiAlnum(next) || next === 0x40 || next === 0x2b || next === 0x2d);
    if (free && text.slice(at, at + tld.length).toLowerCase() === tld) return tld.length;
  }
  return 0;
}

const OTHER = 0;
const DOMAIN = 1;
const DOT = 2;
const JOINER = 3; // "-" or "_", allowed inside a label
const TRAIL = 4; // second half of a surrogate pair

interface WordModel {
  /** End of the domain the pattern matches from text offset `p`, or -1. */
  domainEnd(p: number): number;
}

/**
 * The labels ("pieces" between dots) of one word, with what the domain
 * pattern `SUB* NAME TLD` needs to know about each, so that trying a match at
 * any position costs O(1). The regex takes as many SUB labels as it can, then
 * backtracks to the last label that can be the NAME before a known TLD;
 * `lastGood` answers that directly.
 *
 * SUB label: starts and ends with a domain character, may hold "-" and "_".
 * NAME label: the same without "_". Both end with the dot before the next label.
 */
function wordModel(text: string, start: number, end: number): WordModel {
  const kind = new Uint8Array(end - start);
  const piece = new Int32Array(end - start).fill(-1);
  for (let i = start; i < end; i++) {
    const cp = text.codePointAt(i) ?? 0;
    const ch = text.charAt(i);
    kind[i - start] = ch === '.' ? DOT : ch === '-' || ch === '_' ? JOINER : isDomainChar(cp) ? DOMAIN : OTHER;
    if (cp > 0xffff && i + 1 < end) kind[++i - start] = TRAIL;
  }

  const pieceEnd: number[] = [];
  const dotted: boolean[] = [];
  const endsWithDomain: boolean[] = [];
  /** The whole label may serve as SUB: its first and last characters are domain characters. */
  const sub: boolean[] = [];
  const lastUnderscore: number[] = [];
  const runFirst: number[] = [];
  let i = 0;
  while (i < kind.length) {
    if (kind[i] === OTHER) {
      i++;
      continue;
    }
    const first = pieceEnd.length;
    for (;;) {
      const index = pieceEnd.length;
      let underscore = -1;
      let j = i;
      for (; j < kind.length && kind[j] !== OTHER && kind[j] !== DOT; j++) {
        piece[j] = index;
        if (text.charCodeAt(start + j) === 0x5f) underscore = start + j;
      }
      let last = j - 1;
      if (last > i && kind[last] === TRAIL) last--;
      pieceEnd.push(start + j);
      dotted.push(j < kind.length && kind[j] === DOT);
      endsWithDomain.push(j > i && kind[last] === DOMAIN);
      sub.push(j > i && kind[i] === DOMAIN && kind[last] === DOMAIN);
      lastUnderscore.push(underscore);
      runFirst.push(first);
      if (!dotted[index]) {
        i = j;
        break;
      }
      i = j + 1;
    }
  }

  const n = pieceEnd.length;
  const tldAfter = pieceEnd.map((e, m) => (dotted[m] ? tldLength(text, e + 1) : 0));
  /** chain[m]: how many labels from m on can be taken as SUB (each also followed by a dot). */
  const chain = new Int32Array(n + 1);
  for (let m = n - 1; m >= 0; m--) chain[m] = sub[m] && dotted[m] ? 1 + (chain[m + 1] as number) : 0;
  /** lastGood[m]: the last label at or before m (same run) that can be NAME with a TLD after it. */
  const lastGood = new Int32Array(n);
  for (let m = 0; m < n; m++) {
    const good = sub[m] === true && lastUnderscore[m] === -1 && (tldAfter[m] as number) > 0;
    lastGood[m] = good ? m : m > (runFirst[m] as number) ? (lastGood[m - 1] as number) : -1;
  }
  const after = (m: number): number => (pieceEnd[m] as number) + 1 + (tldAfter[m] as number);

  return {
    domainEnd(p) {
      const k = p >= start && p < end ? (piece[p - start] as number) : -1;
      if (k < 0 || kind[p - start] !== DOMAIN) return -1;
      // Starting mid-label only shortens the first label, which starts at p with a domain character.
      const firstSub = endsWithDomain[k] === true;
      const j = firstSub && dotted[k] ? 1 + (chain[k + 1] as number) : 0;
      const best = j > 0 ? (lastGood[k + j] as number) : -1;
      if (best > k) return after(best);
      const firstName = firstSub && (lastUnderscore[k] as number) < p;
      return firstName && (tldAfter[k] as number) > 0 ? after(k) : -1;
    },
  };
}

function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Extractor.is_valid_domain: the domain converts to punycode (the gem uses
 * libidn's IDNA2003), and the URL with it fits 4096 characters. The browser's
 * URL parser (UTS #46) stands in for libidn; the one difference that matters
 * in practice is emoji, unknown to IDNA2003 (Unicode 3.2), which the server
 * refuses and so does this.
 */
function validDomain(url: string, domain: string): boolean {
  let length = codePointLength(url);
  if (!isAscii(domain)) {
    if (/[\u{1F000}-\u{1FFFF}]/u.test(domain)) return false;
    let ascii: string;
    try {
      ascii = new URL(`http://${domain}/`).hostname;
    } catch (error) {
      // The server's IDN conversion raising makes it skip the URL; so do we.
      if (error instanceof TypeError) return false;
      throw error;
    }
    length += Math.max(0, ascii.length - domain.length);
  }
  return length <= MAX_URL_LENGTH;
}

/** Where port, path and query end, starting right after the domain. */
function urlEnd(text: string, from: number): number {
  let at = from;
  for (const re of [PORT_AT, PATH_AT(), QUERY_AT()]) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (m) at += m[0].length;
  }
  return at;
}

/** A `valid_url` match that carries a scheme, before the extractor's last checks. */
export interface UrlMatch {
  start: number;
  end: number;
  domainStart: number;
  domainEnd: number;
}

/**
 * Ruby's String#scan of `valid_url` over one word. Every position is tried
 * in order; a match (with or without a scheme) consumes its text and the one
 * character before it, so scanning resumes after it.
 */
function scanWord(text: string, start: number, end: number, out: UrlMatch[]): void {
  const word = wordModel(text, start, end);
  /** The first offset the next match's preceding character may sit at. */
  let free = start - 1;
  for (let c = start; c < end; c++) {
    if (c > start && isTrail(text.charCodeAt(c)) && isLead(text.charCodeAt(c - 1))) continue;
    if (c > 0) {
      // The character before (a whole surrogate pair when it is one) must be free and allowed.
      const pair = c >= 2 && isTrail(text.charCodeAt(c - 1)) && isLead(text.charCodeAt(c - 2));
      const prevAt = pair ? c - 2 : c - 1;
      if (prevAt < free || refusedBefore(text.codePointAt(prevAt) ?? 0)) continue;
    }
    SCHEME_AT.lastIndex = c;
    const scheme = SCHEME_AT.exec(text);
    const domainStart = scheme ? c + scheme[0].length : c;
    let domainEnd = word.domainEnd(domainStart);
    const withScheme = scheme !== null && domainEnd !== -1;
    // No domain after the scheme: the regex gives the optional scheme up and tries a domain right here.
    if (scheme && !withScheme) domainEnd = word.domainEnd(c);
    if (domainEnd === -1) continue;
    const matchEnd = urlEnd(text, domainEnd);
    if (withScheme) out.push({ start: c, end: matchEnd, domainStart, domainEnd });
    free = matchEnd;
    c = matchEnd - 1;
  }
}

/**
 * Characters no match can contain. Not all Unicode spaces: a query string may
 * hold U+00A0 or U+3000 (Mastodon's UCHARS), so those do not end a word.
 */
const WORD_BREAK = /[\t\n\v\f\r \u0085]/;

/** What `valid_url` matches with a scheme, in text order. Only words holding "://" can hold one. */
export function scanMastodonUrls(text: string): UrlMatch[] {
  const out: UrlMatch[] = [];
  let doneUntil = 0;
  for (let k = text.indexOf('://'); k !== -1; k = text.indexOf('://', k + 3)) {
    if (k < doneUntil) continue;
    let s = k;
    while (s > 0 && !WORD_BREAK.test(text.charAt(s - 1))) s--;
    let e = k;
    while (e < text.length && !WORD_BREAK.test(text.charAt(e))) e++;
    scanWord(text, s, e, out);
    doneUntil = e;
  }
  return out;
}

/** Every link the server replaces by the URL placeholder, in text order. */
export function findMastodonUrls(text: string): MastodonUrl[] {
  const out: MastodonUrl[] = [];
  for (const m of scanMastodonUrls(text)) {
    let url = text.slice(m.start, m.end);
    // The extractor keeps only the slug of a t.co link, and drops one with a slug over 40.
    const tco = TCO.exec(url);
    if (tco) {
      if ((tco[1] ?? '').length > MAX_TCO_SLUG_LENGTH) continue;
      url = tco[0];
    }
    if (validDomain(url, text.slice(m.domainStart, m.domainEnd)))
      out.push({ start: m.start, end: m.start + url.length, url });
  }
  return out;
}
