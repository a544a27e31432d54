/**
 * Every network's engine half, by id. Imported only by engine-side code
 * (lib/engine, the engine entrypoint, tests): the adapters carry masto and
 * @atproto/api, which the service worker must never load. A mapped type over
 * the `Network` union, so a network added to the union and not here does
 * not compile.
 */
import { createBlueskyEngine, type BlueskySessions } from './bluesky/engine/adapter.ts';
import type { BlueskyLookup } from './bluesky/engine/lookup.ts';
import type { AdapterDeps, NetworkEngine } from './engine.ts';
import { createMastodonEngine } from './mastodon/engine/adapter.ts';
import type { MastodonLookup } from './mastodon/engine/lookup.ts';
import type { Network } from './network.ts';

/** Each network's adapter with its own lookup type (the follow bridge's calls differ per network). */
interface EngineByNetwork {
  mastodon: NetworkEngine<'mastodon', MastodonLookup>;
  bluesky: NetworkEngine<'bluesky', BlueskyLookup>;
}

export type NetworkEngines = { readonly [N in Network]: EngineByNetwork[N] };

/** What the follow bridge gets from a network's `lookup`. */
export type LookupOf<N extends Network> = EngineByNetwork[N] extends NetworkEngine<N, infer L> ? L : never;

export interface NetworkEngineDeps extends AdapterDeps {
  /** The engine's resumed Bluesky sessions (lib/networks/bluesky/engine/agents.ts). */
  blueskySessions: BlueskySessions;
}

export function createNetworkEngines(deps: NetworkEngineDeps): NetworkEngines {
  return {
    mastodon: createMastodonEngine(deps),
    bluesky: createBlueskyEngine(deps, deps.blueskySessions),
  };
}

/**
 * One network's adapter, typed for any network. TypeScript cannot follow a
 * network id into the matching connect input through a union, so this is
 * the one place where the pairing is asserted; NetworkEngines guarantees it.
 */
export function engineOf(engines: NetworkEngines, network: Network): NetworkEngine<Network> {
  return engines[network] as NetworkEngine<Network>;
}
