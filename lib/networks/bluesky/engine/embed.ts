/**
 * What a Bluesky post carries besides text: up to four images (uploaded as
 * blobs, with alt text and aspect ratio), one video, or an external link
 * card.
 *
 * A video goes to the account's own PDS with uploadBlob, like an image, and
 * is embedded as app.bsky.embed.video. Bluesky's app uploads through its
 * video service instead (video.bsky.app, with a service-auth token), which
 * transcodes before the post is shown; that needs another host Sortie does
 * not talk to. The AppView serves a PDS-held mp4 too (see the shared guide).
 */
import type { Agent, BlobRef } from '@atproto/api';
import { toPublishError } from './errors.ts';
import type { LinkCard } from '../../shared/link-card.ts';
import { type ImageToSend, PublishError } from '../../types.ts';
import { BLUESKY_LIMITS } from '../meta.ts';

export type Embed = Record<string, unknown> & { $type: string };

async function uploadBlob(agent: Agent, data: Blob | Uint8Array, mime: string): Promise<BlobRef> {
  try {
    const res = await agent.com.atproto.repo.uploadBlob(data, { encoding: mime });
    return res.data.blob;
  } catch (err) {
    throw toPublishError(err);
  }
}

function aspectRatio(image: ImageToSend): { width: number; height: number } | undefined {
  const width = Math.round(image.width);
  const height = Math.round(image.height);
  return width > 0 && height > 0 ? { width, height } : undefined;
}

/** Uploads the images in order and returns the app.bsky.embed.images embed. Throws PublishError. */
export async function uploadImagesEmbed(agent: Agent, images: ImageToSend[]): Promise<Embed> {
  if (images.length > BLUESKY_LIMITS.maxImages) {
    throw new PublishError(
      'validation',
      'error.bluesky.tooManyImages',
      `${images.length} > ${BLUESKY_LIMITS.maxImages}`,
    );
  }
  const uploaded = [];
  // One at a time: parallel uploads of 2 MB images on a slow link mostly time out together.
  for (const image of images) {
    const blob = await uploadBlob(agent, image.blob, image.mime || image.blob.type);
    const ratio = aspectRatio(image);
    uploaded.push(ratio ? { image: blob, alt: image.alt, aspectRatio: ratio } : { image: blob, alt: image.alt });
  }
  return { $type: 'app.bsky.embed.images', images: uploaded };
}

/** Whether a part's media is a video (a part carries either images or one video). */
export function isVideo(media: Pick<ImageToSend, 'mime'>): boolean {
  return media.mime.startsWith('video/');
}

/** Uploads one mp4 and returns the app.bsky.embed.video embed. Throws PublishError. */
export async function uploadVideoEmbed(agent: Agent, video: ImageToSend): Promise<Embed> {
  const blob = await uploadBlob(agent, video.blob, 'video/mp4');
  const ratio = aspectRatio(video);
  return {
    $type: 'app.bsky.embed.video',
    video: blob,
    ...(video.alt ? { alt: video.alt } : {}),
    ...(ratio ? { aspectRatio: ratio } : {}),
  };
}

/**
 * The app.bsky.embed.external embed for a card. A thumbnail that fails to
 * upload is left out rather than failing the post.
 */
export async function linkCardEmbed(agent: Agent, card: LinkCard): Promise<Embed> {
  const external: Record<string, unknown> = { uri: card.uri, title: card.title, description: card.description };
  if (card.thumb) {
    try {
      external['thumb'] = await uploadBlob(agent, card.thumb.bytes, card.thumb.mime);
    } catch (err) {
      // An expired session fails the record write just after; anything else only costs the picture.
      if (err instanceof PublishError && err.kind === 'auth') throw err;
      console.warn('Sortie: link card picture not uploaded', err);
    }
  }
  return { $type: 'app.bsky.embed.external', external };
}
