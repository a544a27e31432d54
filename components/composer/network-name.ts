/** A network's name as the composer shows it: the one place the composer spells it. */
import type { Network } from '../../lib/compose/draft.ts';

const NAMES: Record<Network, string> = { mastodon: 'Mastodon', bluesky: 'Bluesky' };

export function networkName(network: Network): string {
  return NAMES[network];
}
