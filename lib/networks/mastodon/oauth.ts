/**
 * Signing in to a Mastodon server: register Sortie as an app, send the user
 * to the consent page (with PKCE), trade the code for a token, check it, and
 * revoke it on disconnect. Plain fetch only: this runs in the service worker,
 * which must stay small.
 */
import { MastodonConnectError } from './connect-error.ts';
import { defaultFetch, isRecord, requestJson, serverErrorText, type FetchLike, type JsonResponse } from './fetch.ts';

/**
 * Only what posting and the follow bridge use: the profile (verify_credentials,
 * account lookup), search with resolve (finding remote accounts), relationships
 * (`read:follows`), posting with media, and following.
 */
export const MASTODON_SCOPES: readonly string[] = Object.freeze([
  'read:accounts',
  'read:search',
  'read:follows',
  'write:statuses',
  'write:media',
  'write:follows',
]);

export interface MastodonApp {
  clientId: string;
  clientSecret: string;
}

export interface Pkce {
  verifier: string;
  challenge: string;
  method: 'S256';
}

export interface AuthorizeParams {
  origin: string;
  clientId: string;
  redirectUri: string;
  scopes?: readonly string[];
  state: string;
  /** S256 challenge from `createPkce`; omit it only for servers before 4.3, which ignore it anyway. */
  challenge?: string;
}

export interface ExchangeParams {
  origin: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  code: string;
  verifier?: string;
  scopes?: readonly string[];
}

export interface MastodonToken {
  accessToken: string;
  /** Scopes the server says it granted (the requested ones when it does not say). */
  scopes: string[];
}

export interface MastodonProfile {
  id: string;
  username: string;
  /** `user` on its own server; callers add `@host` for display. */
  acct: string;
  displayName: string;
  avatar: string;
  url: string;
}

export async function registerApp(
  origin: string,
  redirectUri: string,
  fetchImpl: FetchLike = defaultFetch,
  clientName = 'Sortie',
): Promise<MastodonApp> {
  const response = await requestJson(fetchImpl, `${origin}/api/v1/apps`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    // A single string: servers before 4.3 do not accept an array of redirect URIs.
    body: JSON.stringify({ client_name: clientName, redirect_uris: redirectUri, scopes: MASTODON_SCOPES.join(' ') }),
  });
  const body = expectSuccess(response);
  const clientId = body['client_id'];
  const clientSecret = body['client_secret'];
  if (typeof clientId !== 'string' || typeof clientSecret !== 'string') {
    throw new MastodonConnectError('notMastodon', 'no client credentials in /api/v1/apps answer');
  }
  return { clientId, clientSecret };
}

/** RFC 7636: a 43-character verifier (32 random bytes) and its SHA-256 challenge. */
export async function createPkce(): Promise<Pkce> {
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return { verifier, challenge: base64Url(new Uint8Array(digest)), method: 'S256' };
}

export function buildAuthorizeUrl(params: AuthorizeParams): string {
  const url = new URL('/oauth/authorize', params.origin);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', params.clientId);
  url.searchParams.set('redirect_uri', params.redirectUri);
  url.searchParams.set('scope', (params.scopes ?? MASTODON_SCOPES).join(' '));
  url.searchParams.set('state', params.state);
  if (params.challenge) {
    url.searchParams.set('code_challenge', params.challenge);
    url.searchParams.set('code_challenge_method', 'S256');
  }
  return url.toString();
}

/**
 * Reads the page the server sent the browser back to. The state is checked
 * first: an answer to a request we did not make is never trusted, not even
 * its error.
 */
export function parseRedirect(redirectUrl: string, expectedState: string): string {
  let url: URL;
  try {
    url = new URL(redirectUrl);
  } catch (cause) {
    throw new MastodonConnectError('auth', 'unreadable redirect', { cause });
  }
  // Doorkeeper answers in the query; a fragment is accepted in case a server uses it.
  const params =
    url.searchParams.has('state') || url.searchParams.has('code') || url.searchParams.has('error')
      ? url.searchParams
      : new URLSearchParams(url.hash.slice(1));
  if (params.get('state') !== expectedState) throw new MastodonConnectError('stateMismatch');
  const error = params.get('error');
  if (error === 'access_denied') throw new MastodonConnectError('cancelled');
  if (error === 'invalid_scope') throw new MastodonConnectError('permission', params.get('error_description') ?? error);
  if (error) throw new MastodonConnectError('auth', params.get('error_description') ?? error);
  const code = params.get('code');
  if (!code) throw new MastodonConnectError('auth', 'no code in redirect');
  return code;
}

