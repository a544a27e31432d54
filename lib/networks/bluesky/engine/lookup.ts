/**
 * Bluesky lookups for the follow bridge (the adapter's `lookup`), through the user's own PDS.
 *
 * With an AppView behind the PDS (bsky.social and most hosts), profiles come
 * from `app.bsky.actor.getProfile` (labels included: moderation labels such
 * as `impersonation`) and `searchActors` finds people by name. A PDS without
 * one answers those with an error; then a profile is what it is on the
 * protocol level: `com.atproto.identity.resolveHandle`, then the
 * `app.bsky.actor.profile/self` record from the repository (its labels are
 * the self-labels), and there is no search: only explicit handles and
 * same-handle guesses on the PDS's own domains can be checked.
 */
import { XRPCError, type AtpAgent } from '@atproto/api';
import type { FoundProfile } from '../../../model/bridge.ts';
import { urlsInText } from '../../../text/profile-text.ts';
import { PublishError } from '../../types.ts';
import { DEFAULT_HANDLE_SUFFIXES } from '../meta.ts';
import { toPublishError } from './errors.ts';

export interface BlueskyLookup {
  /** Handle suffixes that always mean Bluesky: `.bsky.social` and the PDS's own domains. */
  handleSuffixes: () => Promise<string[]>;
  /** The PDS's own handle domains, where a same-handle guess can be checked. */
  ownDomains: () => Promise<string[]>;
  byHandle: (handle: string) => Promise<FoundProfile | null>;
  byDid: (did: string) => Promise<FoundProfile | null>;
  /** Null when this server has no search (no AppView). */
  search: (term: string) => Promise<FoundProfile[] | null>;
  followedDids: () => Promise<Set<string>>;
  follow: (did: string) => Promise<void>;
  /** Known after the first profile call: whether an AppView answers. */
  hasAppView: () => boolean | null;
}

interface ProfileLike {
  did: string;
  handle: string;
  displayName?: string;
  description?: string;
  avatar?: string;
  createdAt?: string;
  labels?: Array<{ val: string; neg?: boolean }>;
}

/** The PDS cannot reach an AppView (none configured, or it is down): fall back to the protocol level. */
function isAppViewMissing(error: unknown): boolean {
  return (
    error instanceof XRPCError &&
    (error.status >= 500 || error.error === 'MethodNotImplemented' || error.error === 'XRPCNotSupported')
  );
}

/** "No such account" in any of its wordings: a plain 400 from XRPC. */
function isNotFound(error: unknown): boolean {
  return error instanceof XRPCError && error.status === 400;
}

function fromView(view: ProfileLike): FoundProfile | null {
  if (view.handle === 'handle.invalid') return null;
  const bio = view.description ?? '';
  return {
    network: 'bluesky',
    id: view.did,
    handle: view.handle.toLowerCase(),
    displayName: view.displayName ?? '',
    bio,
    links: urlsInText(bio),
    verifiedLinks: [],
    labels: (view.labels ?? []).filter((l) => !l.neg).map((l) => l.val),
    url: `https://bsky.app/profile/${view.handle.toLowerCase()}`,
    avatar: typeof view.avatar === 'string' ? view.avatar : null,
    createdAt: typeof view.createdAt === 'string' ? view.createdAt : null,
  };
}

interface ProfileRecord {
  displayName?: string;
  description?: string;
  createdAt?: string;
  labels?: { values?: Array<{ val?: unknown }> };
}

