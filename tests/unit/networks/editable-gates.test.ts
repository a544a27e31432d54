/**
 * A sent thread's gates are changed through the engine's one
 * `account.updateGates`, which hands them to the account's network adapter:
 * the adapter has `updateGates` exactly where its meta says
 * `capabilities.editableGates`, and an account elsewhere is refused before
 * anything reaches a server.
 */
import type { AtpAgent } from '@atproto/api';
import { describe, expect, it } from 'vitest';
import { createAccountEngineHandlers } from '../../../lib/accounts/engine/handlers.ts';
import { putAccount } from '../../../lib/accounts/store.ts';
import { openSortieDb } from '../../../lib/db.ts';
import { SortieError } from '../../../lib/messaging/errors.ts';
import type { Account } from '../../../lib/model/account.ts';
import { createNetworkEngines } from '../../../lib/networks/engine-registry.ts';
import { NETWORK_IDS, NETWORKS } from '../../../lib/networks/registry.ts';
import { testAccount } from '../support/accounts.ts';

/** Stops at the session: which account the Bluesky adapter asked a session for, and no request made. */
class SessionAsked extends Error {
  constructor(readonly account: Account) {
    super('session asked');
  }
}

function engines() {
  return createNetworkEngines({
    now: () => 0,
    getAccount: async () => undefined,
    saveAccount: async () => undefined,
    shrinkImage: async (image) => image,
    blueskySessions: {
      get: (account): Promise<AtpAgent> => Promise.reject(new SessionAsked(account)),
      forget: () => undefined,
    },
  });
}

const INTERACTION = { reply: 'nobody', allowQuotes: false } as const;

describe('editable gates', () => {
  it.each(NETWORK_IDS)('%s: the adapter can change gates exactly when the meta says so', (network) => {
    expect(typeof engines()[network].updateGates === 'function').toBe(NETWORKS[network].capabilities.editableGates);
  });

  it.each(NETWORK_IDS)('%s: account.updateGates goes to the adapter or is refused', async (network) => {
    const db = await openSortieDb();
    const account = testAccount(`${network}-1`, network);
    await putAccount(db, account);
    const handlers = createAccountEngineHandlers({ db, engines: engines() });
    const call = handlers['account.updateGates']({ accountId: account.id, postId: 'post-1', interaction: INTERACTION });
    if (NETWORKS[network].capabilities.editableGates) {
      const error = await call.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SessionAsked);
      expect((error as SessionAsked).account.id).toBe(account.id);
    } else {
      await expect(call).rejects.toSatisfy(
        (e) => e instanceof SortieError && e.messageKey === 'error.gatesNotEditable',
      );
    }
  });

  it('refuses an account that is gone', async () => {
    const handlers = createAccountEngineHandlers({ db: await openSortieDb(), engines: engines() });
    await expect(
      handlers['account.updateGates']({ accountId: 'gone', postId: 'post-1', interaction: INTERACTION }),
    ).rejects.toSatisfy((e) => e instanceof SortieError && e.messageKey === 'error.accountGone');
  });
});
