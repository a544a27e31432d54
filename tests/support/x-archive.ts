/**
 * X archives in the exact shape X writes them, for tests and the bench:
 * `data/*.js` files `window.YTD.<name>.partN = [ … ]` (numbers as strings,
 * `full_text` HTML-escaped, links as t.co with code-point indices, media
 * links at the end outside `display_text_range`, reply prefixes inside it),
 * several tweets parts, note-tweet.js for long posts, account.js,
 * following.js, media files `data/tweets_media/<tweetId>-<name>.<ext>`.
 */
import { TextReader, Uint8ArrayReader, Uint8ArrayWriter, ZipWriter, configure } from '@zip.js/zip.js/index-native.js';

export interface GenMedia {
  type: 'photo' | 'video' | 'animated_gif';
  /** File name without extension (X uses 15 random characters). */
  name: string;
  alt?: string;
  /** The file's bytes (default: small distinct bytes that are not an image). */
  bytes?: Uint8Array;
}

export interface GenTweet {
  id: string;
  /** The text as the person wrote it: real links, "&", "<" unescaped. Over 280 code points: a note-tweet. */
  text: string;
  createdAt: Date;
  lang?: string;
  /** A reply: to the owner (a thread) or to someone else. */
  replyTo?: { id: string; userId: string; screenName: string };
  media?: GenMedia[];
  /** "RT @screenName: text" */
  retweetOf?: string;
}

export interface GenArchive {
  account: { accountId: string; username: string; displayName: string };
  tweets: GenTweet[];
  /** How many tweets files: 1 writes `tweets.js`, more write `tweets-part1.js`… (default 1). */
  parts?: number;
  /** Older archives: `tweet.js` and `tweet_media/`. */
  legacyNames?: boolean;
  /** Archives downloaded without media have no media files. */
  withMediaFiles?: boolean;
  following?: string[];
  /** Put everything under this folder (an archive unpacked and zipped again). */
  topFolder?: string;
}

