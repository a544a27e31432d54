/** The accounts' operations on the engine's channel (assembled in lib/engine/protocol.ts): sign in, sign out, the networks' lookups. */
import { op } from '../../messaging/spec.ts';
import { interactionSchema } from '../../model/post-schema.ts';
import type { ConnectInputOf, Network } from '../../networks/network.ts';
import { NETWORKS, networkSchema } from '../../networks/registry.ts';
import * as v from '../../validate.ts';
import type { DisconnectResult } from '../disconnect.ts';
import type { AccountConnectResult } from '../messages.ts';

/** A network and what connecting to it starts from, tied together so that narrowing one narrows the other. */
export type AccountConnectArgs = { [N in Network]: { network: N; input: ConnectInputOf<N> } }[Network];

/** The network first, then its input checked by that network's own schema (`connectInputSchema` in its meta). */
const accountConnectArgs: v.Schema<AccountConnectArgs> = (value, path = '') => {
  const { network } = v.object({ network: networkSchema })(value, path);
  const input: unknown = (value as { input?: unknown }).input;
  return {
    network,
    input: NETWORKS[network].connectInputSchema(input, path ? `${path}.input` : 'input'),
  } as AccountConnectArgs;
};

export const ACCOUNTS_ENGINE_MESSAGES = {
  /** Check what the user gave (an app password, a token from the browser's sign-in window) with the server and store the account. */
  'account.connect': op<AccountConnectResult>()(accountConnectArgs),
  /** Change who may reply/quote on an already published thread, on networks whose gates are editable (Bluesky's threadgate/postgate). */
  'account.updateGates': op<null>()(
    v.object({
      accountId: v.string({ max: 500 }),
      /** The thread's first post, as its PostRef id. */
      postId: v.string({ min: 1, max: 1_000 }),
      interaction: interactionSchema,
    }),
  ),
  /** Mentions in a text that resolve to no account on the account's network (looked up through the user's own server or PDS), to flag before posting. */
  'account.unresolvedMentions': op<string[]>()(
    v.object({ accountId: v.string({ max: 500 }), text: v.string({ max: 50_000 }) }),
  ),
  /** Revoke the token / delete the session on the server, then forget the account (and say whether the server revoked it). */
  'account.disconnect': op<DisconnectResult>()(v.object({ id: v.string({ max: 500 }) })),
};
