/**
 * The engine's account operations, each through the account's network
 * adapter (the same for every network): connecting, signing out through its
 * `disconnect`, a sent thread's gates through its optional `updateGates`.
 */
import type { Db } from '../../db.ts';
import type { EngineHandlers } from '../../messaging/engine-client.ts';
import { SortieError } from '../../messaging/errors.ts';
import { toPublicAccount } from '../../model/account.ts';
import { engineOf, type NetworkEngines } from '../../networks/engine-registry.ts';
import { notRevoked, type DisconnectResult } from '../disconnect.ts';
import type { AccountConnectResult } from '../messages.ts';
import { deleteAccount, getAccount, putAccount } from '../store.ts';

export interface AccountEngineDeps {
  db: Db;
  /** Every network's adapter (lib/networks/engine-registry.ts). */
  engines: NetworkEngines;
}

export type AccountEngineOp =
  'account.connect' | 'account.updateGates' | 'account.unresolvedMentions' | 'account.disconnect';

export function createAccountEngineHandlers(deps: AccountEngineDeps): Pick<EngineHandlers, AccountEngineOp> {
  return {
    'account.connect': async ({ network, input }): Promise<AccountConnectResult> => {
      // The router checked `input` with this network's schema; the pairing is asserted once, in engineOf.
      const result = await engineOf(deps.engines, network).connect(input);
      if (result.status === 'failed') throw new SortieError(result.messageKey, result.detail);
      if (result.status === 'code-required') return result;
      await putAccount(deps.db, result.account);
      return { status: 'connected', account: toPublicAccount(result.account) };
    },
    'account.updateGates': async ({ accountId: id, postId, interaction }) => {
      const account = await getAccount(deps.db, id);
      if (!account) throw new SortieError('error.accountGone', id);
      const engine = engineOf(deps.engines, account.network);
      // Only networks whose meta says `editableGates` have the method (the outbox asked the meta first).
      if (!engine.updateGates) throw new SortieError('error.gatesNotEditable', postId);
      await engine.updateGates(account, postId, interaction);
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
