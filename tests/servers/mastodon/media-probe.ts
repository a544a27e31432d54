import type { MediaType } from './types';

// What Mastodon learns from an uploaded file before storing it: the real content
// type (it trusts the bytes, not the declared type), the image dimensions, and
// which limit applies. Only image formats are sniffed; for video and audio the
// declared type is trusted, which is enough for tests that upload such files.

export const IMAGE_MIME_TYPES = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/heic',
  'image/heif',
  'image/webp',
  'image/avif',
];
export const OTHER_MIME_TYPES = [
  'video/webm',
  'video/mp4',
  'video/quicktime',
  'video/ogg',
  'audio/wave',
  'audio/wav',
  'audio/x-wav',
  'audio/x-pn-wave',
  'audio/vnd.wave',
  'audio/ogg',
  'audio/vorbis',
  'audio/mpeg',
  'audio/mp3',
  'audio/webm',
  'audio/flac',
  'audio/aac',
  'audio/m4a',
  'audio/x-m4a',
  'audio/mp4',
  'audio/3gpp',
  'video/x-ms-asf',
];
/** MediaAttachment::VIDEO_LIMIT since 4.4 (99 MB); it also bounds audio and gifv. */
export const VIDEO_SIZE_LIMIT = 103_809_024;

export interface Probe {
  mimeType: string;
  type: MediaType;
  width: number | null;
  height: number | null;
}

function startsWith(data: Buffer, bytes: number[], offset = 0): boolean {
  return bytes.every((b, i) => data[offset + i] === b);
}

function ascii(data: Buffer, offset: number, length: number): string {
  return data.subarray(offset, offset + length).toString('latin1');
}

function jpegSize(data: Buffer): [number, number] | null {
  let offset = 2;
  while (offset + 9 < data.length) {
    if (data[offset] !== 0xff) return null;
    const marker = data[offset + 1] ?? 0;
    const length = data.readUInt16BE(offset + 2);
    // SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return [data.readUInt16BE(offset + 7), data.readUInt16BE(offset + 5)];
    }
    offset += 2 + length;
  }
  return null;
}

function webpSize(data: Buffer): [number, number] | null {
  const chunk = ascii(data, 12, 4);
  if (chunk === 'VP8 ' && data.length >= 30) return [data.readUInt16LE(26) & 0x3fff, data.readUInt16LE(28) & 0x3fff];
  if (chunk === 'VP8L' && data.length >= 25) {
    const bits = data.readUInt32LE(21);
    return [(bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1];
  }
  if (chunk === 'VP8X' && data.length >= 30) return [data.readUIntLE(24, 3) + 1, data.readUIntLE(27, 3) + 1];
  return null;
}

/** The image type the bytes show, with dimensions when the header carries them. */
export function sniffImage(data: Buffer): { mimeType: string; size: [number, number] | null } | null {
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) && data.length >= 24) {
    return { mimeType: 'image/png', size: [data.readUInt32BE(16), data.readUInt32BE(20)] };
  }
  if ((ascii(data, 0, 6) === 'GIF87a' || ascii(data, 0, 6) === 'GIF89a') && data.length >= 10) {
    return { mimeType: 'image/gif', size: [data.readUInt16LE(6), data.readUInt16LE(8)] };
  }
  if (startsWith(data, [0xff, 0xd8, 0xff])) return { mimeType: 'image/jpeg', size: jpegSize(data) };
  if (ascii(data, 0, 4) === 'RIFF' && ascii(data, 8, 4) === 'WEBP')
    return { mimeType: 'image/webp', size: webpSize(data) };
  if (ascii(data, 4, 4) === 'ftyp') {
    const brand = ascii(data, 8, 4);
    if (brand === 'avif' || brand === 'avis') return { mimeType: 'image/avif', size: null };
    if (['heic', 'heix', 'heim', 'heis'].includes(brand)) return { mimeType: 'image/heic', size: null };
    if (brand === 'mif1' || brand === 'msf1') return { mimeType: 'image/heif', size: null };
  }
  return null;
}

function mediaTypeOf(mimeType: string): MediaType {
  if (mimeType === 'image/gif') return 'gifv'; // Mastodon transcodes GIFs to looping video
  if (mimeType.startsWith('image/')) return 'image';
  if (mimeType.startsWith('audio/') || mimeType === 'video/x-ms-asf') return 'audio';
  return 'video';
}

/** null when the bytes do not support a type Mastodon accepts. */
export function probe(data: Buffer, declared: string): Probe | null {
  const declaredType = declared.split(';')[0]?.trim().toLowerCase() ?? '';
  const sniffed = sniffImage(data);
  // An "image" whose bytes are no image is what Marcel reports as octet-stream.
  if (!sniffed && declaredType.startsWith('image/')) return null;
  const mimeType = sniffed?.mimeType ?? declaredType;
  if (!IMAGE_MIME_TYPES.includes(mimeType) && !OTHER_MIME_TYPES.includes(mimeType)) return null;
  return {
    mimeType,
    type: mediaTypeOf(mimeType),
    width: sniffed?.size?.[0] ?? null,
    height: sniffed?.size?.[1] ?? null,
  };
}

/** Rails' number_to_human_size, as Paperclip's size validation message uses it. */
export function humanSize(bytes: number): string {
  const units = ['Bytes', 'KB', 'MB', 'GB', 'TB'];
  if (bytes < 1024) return `${bytes} Bytes`;
  const exponent = Math.min(Math.floor(Math.log(bytes) / Math.log(1024)), units.length - 1);
  const value = Number((bytes / 1024 ** exponent).toPrecision(3));
  return `${value} ${units[exponent]}`;
}