export async function exchangeCode(
  params: ExchangeParams,
  fetchImpl: FetchLike = defaultFetch,
): Promise<MastodonToken> {
  const requested = params.scopes ?? MASTODON_SCOPES;
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code: params.code,
    client_id: params.clientId,
    client_secret: params.clientSecret,
    redirect_uri: params.redirectUri,
    scope: requested.join(' '),
  });
  if (params.verifier) form.set('code_verifier', params.verifier);
  const response = await requestJson(fetchImpl, `${params.origin}/oauth/token`, { method: 'POST', body: form });
  const body = expectSuccess(response);
  const accessToken = body['access_token'];
  if (typeof accessToken !== 'string' || !accessToken) throw new MastodonConnectError('auth', 'no access token');
  const scope = body['scope'];
  const granted = typeof scope === 'string' && scope.trim() ? scope.trim().split(/\s+/) : [...requested];
  const missing = requested.filter((needed) => !scopeCovers(granted, needed));
  if (missing.length) throw new MastodonConnectError('permission', `missing scopes: ${missing.join(' ')}`);
  return { accessToken, scopes: granted };
}

export async function verifyCredentials(
  origin: string,
  accessToken: string,
  fetchImpl: FetchLike = defaultFetch,
): Promise<MastodonProfile> {
  const response = await requestJson(fetchImpl, `${origin}/api/v1/accounts/verify_credentials`, {
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  const body = expectSuccess(response);
  const id = body['id'];
  const username = body['username'];
  if (typeof id !== 'string' || typeof username !== 'string') {
    throw new MastodonConnectError('notMastodon', 'verify_credentials answer has no account');
  }
  const text = (key: string): string => (typeof body[key] === 'string' ? (body[key] as string) : '');
  return {
    id,
    username,
    acct: text('acct') || username,
    displayName: text('display_name') || username,
    avatar: text('avatar'),
    url: text('url'),
  };
}

/**
 * Doorkeeper answers 200 even for a token it no longer knows (RFC 7009).
 * 'unsupported' when the server has no such endpoint (Hollo: 404; 405/501
 * from others); every other failure throws.
 */
export async function revokeToken(
  origin: string,
  clientId: string,
  clientSecret: string,
  token: string,
  fetchImpl: FetchLike = defaultFetch,
): Promise<'revoked' | 'unsupported'> {
  const form = new URLSearchParams({ client_id: clientId, client_secret: clientSecret, token });
  const response = await requestJson(fetchImpl, `${origin}/oauth/revoke`, { method: 'POST', body: form });
  if (response.status === 404 || response.status === 405 || response.status === 501) return 'unsupported';
  if (response.status < 200 || response.status >= 300) throw failure(response);
  return 'revoked';
}

/** `read` grants every `read:*`; the same for `write`. */
function scopeCovers(granted: readonly string[], needed: string): boolean {
  return granted.some((scope) => scope === needed || needed.startsWith(`${scope}:`));
}

const CREDENTIAL_ERRORS = new Set(['invalid_client', 'unauthorized_client', 'invalid_grant', 'invalid_token']);

function expectSuccess(response: JsonResponse): Record<string, unknown> {
  if (response.status >= 200 && response.status < 300 && isRecord(response.body)) return response.body;
  throw failure(response);
}

function failure({ status, body }: JsonResponse): MastodonConnectError {
  const detail = serverErrorText(body) || `HTTP ${status}`;
  if (status >= 500 || status === 408 || status === 429) return new MastodonConnectError('unreachable', detail);
  // No JSON at all (an HTML 404, a success page): whatever this is, it is not a Mastodon API.
  if (body === undefined && (status < 400 || status === 404 || status === 405 || status === 410)) {
    return new MastodonConnectError('notMastodon', detail);
  }
  const oauthError = isRecord(body) ? body['error'] : undefined;
  if (oauthError === 'invalid_scope') return new MastodonConnectError('permission', detail);
  // Doorkeeper answers 403 `unauthorized_client` when the token belongs to another app.
  if (typeof oauthError === 'string' && CREDENTIAL_ERRORS.has(oauthError))
    return new MastodonConnectError('auth', detail);
  if (status === 403) return new MastodonConnectError('permission', detail);
  if (status === 422 && /scope/i.test(detail)) return new MastodonConnectError('permission', detail);
  return new MastodonConnectError('auth', detail);
}

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
