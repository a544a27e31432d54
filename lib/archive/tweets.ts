/**
 * One archived tweet (`tweets.js` item) made into an ArchiveTweet: the text
 * a person would read on X (entities decoded, t.co links expanded, the reply
 * prefix and media links left out, the whole note when the tweet was long),
 * its kind, and its media as ZIP entries.
 *
 * Indices: X counts `indices` and `display_text_range` in code points of
 * the decoded text (an emoji counts one). They are checked against the text
 * before use (the link must be where they say) and a link found elsewhere is
 * replaced where it is.
 */
import { resolveMedia, type MediaEntries } from './media.ts';
import type { ArchiveTweet } from './model.ts';
import { findNote, REPLY_PREFIX, type NoteIndex } from './notes.ts';
import { codePointOffsets, decodeHtmlEntities, httpLink, locate, rewrite, type Replacement } from './text.ts';
import type { RawTweet } from './ytd.ts';

export interface TweetContext {
  /** The archive owner's `accountId` (account.js): replies to it are the owner's own threads. */
  ownAccountId: string;
  notes: NoteIndex;
  media: MediaEntries;
}

/** What reading one tweet found besides the tweet. */
export interface TweetReading {
  tweet: ArchiveTweet;
  /** Media the tweet had that the ZIP does not hold. */
  missingMedia: number;
  /** Whether the text came from note-tweet.js. */
  fromNote: boolean;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** X's `created_at`, "Wed Oct 10 20:19:24 +0000 2018", as epoch ms; NaN when it is not one. */
export function parseXDate(value: string): number {
  const m = /^\w{3} (\w{3}) (\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$/.exec(value.trim());
  if (!m) return Date.parse(value);
  const month = MONTHS.indexOf(m[1] as string);
  if (month === -1) return NaN;
  const offset = (Number(m[7]) * 60 + Number(m[8])) * 60_000 * (m[6] === '-' ? -1 : 1);
  return Date.UTC(Number(m[9]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])) - offset;
}

/** X's language tag made BCP-47; X's own codes (und, zxx, qme, qht…) name no language. */
export function tweetLang(lang: string | undefined): string {
  if (!lang || lang === 'und' || lang === 'zxx' || /^q[a-z]{2}$/.test(lang)) return 'und';
  const legacy: Record<string, string> = { in: 'id', iw: 'he', ji: 'yi' };
  const tag = legacy[lang] ?? lang;
  return /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(tag) ? tag : 'und';
}

export function tweetKind(raw: RawTweet, ownAccountId: string): ArchiveTweet['kind'] {
  if (/^RT @/.test(raw.full_text)) return 'retweet';
  if (!raw.in_reply_to_status_id_str) return 'post';
  return raw.in_reply_to_user_id_str === ownAccountId ? 'self-reply' : 'reply';
}

function urlReplacements(text: string, offsets: readonly number[], raw: RawTweet): Replacement[] {
  const out: Replacement[] = [];
  for (const u of raw.entities?.urls ?? []) {
    const at = locate(text, offsets, u.url, u.indices, out);
    if (at) out.push({ ...at, with: httpLink(u.expanded_url) ?? u.url });
  }
  const media = raw.extended_entities?.media ?? raw.entities?.media ?? [];
  for (const m of media) {
    if (!m.url) continue;
    // Every item of a tweet's media shares one t.co link: remove each occurrence once.
    const at = locate(text, offsets, m.url, m.indices, out);
    if (at) out.push({ ...at, with: '' });
  }
  return out;
}

/** The visible range X gives, in UTF-16 offsets, when it is sane; else the whole text. */
function displayRange(offsets: readonly number[], raw: RawTweet): [number, number] {
  const whole: [number, number] = [0, offsets[offsets.length - 1] as number];
  const [a, b] = raw.display_text_range ?? [];
  if (a === undefined || b === undefined || a > b || b >= offsets.length) return whole;
  return [offsets[a] as number, offsets[b] as number];
}

/** The note's text as posted: links expanded and, for a reply, the "@name " prefix X hides left out as well. */
function noteText(note: NonNullable<ReturnType<typeof findNote>>, isReply: boolean): string {
  const text = isReply ? note.text.replace(REPLY_PREFIX, '') : note.text;
  const replacements: Replacement[] = [];
  const offsets = codePointOffsets(text);
  for (const u of note.urls) {
    const at = locate(text, offsets, u.shortUrl, undefined, replacements);
    if (at) replacements.push({ ...at, with: httpLink(u.expandedUrl) ?? u.shortUrl });
  }
  return rewrite(text, replacements).trim();
}

export function readTweet(raw: RawTweet, ctx: TweetContext): TweetReading {
  const decoded = decodeHtmlEntities(raw.full_text);
  const offsets = codePointOffsets(decoded);
  const [from, to] = displayRange(offsets, raw);
  // Links outside the visible range (the media link, reply prefixes) go with it.
  const replacements = urlReplacements(decoded, offsets, raw).filter((r) => r.start >= from && r.end <= to);
  const visible = decoded.slice(from, to);
  const shifted = replacements.map((r) => ({ ...r, start: r.start - from, end: r.end - from }));
  const kind = tweetKind(raw, ctx.ownAccountId);
  const createdAt = parseXDate(raw.created_at);

  let text = rewrite(visible, shifted)
    .replace(/[ \t\u00A0]+$/gm, '')
    .trim();
  let fromNote = false;
  const note = kind === 'retweet' ? null : findNote(ctx.notes, { id: raw.id_str, createdAt, text: visible });
  if (note) {
    const long = noteText(note, raw.in_reply_to_status_id_str != null && from > 0);
    if (long.length > text.length) {
      text = long;
      fromNote = true;
    }
  }
  const { media, missing } = resolveMedia(
    raw.id_str,
    raw.extended_entities?.media ?? raw.entities?.media ?? [],
    ctx.media,
  );
  return {
    tweet: {
      id: raw.id_str,
      text,
      createdAt,
      lang: tweetLang(raw.lang),
      kind,
      inReplyToOwnId: kind === 'self-reply' ? (raw.in_reply_to_status_id_str ?? null) : null,
      inReplyTo:
        kind === 'reply' && raw.in_reply_to_status_id_str
          ? { id: raw.in_reply_to_status_id_str, screenName: raw.in_reply_to_screen_name ?? '' }
          : null,
      media,
    },
    missingMedia: missing,
    fromNote,
  };
}
