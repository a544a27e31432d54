/**
 * The network adapters as this engine runs them: accounts read and written
 * in IndexedDB, images shrunk by the engine's image code, Bluesky sessions
 * resumed once per account.
 */
import { getAccount, putAccount } from '../accounts/store.ts';
import type { Db } from '../db.ts';
import { createNetworkEngines, type NetworkEngines } from '../networks/engine-registry.ts';
import type { BlueskyAgents } from '../networks/bluesky/engine/agents.ts';
import { shrinkTo } from './publish-job.ts';

export function networkEnginesFor(db: Db, agents: BlueskyAgents, now: () => number = Date.now): NetworkEngines {
  return createNetworkEngines({
    now,
    getAccount: (id) => getAccount(db, id),
    saveAccount: (account) => putAccount(db, account),
    shrinkImage: shrinkTo,
    blueskySessions: agents,
  });
}
