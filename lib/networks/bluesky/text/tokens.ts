/**
 * Links, mentions and hashtags as Bluesky's RichText (@atproto/api, which
 * Sortie's Bluesky adapter uses) detects them: what a split must keep whole
 * and what the preview draws as links.
 */
import { lazy } from '../../../lazy.ts';
import { countGraphemes } from '../../../text/graphemes.ts';
import {
  removeOverlapping,
  type HashtagToken,
  type MentionToken,
  type Token,
  type UrlToken,
} from '../../../text/tokens.ts';

// @atproto/api rich-text detection (util.js).
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

/** Everything a split must keep whole, sorted and without overlaps (the earlier-starting find wins). */
export function findBlueskyTokens(text: string): Token[] {
  return removeOverlapping<Token>([
    ...findBlueskyLinks(text),
    ...findBlueskyMentions(text),
    ...findBlueskyHashtags(text),
  ]);
}
