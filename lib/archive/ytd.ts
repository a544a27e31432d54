/**
 * The `data/*.js` files of an X archive: `window.YTD.<name>.partN = [ ... ]`.
 * The file is hostile (anyone can hand Sortie a ZIP): the prefix is matched,
 * never evaluated; the rest must be one JSON array; each item is checked with
 * lib/validate.ts against bounded shapes, and an item that fails is counted
 * and left out rather than failing the whole file.
 */
import { array, nullable, number, object, optional, string, type Infer, type Schema } from '../validate.ts';

export interface YtdFile {
  /** `tweets`, `note_tweet`, `account`… as the prefix names it. */
  name: string;
  part: number;
  items: unknown[];
}

/** Why a whole file could not be read. */
export class YtdFormatError extends Error {
  override readonly name = 'YtdFormatError';
}

const PREFIX = /^\uFEFF?\s*window\.YTD\.([A-Za-z0-9_]{1,64})\.part(\d{1,4})\s*=\s*/;

/** One `data/*.js` file: the prefix stripped, the rest parsed as a JSON array. */
export function parseYtd(text: string): YtdFile {
  const m = PREFIX.exec(text);
  if (!m) throw new YtdFormatError('not a window.YTD data file');
  let body = text.slice(m[0].length).trimEnd();
  if (body.endsWith(';')) body = body.slice(0, -1);
  let items: unknown;
  try {
    items = JSON.parse(body);
  } catch {
    throw new YtdFormatError('the data after the prefix is not JSON');
  }
  if (!Array.isArray(items)) throw new YtdFormatError('the data is not a JSON array');
  return { name: m[1] as string, part: Number(m[2]), items };
}

/** Items that passed `schema`, and how many did not. */
export interface Checked<T> {
  items: T[];
  malformed: number;
}

export function checkItems<T>(items: readonly unknown[], schema: Schema<T>): Checked<T> {
  const out: T[] = [];
  let malformed = 0;
  for (const item of items) {
    try {
      out.push(schema(item));
    } catch {
      malformed++;
    }
  }
  return { items: out, malformed };
}

// Bounds: far above what X writes, low enough that a crafted file cannot
// make one item cost more than a few hundred kilobytes.
const ID = string({ max: 32, pattern: /^\d{1,25}$/ });
const TEXT = string({ max: 100_000 });
const URL_TEXT = string({ max: 4096 });
const SHORT = string({ max: 512 });
const INDEX = number({ min: 0, max: 100_000, integer: true });
const INDICES = array(indexValue(), { max: 2 });
const MAX_ENTITIES = 200;

/** X writes indices as strings in archives ("indices": ["0", "23"]); older ones as numbers. */
function indexValue(): Schema<number> {
  return (value, path = '') => {
    const n = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : value;
    return INDEX(n, path);
  };
}

const urlEntity = object({
  url: URL_TEXT,
  expanded_url: optional(URL_TEXT),
  display_url: optional(URL_TEXT),
  indices: optional(INDICES),
});

const mediaEntity = object({
  url: optional(URL_TEXT),
  media_url_https: optional(URL_TEXT),
  media_url: optional(URL_TEXT),
  type: optional(SHORT),
  ext_alt_text: optional(nullable(string({ max: 5000 }))),
  indices: optional(INDICES),
  video_info: optional(
    object({
      variants: optional(array(object({ url: URL_TEXT }), { max: 50 })),
      /** Width and height as decimal strings, e.g. ["16", "9"]. */
      aspect_ratio: optional(array(SHORT, { max: 2 })),
    }),
  ),
});

const mentionEntity = object({ screen_name: optional(SHORT), indices: optional(INDICES) });

export const rawTweetSchema = object({
  tweet: object({
    id_str: ID,
    full_text: TEXT,
    created_at: string({ max: 64 }),
    lang: optional(string({ max: 16 })),
    in_reply_to_status_id_str: optional(nullable(ID)),
    in_reply_to_user_id_str: optional(nullable(ID)),
    in_reply_to_screen_name: optional(nullable(SHORT)),
    display_text_range: optional(INDICES),
    entities: optional(
      object({
        urls: optional(array(urlEntity, { max: MAX_ENTITIES })),
        user_mentions: optional(array(mentionEntity, { max: MAX_ENTITIES })),
        media: optional(array(mediaEntity, { max: MAX_ENTITIES })),
      }),
    ),
    extended_entities: optional(object({ media: optional(array(mediaEntity, { max: MAX_ENTITIES })) })),
  }),
});
export type RawTweet = Infer<typeof rawTweetSchema>['tweet'];
export type RawMedia = Infer<typeof mediaEntity>;

export const rawNoteSchema = object({
  noteTweet: object({
    noteTweetId: ID,
    createdAt: string({ max: 64 }),
    core: object({
      text: TEXT,
      urls: optional(array(object({ shortUrl: URL_TEXT, expandedUrl: optional(URL_TEXT) }), { max: MAX_ENTITIES })),
    }),
  }),
});
export type RawNote = Infer<typeof rawNoteSchema>['noteTweet'];

export const rawAccountSchema = object({
  account: object({
    accountId: ID,
    username: string({ max: 64 }),
    accountDisplayName: optional(string({ max: 512 })),
  }),
});

export const rawFollowingSchema = object({
  following: object({ accountId: ID, userLink: optional(URL_TEXT) }),
});

/** Which data file a ZIP entry is, from its name under `data/`; null when Sortie does not read it. */
export type DataFileKind = 'tweets' | 'note-tweets' | 'account' | 'following';

const DATA_FILES: ReadonlyArray<[RegExp, DataFileKind]> = [
  // tweets.js, tweet.js (older archives), tweets-part1.js… for large accounts.
  [/^tweets?(?:-part\d{1,4})?\.js$/, 'tweets'],
  [/^note-tweet(?:-part\d{1,4})?\.js$/, 'note-tweets'],
  [/^account\.js$/, 'account'],
  [/^following(?:-part\d{1,4})?\.js$/, 'following'],
];

export function dataFileKind(baseName: string): DataFileKind | null {
  for (const [re, kind] of DATA_FILES) if (re.test(baseName)) return kind;
  return null;
}
