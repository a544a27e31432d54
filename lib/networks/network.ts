/**
 * The networks Sortie posts to, each with the two record shapes that differ
 * per network: the limits a post must fit and the credentials an account
 * keeps. Adding a network starts with a row here (ARCHITECTURE.md, "Add a
 * network"); the compiler then points at every place that must know it.
 */
import type { BlueskyCredentials, BlueskyLimits } from './bluesky/meta.ts';
import type { MastodonCredentials, MastodonLimits } from './mastodon/meta.ts';

export interface NetworkShapes {
  mastodon: { limits: MastodonLimits; credentials: MastodonCredentials };
  bluesky: { limits: BlueskyLimits; credentials: BlueskyCredentials };
}

export type Network = keyof NetworkShapes;

export type LimitsOf<N extends Network> = NetworkShapes[N]['limits'];
export type CredentialsOf<N extends Network> = NetworkShapes[N]['credentials'];

/** A network and its limits, tied together so that narrowing one narrows the other. */
export type NetworkTarget = { [N in Network]: { network: N; limits: LimitsOf<N> } }[Network];
