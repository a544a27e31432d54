/**
 * The engine's account and network operations. Each is small: the work
 * lives in lib/networks and lib/accounts.
 */
import { toPublicAccount } from '../model/account.ts';
import { deleteAccount, getAccount, putAccount } from '../accounts/store.ts';
import type { Db } from '../db.ts';
import { SortieError } from '../messaging/errors.ts';
import { updateGates } from '../networks/bluesky/engine/gates.ts';
import { notRevoked, type DisconnectResult } from '../accounts/disconnect.ts';
import type { BlueskyAgents } from './bluesky-agents.ts';
import type { BlueskyConnectResult } from '../accounts/messages.ts';
import type { EngineHandlers } from '../messaging/engine-client.ts';
import { engineOf, type NetworkEngines } from '../networks/engine-registry.ts';

export interface EngineDeps {
  db: Db;
  agents: BlueskyAgents;
  /** Every network's adapter (lib/networks/engine-registry.ts). */
  engines: NetworkEngines;
  now: () => number;
}

/** The operations the features declare and answer themselves (lib/outbox/engine, lib/bridge/engine, lib/archive/engine). */
type FeatureEngineOp = 'drain' | 'outbox.enqueue' | 'bridge.match' | 'bridge.follow' | 'bridge.stop' | `archive.${string}`;

/** Sign-in, sign-out and the networks' own lookups. */
export function createEngineHandlers(deps: EngineDeps): Omit<EngineHandlers, FeatureEngineOp> {
  return {
    'bluesky.login': async (args): Promise<BlueskyConnectResult> => {
      const result = await deps.engines.bluesky.connect(args);
      if (result.status === 'failed') throw new SortieError(result.messageKey, result.detail);
      if (result.status === 'code-required') return result;
      await putAccount(deps.db, result.account);
      return { status: 'connected', account: toPublicAccount(result.account) };
    },
    'bluesky.updateGates': async ({ accountId: id, postUri, interaction }) => {
      const account = await getAccount(deps.db, id);
      if (!account || account.network !== 'bluesky') throw new SortieError('error.accountGone', id);
      await updateGates(await deps.agents.get(account), postUri, interaction);
      return null;
    },
    'account.unresolvedMentions': async ({ accountId: id, text }) => {
      const account = await getAccount(deps.db, id);
      if (!account) return [];
      return engineOf(deps.engines, account.network).unresolvedMentions(account, text);
    },
    'account.disconnect': async ({ id }) => {
      const account = await getAccount(deps.db, id);
      // Already gone (another page disconnected it): nothing left here, nothing Sortie can still revoke.
      if (!account) return { revoked: false };
      const engine = engineOf(deps.engines, account.network);
      // The server may be gone for good: forgetting the account locally must still work, and the user is told.
      const revocation = await engine.disconnect(account);
      const result: DisconnectResult = revocation.revoked
        ? { revoked: true, handle: account.handle }
        : notRevoked(account, revocation.reason, revocation.detail);
      engine.forget(id);
      await deleteAccount(deps.db, id);
      return result;
    },
  };
}
