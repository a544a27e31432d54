/**
 * The networks Sortie posts to, each with the two record shapes that differ
 * per network: the limits a post must fit and the credentials an account
 * keeps. Adding a network starts with a row here (ARCHITECTURE.md, "Add a
 * network"); the compiler then points at every place that must know it.
 */
import type { BlueskyConnectInput, BlueskyCredentials, BlueskyLimits } from './bluesky/shapes.ts';
import type { MastodonConnectInput, MastodonCredentials, MastodonLimits } from './mastodon/shapes.ts';

export interface NetworkShapes {
  mastodon: { limits: MastodonLimits; credentials: MastodonCredentials; connectInput: MastodonConnectInput };
  bluesky: { limits: BlueskyLimits; credentials: BlueskyCredentials; connectInput: BlueskyConnectInput };
}

export type Network = keyof NetworkShapes;

export type LimitsOf<N extends Network> = NetworkShapes[N]['limits'];
export type CredentialsOf<N extends Network> = NetworkShapes[N]['credentials'];
/** What connecting an account starts from (checked with the server by the network's engine adapter). */
export type ConnectInputOf<N extends Network> = NetworkShapes[N]['connectInput'];

/** A network and its limits, tied together so that narrowing one narrows the other. */
export type NetworkTarget = { [N in Network]: { network: N; limits: LimitsOf<N> } }[Network];

/** An account's id: the same person on the same server is the same account, whatever they reconnect with. */
export function accountId(network: Network, server: string, userId: string): string {
  return `${network}:${server}:${userId}`;
}
