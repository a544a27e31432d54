/**
 * Mastodon lookups for the follow bridge (the adapter's `lookup`), on the user's own server: an
 * address through `accounts/lookup`, then `search?resolve=true` (the server
 * asks the other server over WebFinger); a profile URL through search with
 * resolve; people by name through a plain search (accounts the server
 * already knows). Follows and "already followed" come from the same server.
 */
import { MastoHttpError, type mastodon } from 'masto';
import type { FollowState, FoundProfile } from '../../../model/bridge.ts';
import { hrefsIn, htmlToText, normalizeUrl } from '../../../text/profile-text.ts';
import { PublishError } from '../../types.ts';
import { fullAcct } from '../acct.ts';
import { createMastodonClient, type MastodonSession } from './client.ts';
import { classifyMastodonError } from './errors.ts';
import { followMastodonAccount, relationships, sameAcct } from './follow.ts';

export interface MastodonLookup {
  byAcct: (acct: string) => Promise<FoundProfile | null>;
  byUrl: (url: string, acct: string | null) => Promise<FoundProfile | null>;
  search: (term: string) => Promise<FoundProfile[]>;
  followStates: (ids: readonly string[]) => Promise<Map<string, FollowState>>;
  follow: (id: string) => Promise<FollowState>;
}

/** The server's relationship API takes this many ids per request. */
const RELATIONSHIP_BATCH = 40;

export function toFoundProfile(account: mastodon.v1.Account, origin: string): FoundProfile {
  const fields = account.fields ?? [];
  const bio = [htmlToText(account.note), ...fields.map((f) => `${f.name}: ${htmlToText(f.value)}`)]
    .filter(Boolean)
    .join('\n');
  const links = [...new Set([...hrefsIn(account.note), ...fields.flatMap((f) => hrefsIn(f.value))])];
  const verifiedLinks = fields.filter((f) => f.verifiedAt).flatMap((f) => hrefsIn(f.value));
  return {
    network: 'mastodon',
    id: account.id,
    handle: fullAcct(account.acct, origin).toLowerCase(),
    displayName: account.displayName || account.username,
    bio,
    links,
    verifiedLinks,
    labels: [],
    url: account.url,
    avatar: typeof account.avatar === 'string' ? account.avatar : null,
    createdAt: typeof account.createdAt === 'string' ? account.createdAt : null,
  };
}

/**
 * The scope each bridge call needs on Mastodon. A token made by hand with
 * only the posting scopes gets 403 here: the user is told which scope is
 * missing, not just "reconnect" (which would repeat the failure).
 */
export const BRIDGE_SCOPES = {
  lookup: 'read:accounts',
  search: 'read:search',
  relationships: 'read:follows',
  follow: 'write:follows',
} as const;

/** True when the server refused a call for lack of scope (403, or our classified form of it). */
function isScopeRefusal(error: unknown): boolean {
  if (error instanceof MastoHttpError) return error.statusCode === 403;
  return error instanceof PublishError && error.kind === 'auth' && /scope|forbidden|403/i.test(error.detail);
}

/** Runs a call; a refusal for lack of scope becomes "this scope is missing". */
export async function needing<T>(scope: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isScopeRefusal(error)) throw new PublishError('auth', 'error.bridge.missingScope', scope);
    throw error;
  }
}

function stateOf(r: { following: boolean; requested: boolean }): FollowState {
  return r.following ? 'following' : r.requested ? 'requested' : 'none';
}

export function mastodonLookup(session: MastodonSession): MastodonLookup {
  const api = createMastodonClient(session);
  const origin = session.origin;

  async function call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw classifyMastodonError(error);
    }
  }

  async function resolve(q: string): Promise<mastodon.v1.Account[]> {
    return (
      await needing(BRIDGE_SCOPES.search, () =>
        call(async () => await api.v2.search.list({ q, resolve: true, type: 'accounts', limit: 5 })),
      )
    ).accounts;
  }

  const lookup: MastodonLookup = {
    async byAcct(acct) {
      const wanted = acct.replace(/^@/, '');
      try {
        return toFoundProfile(await api.v1.accounts.lookup({ acct: wanted }), origin);
      } catch (error) {
        // lookup only knows accounts the server has seen; 404 means "ask with resolve".
        if (isScopeRefusal(error)) throw new PublishError('auth', 'error.bridge.missingScope', BRIDGE_SCOPES.lookup);
        if (!(error instanceof MastoHttpError && error.statusCode === 404)) throw classifyMastodonError(error);
      }
      const match = (await resolve(wanted)).find((a) => sameAcct(a.acct, wanted, origin));
      return match ? toFoundProfile(match, origin) : null;
    },
    async byUrl(url, acct) {
      const wanted = normalizeUrl(url);
      // `uri` (the ActivityPub id) is in every server's answer but not in masto's type.
      const match = (await resolve(url)).find(
        (a) => normalizeUrl(a.url) === wanted || normalizeUrl((a as { uri?: string }).uri ?? '') === wanted,
      );
      if (match) return toFoundProfile(match, origin);
      return acct ? lookup.byAcct(acct) : null;
    },
    async search(term) {
      const q = term.trim();
      if (!q) return [];
      const res = await needing(BRIDGE_SCOPES.search, () =>
        call(async () => await api.v2.search.list({ q, type: 'accounts', limit: 10 })),
      );
      return res.accounts.map((a) => toFoundProfile(a, origin));
    },
    async followStates(ids) {
      const out = new Map<string, FollowState>();
      for (let i = 0; i < ids.length; i += RELATIONSHIP_BATCH) {
        const batch = ids.slice(i, i + RELATIONSHIP_BATCH);
        for (const r of await needing(BRIDGE_SCOPES.relationships, () => relationships(session, batch)))
          out.set(r.id, stateOf(r));
      }
      return out;
    },
    async follow(id) {
      return stateOf(await needing(BRIDGE_SCOPES.follow, () => followMastodonAccount(session, id)));
    },
  };
  return lookup;
}
