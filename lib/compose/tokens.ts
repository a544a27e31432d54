/**
 * Links, mentions and hashtags, with UTF-16 ranges, as each network sees
 * them. Counting needs Mastodon's exact view (which links and mentions the
 * server shortens); splitting needs to know what must never be cut in two.
 */
import type { Network } from '../model/draft.ts';
import { countGraphemes } from './graphemes.ts';
import { findMastodonUrls } from './mastodon-url.ts';
import { assertNever } from '../assert-never.ts';
import { lazy } from '../lazy.ts';

export interface UrlToken {
  kind: 'url';
  start: number;
  end: number;
  /** Mastodon only shortens links written with a scheme. */
  hasScheme: boolean;
}

export interface MentionToken {
  kind: 'mention';
  start: number;
  end: number;
  /** The part before any second "@" (Mastodon counts only "@" + this). */
  username: string;
  /** "example.social" in "@alice@example.social"; null for a local or Bluesky-handle mention. */
  domain: string | null;
}

export interface HashtagToken {
  kind: 'hashtag';
  start: number;
  end: number;
  tag: string;
}

export type Token = UrlToken | MentionToken | HashtagToken;

/** What Mastodon's StatusLengthValidator rewrites before counting. */
export type MastodonEntity = UrlToken | MentionToken;

// Ruby's [[:word:]] on a UTF-8 string: letters, marks, decimal digits, connector punctuation.
const WORD = '\\p{L}\\p{M}\\p{Nd}\\p{Pc}';
const LATIN_ACCENTS =
  '\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF\u0100-\u024F\u0253\u0254\u0256\u0257\u0259\u025B\u0263\u0268' +
  '\u026F\u0272\u0289\u028B\u02BB\u0300-\u036F\u1E00-\u1EFF';

/** Account::MENTION_RE: "@user" or "@user@domain", not after "=", "/" or a word character. */
const MASTODON_MENTION = lazy(
  () =>
    new RegExp(`(?<![=/${WORD}])@([A-Za-z0-9_]+(?:[.-]+[A-Za-z0-9_]+)*)(?:@([${WORD}]+(?:[.-]+[${WORD}]+)*))?`, 'gu'),
);
/** twitter-text's end_mention_match: a mention running into these is not one. */
// eslint-disable-next-line no-misleading-character-class -- twitter-text's Latin-accents class includes the combining marks on purpose
const MENTION_REFUSED_AFTER = lazy(() => new RegExp(`^(?:[@\uFF20]|[${LATIN_ACCENTS}]|://)`, 'u'));
const MAX_DOMAIN_LENGTH = 253;

// Tag::HASHTAG_RE. Ruby's \w is ASCII-only, [[:alpha:]] is Unicode Alphabetic.
const TAG_SEPARATORS = '_\u00B7\u30FB\u200C';
const TAG_FIRST = `[${WORD}_][${WORD}${TAG_SEPARATORS}]*[\\p{Alphabetic}${TAG_SEPARATORS}][${WORD}${TAG_SEPARATORS}]*[${WORD}_]`;
const TAG_LAST = `[${WORD}_]*\\p{Alphabetic}[${WORD}_]*`;
const MASTODON_HASHTAG = lazy(() => new RegExp(`(?<![/)A-Za-z0-9_])#(${TAG_FIRST}|${TAG_LAST})`, 'gu'));

