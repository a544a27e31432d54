/**
 * A new job's idempotency key, made the way its network's scheme says
 * (lib/networks/<network>/meta.ts `keyScheme`). Runs where posts are queued
 * (the engine), so the service worker never carries the generators.
 */
import { assertNever } from '../assert-never.ts';
import type { KeyScheme } from '../networks/meta.ts';
import type { Network } from '../networks/network.ts';
import { NETWORKS } from '../networks/registry.ts';
import { newTid } from '../tid.ts';

export function newKeyFor(scheme: KeyScheme): string {
  switch (scheme) {
    case 'tid':
      return newTid();
    case 'uuid':
      return crypto.randomUUID();
    default:
      return assertNever(scheme, 'key scheme');
  }
}

export function newIdempotencyKey(network: Network): string {
  return newKeyFor(NETWORKS[network].keyScheme);
}
