/**
 * Long posts: `note-tweet.js` holds their whole text, while the tweet in
 * `tweets.js` has only the first 280 characters and an ellipsis.
 *
 * A note is `{ noteTweet: { noteTweetId, createdAt (ISO, ms), core: { text,
 * urls[{shortUrl, expandedUrl}] … } } }` and does NOT carry the tweet's id:
 * `noteTweetId` is a separate id minted at the same moment. So a tweet and
 * its note are matched the way the data allows: the note was created within
 * a couple of seconds of the tweet (`created_at` has whole seconds), and the
 * note's text begins as the tweet's does; among several such notes, the one
 * whose id is nearest the tweet's wins (both ids are time-ordered snowflakes).
 */
import { decodeHtmlEntities } from './text.ts';
import type { RawNote } from './ytd.ts';

export interface Note {
  id: string;
  createdAt: number;
  text: string;
  urls: Array<{ shortUrl: string; expandedUrl: string | undefined }>;
}

/** Notes by the second they were created in. */
export type NoteIndex = Map<number, Note[]>;

export function noteFromRaw(raw: RawNote): Note | null {
  const createdAt = Date.parse(raw.createdAt);
  if (!Number.isFinite(createdAt)) return null;
  return {
    id: raw.noteTweetId,
    createdAt,
    // Whether X escapes note text is not documented; decoding matches the
    // tweet text it extends, and a literal "&amp;" in a note is far rarer
    // than an escaped "&".
    text: decodeHtmlEntities(raw.core.text),
    urls: (raw.core.urls ?? []).map((u) => ({ shortUrl: u.shortUrl, expandedUrl: u.expandedUrl })),
  };
}

export function indexNotes(notes: Iterable<Note>, into: NoteIndex = new Map()): NoteIndex {
  for (const note of notes) {
    const second = Math.floor(note.createdAt / 1000);
    const list = into.get(second);
    if (list) list.push(note);
    else into.set(second, [note]);
  }
  return into;
}

/** Window around a tweet's whole-second time in which its note may have been stamped. */
const WINDOW_SECONDS = 2;
/** How much of the opening text must agree. */
const PREFIX_LENGTH = 24;

/** A reply's leading "@name @other " as X writes it before the visible text. */
export const REPLY_PREFIX = /^(?:[@＠]\w{1,15}\s+)+/;

function opening(text: string): string {
  // Up to the first link or ellipsis (the tweet's t.co may differ from the note's), without a reply prefix.
  const body = text.replace(REPLY_PREFIX, '');
  const cut = body.search(/https?:\/\/|…/);
  return (cut === -1 ? body : body.slice(0, cut)).replace(/\s+/g, ' ').trim().slice(0, PREFIX_LENGTH);
}

function idDistance(a: string, b: string): bigint {
  try {
    const d = BigInt(a) - BigInt(b);
    return d < 0n ? -d : d;
  } catch {
    return BigInt(Number.MAX_SAFE_INTEGER);
  }
}

/** The note holding the whole text of this tweet, if any. */
export function findNote(index: NoteIndex, tweet: { id: string; createdAt: number; text: string }): Note | null {
  if (index.size === 0) return null;
  const second = Math.floor(tweet.createdAt / 1000);
  const start = opening(tweet.text);
  let best: Note | null = null;
  for (let s = second - WINDOW_SECONDS; s <= second + WINDOW_SECONDS; s++) {
    for (const note of index.get(s) ?? []) {
      if (start !== '' && !opening(note.text).startsWith(start)) continue;
      if (best === null || idDistance(note.id, tweet.id) < idDistance(best.id, tweet.id)) best = note;
    }
  }
  return best;
}
