/**
 * Every network's light half, by id. Safe for the service worker: no
 * network client is imported from here (those are in engine-registry.ts).
 * A `Record` over the `Network` union, so a network added to the union and
 * not here does not compile.
 */
import * as v from '../validate.ts';
import { blueskyMeta } from './bluesky/meta.ts';
import { mastodonMeta } from './mastodon/meta.ts';
import type { AccountFacts, CredentialsSource, NetworkMeta } from './meta.ts';
import type { CredentialsOf, Network, NetworkTarget } from './network.ts';

export const NETWORKS: { readonly [N in Network]: NetworkMeta<N> } = {
  mastodon: mastodonMeta,
  bluesky: blueskyMeta,
};

/** The ids in a stable order (menus, per-network loops). */
export const NETWORK_IDS = Object.keys(NETWORKS) as Network[];

/**
 * One network's meta, typed for any network. TypeScript cannot follow a
 * network id into the matching credentials type through a union, so this is
 * the one place where the pairing is asserted; NETWORKS' type guarantees it.
 */
export type MetaOfAny = NetworkMeta<Network>;

function metaOf(network: Network): MetaOfAny {
  return NETWORKS[network] as MetaOfAny;
}

export function networkLabel(network: Network): string {
  return NETWORKS[network].label;
}

export function isNetwork(value: unknown): value is Network {
  return typeof value === 'string' && Object.hasOwn(NETWORKS, value);
}

/** The network and limits a post to this account must fit (the composer and the outbox both use it). */
export function targetFor(account: { network: Network } & Pick<AccountFacts, 'serverInfo'>): NetworkTarget {
  return { network: account.network, limits: metaOf(account.network).limitsFor(account) } as NetworkTarget;
}

export function hasSession(credentials: CredentialsOf<Network>): boolean {
  return metaOf(credentials.network).hasSession(credentials);
}

export function emptyCredentials(account: CredentialsSource & { network: Network }): CredentialsOf<Network> {
  return metaOf(account.network).emptyCredentials(account);
}

export function appsPageOf(account: AccountFacts & { network: Network }): string {
  return NETWORKS[account.network].appsPageFor(account);
}

/** A network id crossing a trust boundary (a message, a backup file). */
export const networkSchema: v.Schema<Network> = (value, path = '') => {
  if (!isNetwork(value)) throw new v.ValidationError(path, `one of ${NETWORK_IDS.join(', ')}`);
  return value;
};

/** One optional value per network (a draft's per-network text), unknown networks dropped. */
export function perNetworkSchema<T>(inner: v.Schema<T>): v.Schema<Partial<Record<Network, T>>> {
  return v.object(Object.fromEntries(NETWORK_IDS.map((n) => [n, v.optional(inner)]))) as v.Schema<
    Partial<Record<Network, T>>
  >;
}
