/**
 * One resumed Bluesky agent per account for the engine's lifetime, with
 * every token refresh written back to IndexedDB (so a session is resumed,
 * never re-created: createSession is limited to 300 a day).
 */
import type { AtpAgent } from '@atproto/api';
import type { Account } from '../../../model/account.ts';
import { blueskySessionOf, type BlueskySessions } from './adapter.ts';
import { resumeBluesky, type BlueskySession } from './session.ts';

/** Where the engine keeps accounts (IndexedDB, through the accounts feature's store). */
export interface AgentAccountStore {
  getAccount(id: string): Promise<Account | undefined>;
  putAccount(account: Account): Promise<void>;
  /** Marks an account as needing reconnection (and tells open pages). */
  markReconnect(id: string): Promise<void>;
}

export class BlueskyAgents implements BlueskySessions {
  private readonly agents = new Map<string, Promise<AtpAgent>>();
  private readonly store: AgentAccountStore;

  constructor(store: AgentAccountStore) {
    this.store = store;
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
      await this.store.markReconnect(accountId);
      return;
    }
    const current = await this.store.getAccount(accountId);
    if (!current) return;
    await this.store.putAccount({
      ...current,
      status: 'ok',
      credentials: {
        network: 'bluesky',
        server: session.service,
        did: session.did,
        handle: session.handle,
        accessJwt: session.accessJwt,
        refreshJwt: session.refreshJwt,
      },
    });
  }
}
