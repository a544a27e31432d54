import { randomBytes } from 'node:crypto';

// Mastodon ids are "snowflakes": milliseconds since the epoch shifted left 16 bits
// plus a sequence, serialised as decimal strings. Clients must treat them as opaque
// strings that sort by creation time, and a test server with small integers would
// hide bugs such as parsing them as JavaScript numbers (they exceed 2^53).
let lastMs = 0;
let sequence = 0;

export function snowflakeId(now: number = Date.now()): string {
  if (now === lastMs) {
    sequence += 1;
  } else {
    lastMs = now;
    sequence = Math.floor(Math.random() * 1000);
  }
  return ((BigInt(now) << 16n) | BigInt(sequence & 0xffff)).toString();
}

/** A 43-character URL-safe secret, the length Doorkeeper gives tokens and client ids. */
export function secretToken(): string {
  return randomBytes(32).toString('base64url');
}
