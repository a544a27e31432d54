/**
 * The follow bridge's three Mastodon calls: find an account by its address,
 * follow it, and read whether we already do. Errors come out as PublishError
 * so the caller handles them like publishing failures (auth, rate limit...).
 */
import { MastoHttpError, type mastodon } from 'masto';
import { createMastodonClient, type MastodonSession } from './client.ts';
import { classifyMastodonError } from './errors.ts';

export interface MastodonAccountRef {
  id: string;
  /** As the server knows it: `user` for its own accounts, `user@host` for others. */
  acct: string;
  displayName: string;
  avatar: string;
  url: string;
}

export interface MastodonRelationship {
  id: string;
  following: boolean;
  /** A follow request waits for approval (locked account). */
  requested: boolean;
  followedBy: boolean;
  blocking: boolean;
  blockedBy: boolean;
}

/**
 * `acct` is `user@host` (a leading `@` is fine). The lookup endpoint only knows
 * accounts the server has already seen; search with `resolve` asks the remote
 * server over WebFinger. Null when neither finds it.
 */
export async function lookupMastodonAccount(client: MastodonSession, acct: string): Promise<MastodonAccountRef | null> {
  const wanted = acct.trim().replace(/^@/, '');
  if (!wanted) return null;
  const api = createMastodonClient(client);
  try {
    try {
      return toRef(await api.v1.accounts.lookup({ acct: wanted }));
    } catch (error) {
      if (!(error instanceof MastoHttpError && error.statusCode === 404)) throw error;
    }
    const results = await api.v2.search.list({ q: wanted, resolve: true, type: 'accounts', limit: 5 });
    const match = results.accounts.find((account) => sameAcct(account.acct, wanted, client.origin));
    return match ? toRef(match) : null;
  } catch (error) {
    throw classifyMastodonError(error);
  }
}

export async function followMastodonAccount(client: MastodonSession, id: string): Promise<MastodonRelationship> {
  try {
    return toRelationship(await createMastodonClient(client).v1.accounts.$select(id).follow());
  } catch (error) {
    throw classifyMastodonError(error);
  }
}

export async function relationships(client: MastodonSession, ids: readonly string[]): Promise<MastodonRelationship[]> {
  if (!ids.length) return [];
  try {
    const list = await createMastodonClient(client).v1.accounts.relationships.fetch({ id: ids });
    return list.map(toRelationship);
  } catch (error) {
    throw classifyMastodonError(error);
  }
}

/** Local accounts come back without their domain: `me` on example.social is `me@example.social`. */
export function sameAcct(found: string, wanted: string, origin: string): boolean {
  const host = new URL(origin).host.toLowerCase();
  const full = (acct: string): string => (acct.includes('@') ? acct : `${acct}@${host}`).toLowerCase();
  return full(found) === full(wanted);
}

function toRef(account: mastodon.v1.Account): MastodonAccountRef {
  return {
    id: account.id,
    acct: account.acct,
    displayName: account.displayName || account.username,
    avatar: account.avatar,
    url: account.url,
  };
}

function toRelationship(r: mastodon.v1.Relationship): MastodonRelationship {
  return {
    id: r.id,
    following: r.following,
    requested: r.requested,
    followedBy: r.followedBy,
    blocking: r.blocking,
    blockedBy: r.blockedBy,
  };
}