// @atproto/api rich-text detection (util.js), which Sortie's Bluesky adapter uses.
const BLUESKY_LINK = lazy(() => /(^|\s|\()((https?:\/\/\S+)|([a-z][a-z0-9]*(\.[a-z0-9]+)+)\S*)/gimu);
const BLUESKY_MENTION = lazy(() => /(^|\s|\()@([a-zA-Z0-9.-]+)\b/gu);
const BLUESKY_ZERO_WIDTH = '\u00AD\u2060\u200A\u200B\u200C\u200D\u20E2';
const BLUESKY_TAG = lazy(
  () =>
    new RegExp(
      // eslint-disable-next-line no-misleading-character-class -- Bluesky's own tag pattern, copied as is: the zero-width joiners are meant to be single code points
      `(^|\\s)[#\uFF03]((?!\uFE0F)[^\\s${BLUESKY_ZERO_WIDTH}]*[^\\d\\s\\p{P}${BLUESKY_ZERO_WIDTH}]+[^\\s${BLUESKY_ZERO_WIDTH}]*)?`,
      'gu',
    ),
);
const TRAILING_PUNCTUATION = lazy(() => /\p{P}+$/u);
const BLUESKY_MAX_TAG_GRAPHEMES = 64;

/** Mentions exactly as Mastodon's Extractor finds them. */
export function findMastodonMentions(text: string): MentionToken[] {
  if (!text.includes('@')) return [];
  const out: MentionToken[] = [];
  const mentionRe = MASTODON_MENTION();
  mentionRe.lastIndex = 0;
  for (let m = mentionRe.exec(text); m; m = mentionRe.exec(text)) {
    const end = m.index + m[0].length;
    if (MENTION_REFUSED_AFTER().test(text.slice(end, end + 3))) continue;
    const domain = m[2] ?? null;
    if (domain !== null && domain.length > MAX_DOMAIN_LENGTH) continue;
    out.push({ kind: 'mention', start: m.index, end, username: m[1] ?? '', domain });
  }
  return out;
}

/** Twitter-text's remove_overlapping_entities: by start, dropping any that overlaps one kept before it. */
function removeOverlapping<T extends { start: number; end: number }>(tokens: T[]): T[] {
  const sorted = [...tokens].sort((a, b) => a.start - b.start);
  const out: T[] = [];
  for (const t of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.end > t.start) continue;
    out.push(t);
  }
  return out;
}

/**
 * The links and mentions Mastodon's length rule rewrites, in text order:
 * links with a scheme become `characters_reserved_per_url` characters, and
 * "@user@domain" becomes "@user".
 */
export function findMastodonEntities(text: string): MastodonEntity[] {
  const urls: UrlToken[] = findMastodonUrls(text).map((u) => ({
    kind: 'url',
    start: u.start,
    end: u.end,
    hasScheme: true,
  }));
  return removeOverlapping<MastodonEntity>([...urls, ...findMastodonMentions(text)]);
}

function findMastodonHashtags(text: string): HashtagToken[] {
  if (!text.includes('#')) return [];
  const out: HashtagToken[] = [];
  const hashtagRe = MASTODON_HASHTAG();
  hashtagRe.lastIndex = 0;
  for (let m = hashtagRe.exec(text); m; m = hashtagRe.exec(text)) {
    out.push({ kind: 'hashtag', start: m.index, end: m.index + m[0].length, tag: m[1] ?? '' });
  }
  return out;
}

function findBlueskyLinks(text: string): UrlToken[] {
  const out: UrlToken[] = [];
  const linkRe = BLUESKY_LINK();
  linkRe.lastIndex = 0;
  for (let m = linkRe.exec(text); m; m = linkRe.exec(text)) {
    let uri = m[2] ?? '';
    const start = m.index + (m[1] ?? '').length;
    // The same trimming RichText applies: a closing full stop or an unopened ")" is not part of the link.
    if (/[.,;:!?]$/.test(uri)) uri = uri.slice(0, -1);
    if (uri.endsWith(')') && !uri.includes('(')) uri = uri.slice(0, -1);
    // Bare domains are kept without RichText's TLD check: over-protecting a
    // word only matters when that word alone is longer than a post.
    out.push({ kind: 'url', start, end: start + uri.length, hasScheme: m[3] !== undefined });
  }
  return out;
}

function findBlueskyMentions(text: string): MentionToken[] {
  if (!text.includes('@')) return [];
  const out: MentionToken[] = [];
  const mentionRe = BLUESKY_MENTION();
  mentionRe.lastIndex = 0;
  for (let m = mentionRe.exec(text); m; m = mentionRe.exec(text)) {
    const handle = m[2] ?? '';
    const start = m.index + (m[1] ?? '').length;
    out.push({ kind: 'mention', start, end: start + 1 + handle.length, username: handle, domain: null });
  }
  return out;
}

/**
 * Whether `text` may hold a mention RichText (@atproto/api) would link:
 * MENTION_REGEX ("@" at the start, after whitespace or "(") on a handle with
 * a dot. A superset: RichText also wants a known TLD, which the engine checks
 * with RichText itself when asked which mentions resolve, so a false positive
 * costs one question and a false negative hides an unknown handle.
 */
export function mayMentionOnBluesky(text: string): boolean {
  return findBlueskyMentions(text).some((m) => /[a-z0-9]\.[a-z0-9]/i.test(m.username));
}

function findBlueskyHashtags(text: string): HashtagToken[] {
  if (!text.includes('#') && !text.includes('\uFF03')) return [];
  const out: HashtagToken[] = [];
  const tagRe = BLUESKY_TAG();
  tagRe.lastIndex = 0;
  for (let m = tagRe.exec(text); m; m = tagRe.exec(text)) {
    const tag = (m[2] ?? '').trim().replace(TRAILING_PUNCTUATION(), '');
    // RichText drops longer tags, so they are plain words that may be split.
    if (tag === '' || (tag.length > BLUESKY_MAX_TAG_GRAPHEMES && countGraphemes(tag) > BLUESKY_MAX_TAG_GRAPHEMES))
      continue;
    const start = m.index + (m[1] ?? '').length;
    out.push({ kind: 'hashtag', start, end: start + 1 + tag.length, tag });
  }
  return out;
}

/**
 * Whether a text has something that looks like a mention on this network,
 * so that asking the server which mentions resolve is worth a round trip.
 * On Bluesky, what RichText may link as a handle (it also accepts `(@handle)`).
 */
export const MAY_MENTION: { readonly [N in Network]: (text: string) => boolean } = {
  bluesky: mayMentionOnBluesky,
  mastodon: (text) => /(^|[^/\w])@[a-z0-9_]+/i.test(text),
};

/**
 * Everything a split for `network` must keep whole, sorted and without
 * overlaps: where two detections overlap (a mention inside a link), the
 * earlier-starting one wins, as in twitter-text.
 */
export function findTokens(text: string, network: Network): Token[] {
  switch (network) {
    case 'mastodon':
      return removeOverlapping<Token>([...findMastodonEntities(text), ...findMastodonHashtags(text)]);
    case 'bluesky':
      return removeOverlapping<Token>([
        ...findBlueskyLinks(text),
        ...findBlueskyMentions(text),
        ...findBlueskyHashtags(text),
      ]);
    default:
      return assertNever(network, 'network');
  }
}
