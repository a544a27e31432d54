/**
 * Bluesky record keys (TIDs): 13 characters of sortable base32, from a
 * microsecond timestamp and a random clock id. Written here rather than
 * imported so that the service worker does not pull in an atproto package.
 * https://atproto.com/specs/tid
 */
const ALPHABET = '234567abcdefghijklmnopqrstuvwxyz';

let lastMicros = 0;

function encode(value: bigint, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    out = ALPHABET[Number(value & 31n)] + out;
    value >>= 5n;
  }
  return out;
}

export function newTid(nowMs = Date.now(), random = Math.random): string {
  // Strictly increasing even when called twice in the same millisecond.
  let micros = nowMs * 1000 + Math.floor(random() * 1000);
  if (micros <= lastMicros) micros = lastMicros + 1;
  lastMicros = micros;
  const clockId = BigInt(Math.floor(random() * 1024));
  // 1 zero bit + 53 bits of time + 10 bits of clock id = 64 bits.
  const value = (BigInt(micros) << 10n) | clockId;
  return encode(value, 13);
}

export const TID_PATTERN = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;
