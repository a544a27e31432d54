/**
 * Uploading a part's images. `POST /api/v2/media` answers 200 when the file
 * is ready and 202 while the server still processes it; `GET
 * /api/v1/media/:id` then answers 206 until it is done. A status can only
 * attach processed media, so we wait, with backoff and a total time limit.
 */
import { MastoHttpError, type mastodon } from 'masto';
import type { ImageToSend } from '../../types.ts';
import { PublishError } from '../../types.ts';

export interface MediaWaitOptions {
  /** Total time allowed for processing, across all images of the part. */
  timeoutMs: number;
  /** First pause before asking again; doubles each time up to `maxIntervalMs`. */
  initialIntervalMs: number;
  maxIntervalMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_MEDIA_WAIT: MediaWaitOptions = {
  timeoutMs: 120_000,
  initialIntervalMs: 500,
  maxIntervalMs: 5_000,
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/heic': 'heic',
  // An imported X video or GIF (X keeps both as mp4).
  'video/mp4': 'mp4',
};

/**
 * Uploads one after the other (Mastodon rate-limits uploads, and the order of
 * the returned ids is the order shown), then waits for all of them together.
 */
export async function uploadImages(
  client: mastodon.rest.Client,
  images: readonly ImageToSend[],
  options: MediaWaitOptions = DEFAULT_MEDIA_WAIT,
): Promise<string[]> {
  const uploaded: mastodon.v1.MediaAttachment[] = [];
  for (const image of images) uploaded.push(await uploadOne(client, image));
  const deadline = options.now() + options.timeoutMs;
  await Promise.all(uploaded.map((media) => waitUntilProcessed(client, media, deadline, options)));
  return uploaded.map((media) => media.id);
}

async function uploadOne(client: mastodon.rest.Client, image: ImageToSend): Promise<mastodon.v1.MediaAttachment> {
  const type = image.blob.type || image.mime;
  // A named file with the right type: some servers check the extension, not only the bytes.
  const file = new File([image.blob], `image.${EXTENSIONS[type] ?? 'bin'}`, { type });
  return client.v2.media.create({
    file,
    ...(image.alt ? { description: image.alt } : {}),
    ...(image.focus ? { focus: focusParam(image.focus) } : {}),
    // We poll ourselves, with backoff and one deadline for the whole part.
    skipPolling: true,
  });
}

/** Mastodon's focal point: "x,y", each clamped to -1..1. */
export function focusParam(focus: { x: number; y: number }): string {
  const clamp = (n: number): number => Math.max(-1, Math.min(1, Number.isFinite(n) ? n : 0));
  return `${clamp(focus.x)},${clamp(focus.y)}`;
}

async function waitUntilProcessed(
  client: mastodon.rest.Client,
  media: mastodon.v1.MediaAttachment,
  deadline: number,
  options: MediaWaitOptions,
): Promise<void> {
  // A null url means "still processing" both in the 202 and in each 206 answer.
  if (media.url) return;
  let interval = options.initialIntervalMs;
  for (;;) {
    if (options.now() + interval > deadline) {
      throw new PublishError('transient', 'error.mastodon.mediaTimeout', media.id);
    }
    await options.sleep(interval);
    if (await isProcessed(client, media.id)) return;
    interval = Math.min(interval * 2, options.maxIntervalMs);
  }
}

async function isProcessed(client: mastodon.rest.Client, id: string): Promise<boolean> {
  try {
    const current = await client.v1.media.$select(id).fetch();
    return Boolean(current.url);
  } catch (error) {
    // Some servers answer 404 for a moment right after a 202 (masto tolerates it too);
    // the deadline still bounds how long we accept that.
    if (error instanceof MastoHttpError && error.statusCode === 404) return false;
    throw error;
  }
}
