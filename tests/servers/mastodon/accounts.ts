import { authorizeIfGotToken, requireUser } from './auth';
import { findAccount, findAccountByAcct, findFollow, makeFollow, type Core } from './core';
import { apiError, recordNotFound, sendJson, type RequestContext } from './http';
import { getBoolean, getString, getStringArray } from './params';
import type { Route } from './router';
import { serializeAccount, serializeCredentialAccount, serializeRelationship } from './serialize-account';
import type { AccountRecord } from './types';

// Account methods a client needs to sign in and to move follows across:
// verify_credentials, lookup, search (v2), follow and relationships.

function verifyCredentials(core: Core, ctx: RequestContext): void {
  const auth = requireUser(core, ctx, ['read', 'read:accounts', 'profile']);
  sendJson(ctx, 200, serializeCredentialAccount(core, auth.account));
}

function lookup(core: Core, ctx: RequestContext): void {
  authorizeIfGotToken(core, ctx, ['read', 'read:accounts']);
  const acct = getString(ctx.params, 'acct') ?? '';
  const account = acct === '' ? undefined : findAccountByAcct(core, acct);
  // lookup never resolves over WebFinger: unknown remote accounts are 404.
  if (!account || !account.fetched) throw recordNotFound();
  sendJson(ctx, 200, serializeAccount(core, account));
}

function show(core: Core, ctx: RequestContext): void {
  authorizeIfGotToken(core, ctx, ['read', 'read:accounts']);
  const account = findAccount(core, ctx.routeParams.id ?? '');
  if (!account || !account.fetched) throw recordNotFound();
  sendJson(ctx, 200, serializeAccount(core, account));
}

/** The account a query names exactly: `@user@host`, `user@host` or a profile URL. */
function exactTarget(core: Core, q: string): AccountRecord | undefined {
  if (/^https?:\/\//i.test(q)) {
    return core.state.accounts.find(
      (a) => a.url.toLowerCase() === q.toLowerCase() || a.uri.toLowerCase() === q.toLowerCase(),
    );
  }
  if (/^@?[^@\s]+@[^@\s]+$/.test(q)) return findAccountByAcct(core, q);
  return undefined;
}

function searchAccounts(core: Core, q: string, resolve: boolean, limit: number): AccountRecord[] {
  const exact = exactTarget(core, q);
  if (exact) {
    // A remote account this server has not seen yet is only fetched when asked to resolve.
    if (!exact.fetched && resolve) exact.fetched = true;
    return exact.fetched ? [exact] : [];
  }
  const needle = q.replace(/^@/, '').toLowerCase();
  return core.state.accounts
    .filter((a) => a.fetched)
    .filter((a) => a.username.toLowerCase().startsWith(needle) || a.displayName.toLowerCase().includes(needle))
    .slice(0, limit);
}

function search(core: Core, ctx: RequestContext): void {
  const auth = authorizeIfGotToken(core, ctx, ['read', 'read:search']);
  const q = (getString(ctx.params, 'q') ?? '').trim();
  if (q === '') throw apiError(400, 'param is missing or the value is empty: q');
  const type = getString(ctx.params, 'type');
  // Mastodon ignores resolve=true for anonymous requests.
  const resolve = (getBoolean(ctx.params, 'resolve') ?? false) && auth?.account != null;
  const limit = Math.min(Math.max(Number(getString(ctx.params, 'limit') ?? 20) || 20, 1), 40);
  const accounts = type === undefined || type === 'accounts' ? searchAccounts(core, q, resolve, limit) : [];
  sendJson(ctx, 200, { accounts: accounts.map((a) => serializeAccount(core, a)), statuses: [], hashtags: [] });
}

function follow(core: Core, ctx: RequestContext): void {
  const auth = requireUser(core, ctx, ['follow', 'write', 'write:follows']);
  const target = findAccount(core, ctx.routeParams.id ?? '');
  // FollowService raises RecordNotFound for a missing target and for oneself.
  if (!target || !target.fetched || target.id === auth.account.id) throw recordNotFound();
  let record = findFollow(core, auth.account.id, target.id);
  const created = !record;
  if (!record) {
    // Remote follows wait for the other server's Accept; locked accounts wait for a person.
    const acceptAt = target.locked ? null : target.domain ? Date.now() + core.faults.remoteFollowAcceptMs : Date.now();
    record = makeFollow(auth.account.id, target.id, acceptAt);
    core.state.follows.push(record);
  }
  record.showingReblogs = getBoolean(ctx.params, 'reblogs') ?? record.showingReblogs;
  record.notifying = getBoolean(ctx.params, 'notify') ?? record.notifying;
  record.languages = getStringArray(ctx.params, 'languages') ?? record.languages;
  const relationship = serializeRelationship(core, auth.account.id, target);
  if (created && target.domain !== null) {
    // The Accept cannot have arrived within the request that sent the Follow.
    Object.assign(relationship, {
      following: false,
      showing_reblogs: false,
      notifying: false,
      languages: null,
      requested: true,
    });
  }
  sendJson(ctx, 200, relationship);
}

function relationships(core: Core, ctx: RequestContext): void {
  const auth = requireUser(core, ctx, ['read', 'read:follows']);
  const single = getString(ctx.params, 'id');
  const ids = getStringArray(ctx.params, 'id') ?? (single !== undefined ? [single] : []);
  const targets = ids.map((id) => findAccount(core, id)).filter((a): a is AccountRecord => a !== undefined);
  sendJson(
    ctx,
    200,
    targets.map((t) => serializeRelationship(core, auth.account.id, t)),
  );
}

export function accountRoutes(core: Core): Route[] {
  return [
    { method: 'GET', path: '/api/v1/accounts/verify_credentials', handler: (ctx) => verifyCredentials(core, ctx) },
    { method: 'GET', path: '/api/v1/accounts/lookup', handler: (ctx) => lookup(core, ctx) },
    { method: 'GET', path: '/api/v1/accounts/relationships', handler: (ctx) => relationships(core, ctx) },
    { method: 'GET', path: '/api/v1/accounts/:id', handler: (ctx) => show(core, ctx) },
    { method: 'POST', path: '/api/v1/accounts/:id/follow', handler: (ctx) => follow(core, ctx) },
    { method: 'GET', path: '/api/v2/search', handler: (ctx) => search(core, ctx) },
  ];
}