export function blueskyLookup(agent: AtpAgent): BlueskyLookup {
  let appView: boolean | null = null;
  let domains: Promise<string[]> | null = null;

  async function call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toPublishError(error);
    }
  }

  async function fromRecord(did: string, handle: string): Promise<FoundProfile | null> {
    let record: ProfileRecord = {};
    try {
      const res = await agent.com.atproto.repo.getRecord({
        repo: did,
        collection: 'app.bsky.actor.profile',
        rkey: 'self',
      });
      record = res.data.value as ProfileRecord;
    } catch (error) {
      // No profile record yet, or a repository this PDS does not host: the account still exists.
      if (!isNotFound(error)) throw toPublishError(error);
    }
    const labels = (record.labels?.values ?? []).map((v) => v.val).filter((v): v is string => typeof v === 'string');
    return fromView({
      did,
      handle,
      displayName: record.displayName,
      description: record.description,
      createdAt: typeof record.createdAt === 'string' ? record.createdAt : undefined,
      labels: labels.map((val) => ({ val })),
    });
  }

  async function viaAppView(actor: string): Promise<FoundProfile | null | 'missing'> {
    if (appView === false) return 'missing';
    try {
      const res = await agent.app.bsky.actor.getProfile({ actor });
      appView = true;
      return fromView(res.data);
    } catch (error) {
      if (isAppViewMissing(error) && appView !== true) {
        appView = false;
        return 'missing';
      }
      if (isNotFound(error)) return null;
      throw toPublishError(error);
    }
  }

  return {
    async ownDomains() {
      domains ??= call(() => agent.com.atproto.server.describeServer()).then((r) =>
        r.data.availableUserDomains.map((d) => (d.startsWith('.') ? d : `.${d}`).toLowerCase()),
      );
      return domains;
    },
    async handleSuffixes() {
      return [...new Set([...DEFAULT_HANDLE_SUFFIXES, ...(await this.ownDomains())])];
    },
    async byHandle(handle) {
      const viewed = await viaAppView(handle);
      if (viewed !== 'missing') return viewed;
      let did: string;
      try {
        did = (await agent.com.atproto.identity.resolveHandle({ handle })).data.did;
      } catch (error) {
        if (isNotFound(error)) return null;
        throw toPublishError(error);
      }
      return fromRecord(did, handle);
    },
    async byDid(did) {
      const viewed = await viaAppView(did);
      if (viewed !== 'missing') return viewed;
      try {
        const repo = await agent.com.atproto.repo.describeRepo({ repo: did });
        return repo.data.handleIsCorrect ? fromRecord(did, repo.data.handle) : null;
      } catch (error) {
        if (isNotFound(error)) return null;
        throw toPublishError(error);
      }
    },
    async search(term) {
      if (appView === false || !term.trim()) return appView === false ? null : [];
      try {
        const res = await agent.app.bsky.actor.searchActors({ q: term, limit: 10 });
        appView = true;
        return res.data.actors.map(fromView).filter((p): p is FoundProfile => p !== null);
      } catch (error) {
        if (isAppViewMissing(error) && appView !== true) {
          appView = false;
          return null;
        }
        throw toPublishError(error);
      }
    },
    async followedDids() {
      const did = agent.did;
      if (!did) throw new PublishError('auth', 'error.bluesky.auth', 'no session');
      const out = new Set<string>();
      let cursor: string | undefined;
      // Each page is one request; 200 pages cover 20,000 follows.
      for (let page = 0; page < 200; page++) {
        const res = await call(() =>
          agent.com.atproto.repo.listRecords({ repo: did, collection: 'app.bsky.graph.follow', limit: 100, cursor }),
        );
        for (const r of res.data.records) {
          const subject = (r.value as { subject?: unknown }).subject;
          if (typeof subject === 'string') out.add(subject);
        }
        cursor = res.data.cursor;
        if (!cursor || res.data.records.length === 0) break;
      }
      return out;
    },
    async follow(subject) {
      const did = agent.did;
      if (!did) throw new PublishError('auth', 'error.bluesky.auth', 'no session');
      await call(() =>
        agent.com.atproto.repo.createRecord({
          repo: did,
          collection: 'app.bsky.graph.follow',
          record: { $type: 'app.bsky.graph.follow', subject, createdAt: new Date().toISOString() },
        }),
      );
    },
    hasAppView: () => appView,
  };
}
