/**
 * Mentions that match no account, per network, checked through the user's
 * own session (the background asks the engine: Bluesky resolves handles,
 * Mastodon looks accounts up on the user's server) a moment after typing
 * stops, so the user sees them before posting instead of finding plain text
 * later.
 */
import { useEffect, useState } from 'preact/hooks';
import type { PublicAccount } from '../../lib/model/account.ts';
import { textFor } from '../../lib/compose/adapt.ts';
import type { Draft, Network } from '../../lib/model/draft.ts';
import { mayMention } from '../../lib/compose/tokens.ts';
import { send } from '../../lib/messaging/client.ts';
import { NETWORK_IDS } from '../../lib/networks/registry.ts';

export type UnresolvedMentions = Record<Network, string[]>;
const DEBOUNCE_MS = 600;
const NONE: string[] = [];

function useUnresolvedFor(network: Network, draft: Draft | null, accounts: PublicAccount[] | null): string[] {
  const [unresolved, setUnresolved] = useState<string[]>(NONE);
  const account = accounts?.find((a) => a.network === network && a.status === 'ok' && draft?.targets.includes(a.id));
  const text = draft ? textFor(draft, network) : '';

  useEffect(() => {
    // Only texts with something that looks like a mention are worth a round trip.
    if (!account || !mayMention(text, network)) {
      setUnresolved(NONE);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      send('compose.unresolvedMentions', { accountId: account.id, text }).then(
        (handles) => current && setUnresolved(handles),
        // Offline or the server is down: say nothing rather than cry wolf.
        () => current && setUnresolved(NONE),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [account?.id, text]);

  return unresolved;
}

export function useUnresolvedMentions(draft: Draft | null, accounts: PublicAccount[] | null): UnresolvedMentions {
  // The same networks in the same order on every render, so the hooks' order holds.
  const lists = NETWORK_IDS.map((network) => useUnresolvedFor(network, draft, accounts));
  return Object.fromEntries(NETWORK_IDS.map((network, i) => [network, lists[i]!])) as UnresolvedMentions;
}
