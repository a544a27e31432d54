import { findAccount, type Core } from './core';
import { apiError, type RequestContext } from './http';
import { rateLimitWindowHeaders } from './ratelimit';
import type { AccountRecord, TokenRecord } from './types';

// Bearer-token authentication as Doorkeeper does it for Mastodon: 401 for a
// missing, unknown or revoked token, 403 when the token lacks every acceptable
// scope, 422 when an app-only token calls a method that needs a user.

export interface Auth {
  token: TokenRecord;
  account: AccountRecord | null;
}

export interface UserAuth extends Auth {
  account: AccountRecord;
}

function bearerOf(ctx: RequestContext): string | null {
  const header = ctx.req.headers.authorization;
  if (typeof header === 'string') {
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    if (match?.[1]) return match[1];
  }
  // Doorkeeper in Mastodon also reads the token from an `access_token` parameter.
  const param = ctx.params.access_token;
  return typeof param === 'string' && param !== '' ? param : null;
}

function invalidToken(description: string) {
  return apiError(401, description, {
    'WWW-Authenticate': `Bearer realm="Doorkeeper", error="invalid_token", error_description="${description}"`,
  });
}

/** The token of the request, or null when none was sent; throws 401 for a bad one. */
export function authenticate(core: Core, ctx: RequestContext): Auth | null {
  const presented = bearerOf(ctx);
  if (presented === null) return null;
  const token = core.state.tokens.find((t) => t.token === presented);
  if (!token) throw invalidToken('The access token is invalid');
  if (token.revoked) throw invalidToken('The access token was revoked');
  const account = token.accountId ? (findAccount(core, token.accountId) ?? null) : null;
  // Every authenticated API response reports the token's rate-limit window.
  for (const [name, value] of Object.entries(rateLimitWindowHeaders(core, token.token))) ctx.res.setHeader(name, value);
  return { token, account };
}

function checkScopes(auth: Auth, acceptable: string[]): void {
  if (acceptable.length > 0 && !acceptable.some((scope) => auth.token.scopes.includes(scope))) {
    throw apiError(403, 'This action is outside the authorized scopes');
  }
}

/** doorkeeper_authorize!: a token is mandatory and must carry one of the scopes. */
export function requireToken(core: Core, ctx: RequestContext, acceptable: string[]): Auth {
  const auth = authenticate(core, ctx);
  if (!auth) throw invalidToken('The access token is invalid');
  checkScopes(auth, acceptable);
  return auth;
}

/** doorkeeper_authorize! plus require_user!. */
export function requireUser(core: Core, ctx: RequestContext, acceptable: string[]): UserAuth {
  const auth = requireToken(core, ctx, acceptable);
  if (!auth.account) throw apiError(422, 'This method requires an authenticated user');
  return { token: auth.token, account: auth.account };
}

/** authorize_if_got_token!: public methods that check scopes only when a token is sent. */
export function authorizeIfGotToken(core: Core, ctx: RequestContext, acceptable: string[]): Auth | null {
  const auth = authenticate(core, ctx);
  if (auth) checkScopes(auth, acceptable);
  return auth;
}
