/**
 * Base64 and UTF-8 for the backup file. Written out rather than taken from
 * Uint8Array.toBase64, which Node 24 and older browsers lack; btoa over
 * chunks keeps a 20 MB image set from blowing the call stack.
 */

const CHUNK = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Throws on anything that is not canonical base64, so a damaged file is caught here, not later. */
export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  if (text.length % 4 !== 0 || !BASE64.test(text)) throw new Error('not base64');
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text);
}

export function fromUtf8(bytes: ArrayBuffer | Uint8Array): string {
  // fatal: bytes that are not UTF-8 mean the data is not what we wrote.
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}
