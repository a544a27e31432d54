/**
 * Links, mentions and hashtags exactly as a Mastodon server finds them.
 * Counting needs the server's exact view (which links and mentions it
 * shortens); splitting needs to know what must never be cut in two.
 */
import { lazy } from '../../../lazy.ts';
import {
  removeOverlapping,
  type HashtagToken,
  type MentionToken,
  type Token,
  type UrlToken,
} from '../../../text/tokens.ts';
import { findMastodonUrls } from './urls.ts';

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

/**
 * Everything a split must keep whole, sorted and without overlaps: where two
 * detections overlap (a mention inside a link), the earlier-starting one
 * wins, as in twitter-text.
 */
export function findMastodonTokens(text: string): Token[] {
  return removeOverlapping<Token>([...findMastodonEntities(text), ...findMastodonHashtags(text)]);
}

/** Whether a text has something that looks like a mention, so asking the server which resolve is worth a round trip. */
export function mayMentionOnMastodon(text: string): boolean {
  return /(^|[^/\w])@[a-z0-9_]+/i.test(text);
}
