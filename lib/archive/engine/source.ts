/**
 * The engine's way into a stored X archive: the tweets, the owner and the
 * follows, then each media file on demand. The ZIP is read in place from the
 * Blob IndexedDB keeps (only the central directory and the entries asked
 * for), never loaded whole.
 *
 * The parsing here is the smallest that running an import needs; the
 * archive reader (zip/ytd/tweets/map) replaces it behind the same interface.
 * The file is hostile: every field is checked, anything odd is skipped.
 */
import { BlobReader, BlobWriter, TextWriter, ZipReader, configure, type Entry, type FileEntry } from '@zip.js/zip.js';
import type { ArchiveAccount, ArchiveFollow, ArchiveMedia, ArchiveTweet } from '../model.ts';

export interface ArchiveContents {
  account: ArchiveAccount;
  tweets: ArchiveTweet[];
  follows: ArchiveFollow[];
}

export interface ArchiveSource {
  read(file: Blob): Promise<ArchiveContents>;
  /** One file of the archive, or null when it is not there. */
  media(file: Blob, entry: string): Promise<Blob | null>;
}

// No worker pool: the engine page reads one entry at a time, and a worker script would need its own CSP entry.
configure({ useWebWorkers: false });

/** Biggest data file read as text (tweets.js of a large account is tens of MB). */
const MAX_DATA_CHARS = 512 * 1024 * 1024;

async function entriesOf(file: Blob): Promise<{ reader: ZipReader<Blob>; entries: Entry[] }> {
  const reader = new ZipReader(new BlobReader(file));
  return { reader, entries: await reader.getEntries() };
}

function isFile(entry: Entry): entry is FileEntry {
  return !entry.directory;
}

/** `window.YTD.<name>.partN = [...]` → the array, or [] when it is not that shape. */
export function parseYtd(text: string): unknown[] {
  const start = text.indexOf('=');
  if (start < 0 || !/^\s*window\.YTD\.[\w-]+\.part\d+\s*$/.test(text.slice(0, start))) return [];
  try {
    const value: unknown = JSON.parse(text.slice(start + 1));
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

export function decodeEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m] ?? m);
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function obj(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function mediaOf(tweet: Record<string, unknown>, id: string, names: ReadonlySet<string>): ArchiveMedia[] {
  const media = list(obj(tweet['extended_entities'])['media']).length
    ? list(obj(tweet['extended_entities'])['media'])
    : list(obj(tweet['entities'])['media']);
  const out: ArchiveMedia[] = [];
  for (const item of media) {
    const m = obj(item);
    const type = str(m['type']);
    if (type !== 'photo' && type !== 'video' && type !== 'animated_gif') continue;
    const base = str(m['media_url_https']).split('/').pop() ?? '';
    const entry = [`data/tweets_media/${id}-${base}`, `data/tweet_media/${id}-${base}`].find((p) => names.has(p));
    if (entry) out.push({ entry, type, alt: '' });
  }
  return out;
}

/** One archive item as an ArchiveTweet, or null when it is not a tweet. */
export function tweetFrom(item: unknown, ownId: string, notes: ReadonlyMap<string, string>, names: ReadonlySet<string>): ArchiveTweet | null {
  const t = obj(obj(item)['tweet']);
  const id = str(t['id_str']);
  if (!/^\d{1,25}$/.test(id)) return null;
  const createdAt = Date.parse(str(t['created_at']));
  if (!Number.isFinite(createdAt)) return null;
  const entities = obj(t['entities']);
  let text = str(t['full_text']);
  const long = notes.get(id);
  if (long !== undefined && long.length > text.length) text = long;
  for (const u of list(entities['urls'])) {
    const url = str(obj(u)['url']);
    const expanded = str(obj(u)['expanded_url']);
    if (url && /^https?:\/\//.test(expanded)) text = text.split(url).join(expanded);
  }
  for (const m of [...list(entities['media']), ...list(obj(t['extended_entities'])['media'])]) {
    const url = str(obj(m)['url']);
    if (url) text = text.split(url).join('');
  }
  text = decodeEntities(text).trim();
  const replyTo = str(t['in_reply_to_status_id_str']);
  const replyUser = str(t['in_reply_to_user_id_str']);
  const own = replyTo !== '' && replyUser === ownId;
  const kind: ArchiveTweet['kind'] = str(t['full_text']).startsWith('RT @') ? 'retweet' : replyTo === '' ? 'post' : own ? 'self-reply' : 'reply';
  return { id, text, createdAt, lang: str(t['lang']) || 'und', kind, inReplyToOwnId: own ? replyTo : null, media: mediaOf(t, id, names) };
}

async function readText(entry: FileEntry): Promise<string> {
  if (entry.uncompressedSize > MAX_DATA_CHARS) return '';
  return entry.getData(new TextWriter());
}

const TWEET_FILE = /^data\/tweets?(?:-part\d+)?\.js$/;

export const zipArchiveSource: ArchiveSource = {
  async read(file) {
    const { reader, entries } = await entriesOf(file);
    try {
      const files = entries.filter(isFile);
      const names = new Set(files.map((e) => e.filename));
      const byName = new Map(files.map((e) => [e.filename, e]));
      const accountEntry = byName.get('data/account.js');
      const accountItem = obj(obj(accountEntry ? parseYtd(await readText(accountEntry))[0] : null)['account']);
      const account: ArchiveAccount = {
        accountId: str(accountItem['accountId']),
        username: str(accountItem['username']),
        displayName: str(accountItem['accountDisplayName']),
      };
      const notes = new Map<string, string>();
      const noteEntry = byName.get('data/note-tweet.js');
      for (const item of noteEntry ? parseYtd(await readText(noteEntry)) : []) {
        const note = obj(obj(item)['noteTweet']);
        const core = obj(note['core']);
        const id = str(note['noteTweetId']);
        if (id) notes.set(id, str(core['text']));
      }
      const tweets: ArchiveTweet[] = [];
      const seen = new Set<string>();
      for (const entry of files.filter((e) => TWEET_FILE.test(e.filename))) {
        for (const item of parseYtd(await readText(entry))) {
          const tweet = tweetFrom(item, account.accountId, notes, names);
          if (tweet && !seen.has(tweet.id)) {
            seen.add(tweet.id);
            tweets.push(tweet);
          }
        }
      }
      const followingEntry = byName.get('data/following.js');
      const follows: ArchiveFollow[] = [];
      for (const item of followingEntry ? parseYtd(await readText(followingEntry)) : []) {
        const accountId = str(obj(obj(item)['following'])['accountId']);
        if (/^\d{1,25}$/.test(accountId)) follows.push({ accountId });
      }
      return { account, tweets, follows };
    } finally {
      await reader.close();
    }
  },
  async media(file, name) {
    // The central directory is read once per file: an import asks for thousands of entries.
    if (directory?.file !== file) directory = { file, entries: (await entriesOf(file)).entries.filter(isFile) };
    const entry = directory.entries.find((e) => e.filename === name);
    return entry ? entry.getData(new BlobWriter()) : null;
  },
};

let directory: { file: Blob; entries: FileEntry[] } | null = null;
