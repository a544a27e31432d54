/**
 * The media of a chain, read from the ZIP just before its jobs are queued
 * and stored in `media` as the composer stores a draft's images: photos
 * re-encoded (metadata dropped, size fitted), a video or GIF (an mp4 in the
 * archive) stored as it is, for the network adapter to upload as a video.
 * Which videos go as video was decided at planning (map.ts, by size).
 */
import type { DraftImage } from '../../model/draft.ts';
import type { ArchiveMedia, StoredImportRecord } from '../../model/import.ts';
import { failure, type ImportRunnerDeps } from './deps.ts';

/** Largest photo read from the ZIP; it is then re-encoded to fit the network. */
const MAX_PHOTO_BYTES = 50 * 1024 * 1024;

/** Largest video read from the ZIP (app.bsky.embed.video's lexicon maximum); the plan kept only those that fit. */
const MAX_VIDEO_BYTES = 300_000_000;

const VIDEO_MIME = 'video/mp4';

export function mediaIdOf(recordId: string, part: number, index: number): string {
  return `${recordId}:${part}:${index}`;
}

type MediaDeps = Pick<ImportRunnerDeps, 'db' | 'now' | 'source' | 'prepareImage'>;

/** One file made ready to post, or why not (the record keeps the reason; the post goes without it). */
async function prepare(
  deps: MediaDeps,
  file: Blob,
  media: ArchiveMedia,
): Promise<{ blob: Blob; mime: string; width: number; height: number } | StoredImportRecord['error']> {
  const video = media.type !== 'photo';
  const raw = await deps.source.media(file, media.entry, video ? MAX_VIDEO_BYTES : MAX_PHOTO_BYTES);
  if (!raw) return { messageKey: 'error.archive.mediaMissing', detail: media.entry };
  if (video) {
    const ratio = media.aspectRatio ?? { width: 0, height: 0 };
    return { blob: new Blob([raw], { type: VIDEO_MIME }), mime: VIDEO_MIME, ...ratio };
  }
  try {
    return await deps.prepareImage(raw);
  } catch (error) {
    return { messageKey: 'error.archive.mediaUnreadable', detail: `${media.entry}: ${failure(error).detail}` };
  }
}

/** The chain's media by `${recordId}:${part}`, stored; a file missing or unreadable is noted on its record. */
export async function storeChainMedia(
  deps: MediaDeps,
  file: Blob,
  chain: StoredImportRecord[],
): Promise<Map<string, DraftImage[]>> {
  const images = new Map<string, DraftImage[]>();
  for (const record of chain) {
    for (const [p, part] of record.parts.entries()) {
      const out: DraftImage[] = [];
      for (const [i, media] of part.media.entries()) {
        const id = mediaIdOf(record.id, p, i);
        const prepared = await prepare(deps, file, media);
        if (prepared === null || 'messageKey' in prepared) {
          record.error = prepared;
          continue;
        }
        await deps.db.put('media', { id, blob: prepared.blob, mime: prepared.mime, createdAt: deps.now() });
        out.push({
          mediaId: id,
          alt: media.alt,
          mime: prepared.mime,
          width: prepared.width,
          height: prepared.height,
          size: prepared.blob.size,
        });
      }
      images.set(`${record.id}:${p}`, out);
    }
  }
  return images;
}