const X_DATE_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const X_DATE_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Wed Oct 10 20:19:24 +0000 2018" */
export function xDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${X_DATE_DAYS[d.getUTCDay()]} ${X_DATE_MONTHS[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000 ${d.getUTCFullYear()}`;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const cpLength = (s: string) => Array.from(s).length;

let tcoCounter = 0;
function tco(): string {
  tcoCounter++;
  return `https://t.co/${tcoCounter.toString(36).padStart(10, 'a')}`;
}

const NOTE_THRESHOLD = 280;
const URL_RE = /https?:\/\/[^\s]+/g;

/** Links replaced by t.co (each with its code-point indices in the unescaped text). */
function withTco(
  text: string,
  offset: number,
): { text: string; urls: Array<{ url: string; expanded: string; from: number; to: number }> } {
  const urls: Array<{ url: string; expanded: string; from: number; to: number }> = [];
  let out = '';
  let at = 0;
  for (const m of text.matchAll(URL_RE)) {
    out += text.slice(at, m.index);
    const url = tco();
    const from = offset + cpLength(out);
    urls.push({ url, expanded: m[0], from, to: from + cpLength(url) });
    out += url;
    at = m.index + m[0].length;
  }
  return { text: out + text.slice(at), urls };
}

function mediaExt(m: GenMedia): string {
  return m.type === 'photo' ? 'jpg' : 'mp4';
}

function mediaItem(tweetId: string, m: GenMedia, url: string, from: number) {
  const base = {
    id_str: `${tweetId}9`,
    url,
    display_url: 'pic.x.com/abc',
    expanded_url: `https://x.com/someone/status/${tweetId}/photo/1`,
    indices: [String(from), String(from + cpLength(url))],
    type: m.type,
    ...(m.alt ? { ext_alt_text: m.alt } : {}),
  };
  if (m.type === 'photo') return { ...base, media_url_https: `https://pbs.twimg.com/media/${m.name}.jpg` };
  const dir = m.type === 'video' ? `ext_tw_video/${tweetId}/pu/vid/720x1280` : 'tweet_video';
  return {
    ...base,
    media_url_https: `https://pbs.twimg.com/ext_tw_video_thumb/${tweetId}/pu/img/${m.name}thumb.jpg`,
    video_info: {
      aspect_ratio: ['9', '16'],
      variants: [
        { bitrate: '632000', content_type: 'video/mp4', url: `https://video.twimg.com/${dir}/${m.name}.mp4?tag=10` },
        { content_type: 'application/x-mpegURL', url: `https://video.twimg.com/${dir}/pl/${m.name}.m3u8?tag=10` },
      ],
    },
  };
}

/** The `tweets.js` item and, for a long post, its `note-tweet.js` item. */
export function tweetItem(t: GenTweet): { tweet: unknown; note: unknown | null } {
  const prefix = t.replyTo ? `@${t.replyTo.screenName} ` : '';
  const written = t.retweetOf ? `RT @${t.retweetOf}: ${t.text}` : t.text;
  const long = cpLength(written) > NOTE_THRESHOLD;
  const shown = long ? `${Array.from(written).slice(0, 270).join('').replace(URL_RE, '').trimEnd()}…` : written;
  const body = withTco(shown, cpLength(prefix));
  let full = prefix + body.text;
  const displayEnd = cpLength(full);
  const mediaUrl = t.media?.length ? tco() : null;
  const media = (t.media ?? []).map((m) => mediaItem(t.id, m, mediaUrl as string, displayEnd + 1));
  if (mediaUrl) full += ` ${mediaUrl}`;
  const mentions = [...full.matchAll(/@(\w{1,15})/g)].map((m) => {
    const from = cpLength(full.slice(0, m.index));
    return {
      name: m[1],
      screen_name: m[1],
      indices: [String(from), String(from + cpLength(m[0]))],
      id_str: '1',
      id: '1',
    };
  });
  const tweet = {
    tweet: {
      edit_info: {
        initial: {
          editTweetIds: [t.id],
          editableUntil: '2020-01-01T00:00:00.000Z',
          editsRemaining: '5',
          isEditEligible: true,
        },
      },
      retweeted: false,
      source: '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
      entities: {
        hashtags: [],
        symbols: [],
        user_mentions: mentions,
        urls: body.urls.map((u) => ({
          url: u.url,
          expanded_url: u.expanded,
          display_url: u.expanded.replace(/^https?:\/\//, '').slice(0, 26),
          indices: [String(u.from), String(u.to)],
        })),
        ...(media.length ? { media: media.slice(0, 1) } : {}),
      },
      display_text_range: [String(cpLength(prefix)), String(displayEnd)],
      favorite_count: '0',
      id_str: t.id,
      id: t.id,
      truncated: false,
      retweet_count: '0',
      created_at: xDate(t.createdAt),
      favorited: false,
      full_text: escapeHtml(full),
      lang: t.lang ?? 'en',
      ...(t.replyTo
        ? {
            in_reply_to_status_id_str: t.replyTo.id,
            in_reply_to_status_id: t.replyTo.id,
            in_reply_to_user_id_str: t.replyTo.userId,
            in_reply_to_user_id: t.replyTo.userId,
            in_reply_to_screen_name: t.replyTo.screenName,
          }
        : {}),
      ...(media.length ? { extended_entities: { media } } : {}),
    },
  };
  if (!long) return { tweet, note: null };
  // Whether X keeps a reply's "@name " prefix in the note is not documented: written with it, the harder case (the reader takes either).
  const noteBody = withTco(prefix + written, 0);
  const note = {
    noteTweet: {
      noteTweetId: String(BigInt(t.id) + 7n),
      updatedAt: new Date(t.createdAt.getTime() + 300).toISOString(),
      lifecycle: { value: '3', name: 'Active', originalValue: '3', value_: 'Active' },
      createdAt: new Date(t.createdAt.getTime() + 300).toISOString(),
      core: {
        styletags: [],
        urls: noteBody.urls.map((u) => ({
          urlType: 'ExternalUrl',
          shortUrl: u.url,
          displayUrl: u.expanded.slice(8, 30),
          expandedUrl: u.expanded,
          fromIndex: String(u.from),
          toIndex: String(u.to),
        })),
        text: noteBody.text,
        mentions: [],
        cashtags: [],
        hashtags: [],
      },
    },
  };
  return { tweet, note };
}

function ytd(name: string, part: number, items: unknown[]): string {
  return `window.YTD.${name}.part${part} = ${JSON.stringify(items, null, 2)}`;
}

/** Small distinct bytes standing for a media file (the reader never decodes them). */
export function mediaBytes(name: string): Uint8Array {
  return new TextEncoder().encode(`media:${name}`);
}

export interface BuiltArchive {
  zip: Uint8Array<ArrayBuffer>;
  /** The same bytes as a Blob, as a picked File reads. */
  blob: Blob;
  /** Data file paths written, for tests that check every part is read. */
  dataFiles: string[];
}

/** Snowflake-like ids in time order (X ids encode their time). */
export function snowflake(d: Date, seq = 0): string {
  return String(((BigInt(d.getTime()) - 1288834974657n) << 22n) + BigInt(seq));
}

export async function buildXArchive(spec: GenArchive): Promise<BuiltArchive> {
  const writer = new ZipWriter(new Uint8ArrayWriter());
  const dataFiles = await writeXArchive(spec, writer);
  const zip = await writer.close();
  return { zip, blob: new Blob([zip], { type: 'application/zip' }), dataFiles };
}

/** Writes the archive's entries into `writer` (which the caller closes): the bench streams a large one to disk. */
export async function writeXArchive(
  spec: GenArchive,
  writer: ZipWriter<unknown>,
  mediaBytesOf: (name: string) => Uint8Array = mediaBytes,
): Promise<string[]> {
  configure({ useWebWorkers: false });
  const root = spec.topFolder ? `${spec.topFolder}/` : '';
  const dataFiles: string[] = [];
  const addText = async (path: string, text: string) => {
    dataFiles.push(root + path);
    await writer.add(root + path, new TextReader(text), { level: 1 });
  };
  const tweetName = spec.legacyNames ? 'tweet' : 'tweets';
  const parts = Math.max(1, spec.parts ?? 1);
  const items = spec.tweets.map(tweetItem);
  const per = Math.ceil(items.length / parts) || 1;
  await addText(
    'data/account.js',
    ytd('account', 0, [
      {
        account: {
          email: 'x@example.com',
          createdVia: 'web',
          username: spec.account.username,
          accountId: spec.account.accountId,
          createdAt: '2010-01-01T00:00:00.000Z',
          accountDisplayName: spec.account.displayName,
        },
      },
    ]),
  );
  for (let p = 0; p < parts; p++) {
    const slice = items.slice(p * per, (p + 1) * per).map((i) => i.tweet);
    const file = parts === 1 ? `data/${tweetName}.js` : `data/${tweetName}-part${p + 1}.js`;
    await addText(file, ytd(tweetName, p, slice));
  }
  const notes = items.map((i) => i.note).filter((n) => n !== null);
  if (notes.length) await addText('data/note-tweet.js', ytd('note_tweet', 0, notes));
  await addText(
    'data/following.js',
    ytd(
      'following',
      0,
      (spec.following ?? []).map((id) => ({
        following: { accountId: id, userLink: `https://twitter.com/intent/user?user_id=${id}` },
      })),
    ),
  );
  await addText('data/like.js', ytd('like', 0, []));
  if (spec.withMediaFiles !== false) {
    const dir = spec.legacyNames ? 'data/tweet_media' : 'data/tweets_media';
    for (const t of spec.tweets) {
      for (const m of t.media ?? []) {
        const name = `${t.id}-${m.name}.${mediaExt(m)}`;
        await writer.add(`${root}${dir}/${name}`, new Uint8ArrayReader(m.bytes ?? mediaBytesOf(name)), { level: 0 });
      }
    }
  }
  return dataFiles;
}

const WORDS = [
  'manif',
  'à',
  '14h',
  'place',
  'de',
  'la',
  'République',
  'the',
  'quick',
  'brown',
  'fox',
  'café',
  'naïve',
  '✊🏽',
  '🎉',
  '👩‍💻',
  'שלום',
  'مرحبا',
  '東京',
  '&',
  '<3',
  'R&D',
  '#tag',
  '@friend',
];

/**
 * `count` tweets of every kind in X's proportions-ish (posts, own threads,
 * replies to others, retweets, long posts, links, HTML-escaped characters,
 * emoji, RTL), `mediaCount` of them with one photo, video or GIF; the same
 * for the same seed.
 */
export function generateTweets(count: number, mediaCount: number, owner: GenArchive['account'], seed = 1): GenTweet[] {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const start = Date.UTC(2012, 0, 1);
  const step = Math.floor((Date.UTC(2024, 0, 1) - start) / Math.max(1, count));
  const mediaEvery = mediaCount > 0 ? count / mediaCount : Infinity;
  const out: GenTweet[] = [];
  let nextMedia = 0;
  for (let i = 0; i < count; i++) {
    const createdAt = new Date(start + i * step + Math.floor(random() * 1000) * 1000);
    const id = snowflake(createdAt, i % 4096);
    const roll = random();
    const t: GenTweet = {
      id,
      createdAt,
      text: words(5 + Math.floor(random() * 25)),
      lang: pick(['en', 'fr', 'und', 'he', 'ja']),
    };
    const previous = out[out.length - 1];
    if (roll < 0.15 && previous && !previous.retweetOf)
      t.replyTo = { id: previous.id, userId: owner.accountId, screenName: owner.username };
    else if (roll < 0.3) t.replyTo = { id: String(1000 + i), userId: '999', screenName: 'someone' };
    else if (roll < 0.4) t.retweetOf = 'famous';
    else if (roll < 0.45) t.text = `${words(60)} https://example.com/${i} ${words(20)}`;
    if (random() < 0.3) t.text += ` https://example.org/${i}?a=1&b=2`;
    if (i >= nextMedia && nextMedia < mediaCount * mediaEvery) {
      t.media = [
        { type: pick(['photo', 'photo', 'photo', 'video', 'animated_gif'] as const), name: `M${i.toString(36)}x` },
      ];
      nextMedia += mediaEvery;
    }
    out.push(t);
  }
  return out;
}
