/**
 * Which file of the ZIP holds a tweet's photo, video or GIF.
 *
 * X names them `data/tweets_media/<tweetId>-<name>.<ext>` (older archives:
 * `tweet_media/`), where `<name>.<ext>` is the last path segment of the
 * media's URL: `media_url_https` for a photo, the video variant's URL (query
 * left out) for a video or a GIF, whose `media_url_https` is only a
 * thumbnail. Archives made without media ("without media files") have none:
 * the tweet is then imported without them and the preview counts them as
 * missing.
 */
import type { ArchiveMedia } from '../model/import.ts';
import type { RawMedia } from './ytd.ts';

/** ZIP entries of media files, by file name (`<tweetId>-<name>.<ext>`) → entry path. */
export type MediaEntries = Map<string, string>;

const MEDIA_DIR = /(?:^|\/)(?:data\/)?tweets?_media\/([^/]+)$/;

/** The file name if `path` is a tweet media file, else null. */
export function mediaFileName(path: string): string | null {
  return MEDIA_DIR.exec(path)?.[1] ?? null;
}

function lastSegment(url: string): string | null {
  const path = url.split(/[?#]/, 1)[0] ?? '';
  const name = path.slice(path.lastIndexOf('/') + 1);
  return /^[A-Za-z0-9_.-]{1,200}$/.test(name) ? name : null;
}

export function mediaType(type: string | undefined): ArchiveMedia['type'] {
  return type === 'video' || type === 'animated_gif' ? type : 'photo';
}

/** X's `video_info.aspect_ratio` (["16", "9"]) when both are positive whole numbers. */
function aspectRatioOf(item: RawMedia): ArchiveMedia['aspectRatio'] {
  const [w, h] = (item.video_info?.aspect_ratio ?? []).map((n) => (/^\d{1,6}$/.test(n) ? Number(n) : 0));
  return w && h ? { width: w, height: h } : undefined;
}

export interface ResolvedMedia {
  media: ArchiveMedia[];
  /** Media the tweet has but the ZIP does not. */
  missing: number;
}

/** The media of a tweet (from `extended_entities`, else `entities`), each once, mapped to ZIP entries. */
export function resolveMedia(tweetId: string, items: readonly RawMedia[], entries: MediaEntries): ResolvedMedia {
  const media: ArchiveMedia[] = [];
  let missing = 0;
  const seen = new Set<string>();
  for (const item of items) {
    const type = mediaType(item.type);
    const urls = [
      ...(type === 'photo' ? [] : (item.video_info?.variants ?? []).map((v) => v.url)),
      item.media_url_https,
      item.media_url,
    ].filter((u): u is string => typeof u === 'string');
    let entry: string | undefined;
    for (const url of urls) {
      const name = lastSegment(url);
      entry = name === null ? undefined : entries.get(`${tweetId}-${name}`);
      if (entry !== undefined) break;
    }
    if (entry === undefined) {
      missing++;
      continue;
    }
    if (seen.has(entry)) continue;
    seen.add(entry);
    const alt = (item.ext_alt_text ?? '').trim();
    const aspectRatio = type === 'photo' ? undefined : aspectRatioOf(item);
    media.push(aspectRatio ? { entry, type, alt, aspectRatio } : { entry, type, alt });
  }
  return { media, missing };
}
