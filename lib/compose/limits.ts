/**
 * What each network accepts in one post, as the composer counts it. The
 * limits themselves live in each network's meta (lib/networks/<network>/meta.ts).
 */
import type { Network } from '../model/draft.ts';
import type { LimitsOf, NetworkTarget } from '../networks/network.ts';

export type { MastodonLimits } from '../networks/network.ts';
export type { BlueskyLimits } from '../networks/network.ts';
export { BLUESKY_LIMITS } from '../networks/bluesky/meta.ts';
export type { NetworkTarget } from '../networks/network.ts';

export type LimitsByNetwork = { [N in Network]: LimitsOf<N> };

export type NetworkLimits = LimitsByNetwork[Network];

/**
 * Pairs a network with limits typed for it. TypeScript cannot narrow a
 * generic parameter through another one, so this is the single place where
 * the pairing is asserted; the signature guarantees it for every caller.
 */
export function networkTarget<N extends Network>(network: N, limits: LimitsByNetwork[N]): NetworkTarget {
  return { network, limits } as NetworkTarget;
}
