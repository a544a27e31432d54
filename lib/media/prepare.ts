/**
 * Images are re-encoded in the browser before they are stored: drawing to a
 * canvas drops every metadata block (EXIF GPS position included), and an
 * image over the size limit is scaled down and re-compressed until it fits.
 * Runs in extension pages (canvas needed), never in the service worker.
 *
 * A PNG (or GIF) stays PNG while it fits, transparency included. One that
 * cannot fit goes out as JPEG, which has no transparency: it is flattened
 * onto white first, since a canvas left blank encodes transparent pixels as
 * black (a logo on a black square, text gone).
 */

export interface PreparedImage {
  blob: Blob;
  mime: string;
  width: number;
  height: number;
}

/** Bluesky's blob limit; Mastodon servers allow more, so one file fits both. */
export const DEFAULT_MAX_BYTES = 2_000_000;
/** Longest side kept when nothing forces a smaller one (what Bluesky's app uses). */
const MAX_SIDE = 4096;

async function encode(
  bitmap: ImageBitmap,
  width: number,
  height: number,
  mime: string,
  quality: number,
): Promise<Blob> {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d canvas');
  if (mime === 'image/jpeg') {
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
  }
  ctx.drawImage(bitmap, 0, 0, width, height);
  return canvas.convertToBlob({ type: mime, quality });
}

export async function prepareImage(file: Blob, maxBytes = DEFAULT_MAX_BYTES): Promise<PreparedImage> {
  const bitmap = await createImageBitmap(file);
  try {
    // PNGs stay PNG (screenshots, transparency) unless they cannot fit; photos go out as JPEG.
    let mime = file.type === 'image/png' || file.type === 'image/gif' ? 'image/png' : 'image/jpeg';
    let scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    let quality = 0.9;
    for (let attempt = 0; attempt < 12; attempt++) {
      const width = Math.max(1, Math.round(bitmap.width * scale));
      const height = Math.max(1, Math.round(bitmap.height * scale));
      const blob = await encode(bitmap, width, height, mime, quality);
      if (blob.size <= maxBytes) return { blob, mime, width, height };
      if (mime === 'image/png') mime = 'image/jpeg';
      else if (quality > 0.7) quality -= 0.1;
      else scale *= Math.sqrt(maxBytes / blob.size) * 0.95;
    }
    throw new Error(`image could not be brought under ${maxBytes} bytes`);
  } finally {
    bitmap.close();
  }
}
