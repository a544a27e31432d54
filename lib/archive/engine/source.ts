/**
 * The engine's way into a stored X archive, through the archive reader
 * (zip.ts, read.ts): the tweets, the owner and the follows, then each photo
 * on demand. The ZIP is read in place from the Blob IndexedDB keeps (its
 * central directory once, then only the entries asked for), never whole.
 */
import type { ArchiveAccount, ArchiveFollow, ArchiveTweet } from '../model.ts';
import { readArchive } from '../read.ts';
import { openArchiveZip, type ArchiveZip } from '../zip.ts';

export interface ArchiveContents {
  account: ArchiveAccount;
  /** Oldest first. */
  tweets: ArchiveTweet[];
  follows: ArchiveFollow[];
  /** Uncompressed size of an entry, 0 when unknown (the mapping turns large videos into links). */
  sizeOf: (entry: string) => number;
}

export interface ArchiveSource {
  read(file: Blob): Promise<ArchiveContents>;
  /** One file of the archive (at most maxBytes), or null when it is not there or too large. */
  media(file: Blob, entry: string, maxBytes: number): Promise<Blob | null>;
}

/** The one archive open at a time: an import asks for thousands of photos from the same file. */
let open: { file: Blob; zip: Promise<ArchiveZip> } | null = null;

function zipOf(file: Blob): Promise<ArchiveZip> {
  if (open?.file !== file) {
    void open?.zip.then((z) => z.close()).catch(() => undefined);
    open = { file, zip: openArchiveZip(file) };
    open.zip.catch(() => {
      open = null;
    });
  }
  return open.zip;
}

export const zipArchiveSource: ArchiveSource = {
  async read(file) {
    const zip = await zipOf(file);
    const reading = await readArchive(zip);
    return {
      account: reading.account ?? { accountId: '', username: '', displayName: '' },
      tweets: reading.tweets,
      follows: reading.follows,
      sizeOf: (entry) => zip.sizeOf(entry),
    };
  },
  async media(file, entry, maxBytes) {
    const zip = await zipOf(file);
    try {
      return await zip.readBlob(entry, maxBytes);
    } catch {
      return null;
    }
  },
};
