/**
 * Which of the user's accounts the follow bridge looks people up with: at
 * most one per network, any network left out. Pure: the page keeps it (in
 * sessionStorage) and draws one select per network from it.
 */
import type { Network } from '../networks/network.ts';
import { NETWORK_IDS, isNetwork } from '../networks/registry.ts';

/** The account chosen on each network; a network absent is not looked up. */
export type AccountChoice = { readonly [N in Network]?: string };

/** The chosen accounts' ids, in the registry's order of networks. */
export function chosenAccountIds(choice: AccountChoice): string[] {
  return NETWORK_IDS.flatMap((network) => {
    const id = choice[network];
    return id === undefined ? [] : [id];
  });
}

/**
 * A choice as the page stored it, or null when it is not one. Unknown
 * networks and values that are not ids are dropped (a `null` id, which an
 * earlier page wrote for "don't look up", reads as the network left out).
 */
export function readStoredChoice(value: unknown): AccountChoice | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const choice: { [N in Network]?: string } = {};
  for (const [network, id] of Object.entries(value)) {
    if (isNetwork(network) && typeof id === 'string') choice[network] = id;
  }
  return choice;
}

interface ChoosableAccount {
  id: string;
  network: Network;
}

/**
 * The choice in force: the one picked on the page while each of its
 * accounts still exists on its network; else, per network, the account the
 * last lookup run used; else, with no run, each network's first account.
 */
export function choiceInForce(
  picked: AccountChoice | null,
  accounts: readonly ChoosableAccount[],
  lastRunAccountIds: readonly string[] | null,
): AccountChoice {
  const exists = (network: Network, id: string): boolean => accounts.some((a) => a.id === id && a.network === network);
  if (picked && NETWORK_IDS.every((n) => picked[n] === undefined || exists(n, picked[n]))) return picked;
  const choice: { [N in Network]?: string } = {};
  for (const network of NETWORK_IDS) {
    const account = accounts.find(
      (a) => a.network === network && (lastRunAccountIds === null || lastRunAccountIds.includes(a.id)),
    );
    if (account) choice[network] = account.id;
  }
  return choice;
}
