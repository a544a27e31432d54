/**
 * What an image really is, from its first bytes: a server's Content-Type
 * (or a Blob's type) is the server's claim, not a fact. Only the four raster
 * formats every network accepts pass; SVG (a document that can carry script
 * and fetch other resources) and everything else do not.
 */

export type RasterMime = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  return bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);
}

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/** The raster format `bytes` start with, or null. */
export function sniffRaster(bytes: Uint8Array): RasterMime | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}
