/**
 * An X archive ZIP read in place: zip.js reads the central directory from
 * the end of the File (a Blob: the browser hands over slices, the archive,
 * often several GB, is never loaded whole) and each entry only when asked.
 *
 * No web worker and no WebAssembly fetched from anywhere: the native build
 * of zip.js inflates with the browser's own DecompressionStream, on the
 * page's thread, one entry at a time.
 */
import { BlobReader, ZipReader, configure, type FileEntry } from '@zip.js/zip.js/index-native.js';
import { mediaFileName, type MediaEntries } from './media.ts';
import { dataFileKind, type DataFileKind } from './ytd.ts';

/** Larger data files are refused: V8 cannot hold a string past ~512 M characters, and none of X's parts come close. */
export const MAX_DATA_FILE_BYTES = 256 * 1024 * 1024;

export interface DataFile {
  path: string;
  kind: DataFileKind;
  size: number;
}

export interface ArchiveZip {
  /** `data/*.js` files Sortie reads, tweets parts in name order (part1, part2…). */
  dataFiles: DataFile[];
  /** Media files by file name (`<tweetId>-<name>.<ext>`) → entry path. */
  media: MediaEntries;
  /** Uncompressed size of an entry, 0 when unknown. */
  sizeOf(path: string): number;
  readText(path: string): Promise<string>;
  readBlob(path: string, maxBytes: number, mime?: string): Promise<Blob>;
  close(): Promise<void>;
}

export class ArchiveZipError extends Error {
  override readonly name = 'ArchiveZipError';
  readonly code: 'not-a-zip' | 'no-tweets' | 'too-large' | 'missing-entry';
  constructor(code: ArchiveZipError['code'], message: string) {
    super(message);
    this.code = code;
  }
}

let configured = false;
function configureOnce(): void {
  if (configured) return;
  configure({ useWebWorkers: false, useCompressionStream: true });
  configured = true;
}

/**
 * `data/` may sit under one top folder when the user unpacked and zipped the
 * archive again: the folder that holds `data/account.js` or a tweets file
 * is taken as the archive's root.
 */
function rootOf(paths: readonly string[]): string | null {
  for (const p of paths) {
    const m = /^(.*?)data\/(?:account|tweets?(?:-part\d+)?)\.js$/.exec(p);
    if (m) return m[1] ?? '';
  }
  return null;
}

function partOrder(path: string): number {
  const m = /-part(\d+)\.js$/.exec(path);
  return m ? Number(m[1]) : 0;
}

/**
 * An entry's data through a stream that stops at `max` bytes, whatever its
 * header declared (a crafted ZIP can claim a small size and inflate to
 * gigabytes).
 */
async function readBounded(entry: FileEntry, max: number, onChunk: (chunk: Uint8Array) => void): Promise<void> {
  let bytes = 0;
  await entry.getData(
    new WritableStream<Uint8Array>({
      write(chunk) {
        bytes += chunk.length;
        if (bytes > max) throw new ArchiveZipError('too-large', `${entry.filename} is larger than ${max} bytes`);
        onChunk(chunk);
      },
    }),
  );
}

export interface OpenOptions {
  /** Largest data file read, in bytes (MAX_DATA_FILE_BYTES unless a test says less). */
  maxDataFileBytes?: number;
}

export async function openArchiveZip(file: Blob, options: OpenOptions = {}): Promise<ArchiveZip> {
  const maxData = options.maxDataFileBytes ?? MAX_DATA_FILE_BYTES;
  configureOnce();
  const reader = new ZipReader(new BlobReader(file));
  let files: FileEntry[];
  try {
    files = (await reader.getEntries()).filter((e): e is FileEntry => !e.directory);
  } catch {
    await reader.close().catch(() => undefined);
    throw new ArchiveZipError('not-a-zip', 'not a readable ZIP file');
  }
  const byPath = new Map(files.map((e) => [e.filename, e]));
  const root = rootOf([...byPath.keys()]);
  if (root === null) {
    await reader.close();
    throw new ArchiveZipError('no-tweets', 'no data/tweets.js or data/account.js in this ZIP');
  }
  const dataFiles: DataFile[] = [];
  const media: MediaEntries = new Map();
  for (const entry of files) {
    const path = entry.filename;
    if (!path.startsWith(root)) continue;
    const inside = path.slice(root.length);
    const dataName = /^data\/([^/]+)$/.exec(inside)?.[1];
    const kind = dataName === undefined ? null : dataFileKind(dataName);
    if (kind) {
      dataFiles.push({ path, kind, size: entry.uncompressedSize });
      continue;
    }
    const name = mediaFileName(inside);
    if (name !== null && !media.has(name)) media.set(name, path);
  }
  dataFiles.sort(
    (a, b) => a.kind.localeCompare(b.kind) || partOrder(a.path) - partOrder(b.path) || a.path.localeCompare(b.path),
  );

  const entry = (path: string): FileEntry => {
    const e = byPath.get(path);
    if (!e) throw new ArchiveZipError('missing-entry', `no entry ${path}`);
    return e;
  };
  return {
    dataFiles,
    media,
    sizeOf: (path) => byPath.get(path)?.uncompressedSize ?? 0,
    async readText(path) {
      const e = entry(path);
      if (e.uncompressedSize > maxData) throw new ArchiveZipError('too-large', `${path} is too large`);
      const decoder = new TextDecoder();
      const parts: string[] = [];
      await readBounded(e, maxData, (chunk) => parts.push(decoder.decode(chunk, { stream: true })));
      parts.push(decoder.decode());
      return parts.join('');
    },
    async readBlob(path, maxBytes, mime) {
      const e = entry(path);
      if (e.uncompressedSize > maxBytes) throw new ArchiveZipError('too-large', `${path} is too large`);
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      // Each chunk is copied: the stream may reuse its buffer.
      await readBounded(e, maxBytes, (chunk) => chunks.push(new Uint8Array(chunk)));
      return new Blob(chunks, mime === undefined ? {} : { type: mime });
    },
    close: () => reader.close(),
  };
}
