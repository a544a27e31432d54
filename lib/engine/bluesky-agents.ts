/**
 * One resumed Bluesky agent per account for the engine's lifetime, with
 * every token refresh written back to IndexedDB (so a session is resumed,
 * never re-created: createSession is limited to 300 a day).
 */
import type { AtpAgent } from '@atproto/api';
import type { Account } from '../model/account.ts';
import { getAccount, putAccount, setAccountStatus } from '../accounts/store.ts';
import type { Db } from '../db.ts';
import { blueskySessionOf } from '../networks/bluesky/engine/adapter.ts';
import { resumeBluesky, type BlueskySession } from '../networks/bluesky/engine/session.ts';

export class BlueskyAgents {
  private readonly agents = new Map<string, Promise<AtpAgent>>();
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  get(account: Account): Promise<AtpAgent> {
    let agent = this.agents.get(account.id);
    if (!agent) {
      agent = resumeBluesky(blueskySessionOf(account), (session) => this.persist(account.id, session));
      agent.catch(() => this.agents.delete(account.id));
      this.agents.set(account.id, agent);
    }
    return agent;
  }

  forget(accountId: string): void {
    this.agents.delete(accountId);
  }

  private async persist(accountId: string, session: BlueskySession | null): Promise<void> {
    if (!session) {
      this.forget(accountId);
      await setAccountStatus(this.db, accountId, 'reconnect');
      return;
    }
    const current = await getAccount(this.db, accountId);
    if (!current) return;
    await putAccount(this.db, {
      ...current,
      status: 'ok',
      credentials: { network: 'bluesky', server: session.service, did: session.did, handle: session.handle, accessJwt: session.accessJwt, refreshJwt: session.refreshJwt },
    });
  }
}
