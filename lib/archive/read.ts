/**
 * Reading a whole archive: account.js first (whose id tells own threads from
 * replies), then every note-tweet part, then every tweets part one at a time
 * (each part's raw JSON is dropped before the next is read, so memory holds
 * one part plus the compact ArchiveTweets), then following.js.
 */
import type { ArchiveAccount, ArchiveFollow, ArchiveTweet } from './model.ts';
import { indexNotes, noteFromRaw, type Note, type NoteIndex } from './notes.ts';
import { readTweet } from './tweets.ts';
import { checkItems, parseYtd, rawAccountSchema, rawFollowingSchema, rawNoteSchema, rawTweetSchema } from './ytd.ts';
import type { ArchiveZip, DataFile } from './zip.ts';

export interface ArchiveReading {
  account: ArchiveAccount | null;
  /** Oldest first, each X id once. */
  tweets: ArchiveTweet[];
  follows: ArchiveFollow[];
  /** What could not be read, to tell the user. */
  issues: {
    /** Items of the data files that did not have the expected shape. */
    malformed: number;
    /** Media a tweet names that the ZIP does not hold (archives made without media). */
    missingMedia: number;
    /** Data files that could not be read at all. */
    unreadableFiles: string[];
    /** The same tweet id in more than one part: read once. */
    duplicates: number;
  };
  /** Tweets whose whole text came from note-tweet.js. */
  longFromNotes: number;
}

export interface ReadProgress {
  file: string;
  /** Data files read so far, and how many there are. */
  done: number;
  total: number;
}

export async function readArchive(
  zip: ArchiveZip,
  onProgress: (p: ReadProgress) => void = () => undefined,
): Promise<ArchiveReading> {
  const reading: ArchiveReading = {
    account: null,
    tweets: [],
    follows: [],
    issues: { malformed: 0, missingMedia: 0, unreadableFiles: [], duplicates: 0 },
    longFromNotes: 0,
  };
  const order: Record<DataFile['kind'], number> = { account: 0, 'note-tweets': 1, tweets: 2, following: 3 };
  const files = [...zip.dataFiles].sort((a, b) => order[a.kind] - order[b.kind]);
  const notes: NoteIndex = new Map();
  const seen = new Set<string>();
  let done = 0;

  for (const file of files) {
    onProgress({ file: file.path, done, total: files.length });
    let items: unknown[];
    try {
      items = parseYtd(await zip.readText(file.path)).items;
    } catch {
      reading.issues.unreadableFiles.push(file.path);
      done++;
      continue;
    }
    switch (file.kind) {
      case 'account': {
        const { items: accounts, malformed } = checkItems(items, rawAccountSchema);
        reading.issues.malformed += malformed;
        const a = accounts[0]?.account;
        if (a)
          reading.account = {
            accountId: a.accountId,
            username: a.username,
            displayName: a.accountDisplayName ?? a.username,
          };
        break;
      }
      case 'note-tweets': {
        const { items: raw, malformed } = checkItems(items, rawNoteSchema);
        reading.issues.malformed += malformed;
        indexNotes(
          raw.map((r) => noteFromRaw(r.noteTweet)).filter((n): n is Note => n !== null),
          notes,
        );
        break;
      }
      case 'tweets': {
        const ownAccountId = reading.account?.accountId ?? '';
        for (const item of items) {
          let raw;
          try {
            raw = rawTweetSchema(item).tweet;
          } catch {
            reading.issues.malformed++;
            continue;
          }
          if (seen.has(raw.id_str)) {
            reading.issues.duplicates++;
            continue;
          }
          const r = readTweet(raw, { ownAccountId, notes, media: zip.media });
          if (!Number.isFinite(r.tweet.createdAt)) {
            reading.issues.malformed++;
            continue;
          }
          seen.add(raw.id_str);
          reading.tweets.push(r.tweet);
          reading.issues.missingMedia += r.missingMedia;
          if (r.fromNote) reading.longFromNotes++;
        }
        break;
      }
      case 'following': {
        const { items: raw, malformed } = checkItems(items, rawFollowingSchema);
        reading.issues.malformed += malformed;
        for (const f of raw) reading.follows.push({ accountId: f.following.accountId });
        break;
      }
    }
    done++;
  }
  onProgress({ file: '', done, total: files.length });
  reading.tweets.sort((a, b) => a.createdAt - b.createdAt || compareIds(a.id, b.id));
  return reading;
}

/** X ids are decimal strings of up to 19 digits: compare by length, then text. */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
