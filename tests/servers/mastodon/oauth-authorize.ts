import { findAccountByAcct, type Core } from './core';
import { redirect, sendHtml, type RequestContext } from './http';
import { secretToken } from './ids';
import { authorizePage, errorPage, nativeCodePage, type AuthorizeRequest } from './oauth-page';
import { getString } from './params';
import type { Route } from './router';
import { isSubset, parseScopes } from './scopes';
import type { AppRecord } from './types';

// GET/POST /oauth/authorize: Doorkeeper's pre-authorization checks, then the
// sign-in + consent form, then a redirect carrying `code` (or `error`) and `state`.

const OOB = 'urn:ietf:wg:oauth:2.0:oob';
/** Doorkeeper's default authorization_code_expires_in. */
const CODE_LIFETIME_MS = 10 * 60 * 1000;

type PreAuth =
  | { kind: 'page'; status: number; description: string }
  | { kind: 'redirect'; error: string; description: string }
  | { kind: 'ok'; app: AppRecord; scopes: string[] };

function requestFrom(ctx: RequestContext): AuthorizeRequest {
  const read = (key: string) => getString(ctx.params, key) ?? '';
  return {
    response_type: read('response_type'),
    client_id: read('client_id'),
    redirect_uri: read('redirect_uri'),
    scope: read('scope'),
    state: read('state'),
    code_challenge: read('code_challenge'),
    code_challenge_method: read('code_challenge_method'),
  };
}

function preAuthorize(core: Core, request: AuthorizeRequest): PreAuth {
  const app = core.state.apps.find((a) => a.clientId === request.client_id);
  if (!app) {
    return {
      kind: 'page',
      status: 401,
      description:
        'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
    };
  }
  // An unregistered redirect_uri is never redirected to: that would leak the code.
  if (request.redirect_uri === '' || !app.redirectUris.includes(request.redirect_uri)) {
    return { kind: 'page', status: 400, description: 'The redirect uri included is not valid.' };
  }
  if (request.response_type !== 'code') {
    return {
      kind: 'redirect',
      error: 'unsupported_response_type',
      description: 'The authorization server does not support this response type.',
    };
  }
  const scopes = parseScopes(request.scope);
  if (!isSubset(scopes, app.scopes)) {
    return {
      kind: 'redirect',
      error: 'invalid_scope',
      description: 'The requested scope is invalid, unknown, or malformed.',
    };
  }
  if (core.opts.supportsPkce && request.code_challenge !== '' && request.code_challenge_method !== 'S256') {
    // Mastodon only enables the S256 method (pkce_code_challenge_methods ['S256']).
    return { kind: 'redirect', error: 'invalid_request', description: 'The code challenge method must be S256.' };
  }
  return { kind: 'ok', app, scopes };
}

function redirectBack(ctx: RequestContext, request: AuthorizeRequest, params: Record<string, string>): void {
  const target = new URL(request.redirect_uri);
  for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value);
  if (request.state !== '') target.searchParams.set('state', request.state);
  redirect(ctx, target.toString());
}

function answerFailure(
  ctx: RequestContext,
  request: AuthorizeRequest,
  failure: Exclude<PreAuth, { kind: 'ok' }>,
): void {
  if (failure.kind === 'page') {
    sendHtml(ctx, failure.status, errorPage(failure.description));
  } else if (request.redirect_uri === OOB) {
    sendHtml(ctx, 400, errorPage(failure.description));
  } else {
    redirectBack(ctx, request, { error: failure.error, error_description: failure.description });
  }
}

function showForm(core: Core, ctx: RequestContext): void {
  const request = requestFrom(ctx);
  const pre = preAuthorize(core, request);
  if (pre.kind !== 'ok') {
    answerFailure(ctx, request, pre);
    return;
  }
  sendHtml(ctx, 200, authorizePage(pre.app.name, request, pre.scopes));
}

function decide(core: Core, ctx: RequestContext): void {
  const request = requestFrom(ctx);
  const pre = preAuthorize(core, request);
  if (pre.kind !== 'ok') {
    answerFailure(ctx, request, pre);
    return;
  }
  if (getString(ctx.params, 'decision') === 'deny') {
    answerFailure(ctx, request, {
      kind: 'redirect',
      error: 'access_denied',
      description: 'The resource owner or authorization server denied the request.',
    });
    return;
  }
  const login = (getString(ctx.params, 'username') ?? '').trim();
  const account = login === '' ? undefined : findAccountByAcct(core, login);
  if (!account || account.domain !== null || account.password !== (getString(ctx.params, 'password') ?? '')) {
    sendHtml(ctx, 401, authorizePage(pre.app.name, request, pre.scopes, 'Invalid username or password.'));
    return;
  }
  const pkce = core.opts.supportsPkce && request.code_challenge !== '';
  const code = secretToken();
  core.state.authCodes.push({
    code,
    appId: pre.app.id,
    accountId: account.id,
    redirectUri: request.redirect_uri,
    scopes: pre.scopes,
    codeChallenge: pkce ? request.code_challenge : null,
    codeChallengeMethod: pkce ? request.code_challenge_method : null,
    expiresAt: Date.now() + CODE_LIFETIME_MS,
    used: false,
  });
  if (request.redirect_uri === OOB) {
    redirect(ctx, `${core.baseUrl}/oauth/authorize/native?code=${encodeURIComponent(code)}`);
    return;
  }
  redirectBack(ctx, request, { code });
}

export function authorizeRoutes(core: Core): Route[] {
  return [
    { method: 'GET', path: '/oauth/authorize', handler: (ctx) => showForm(core, ctx) },
    { method: 'POST', path: '/oauth/authorize', handler: (ctx) => decide(core, ctx) },
    {
      method: 'GET',
      path: '/oauth/authorize/native',
      handler: (ctx) => sendHtml(ctx, 200, nativeCodePage(getString(ctx.params, 'code') ?? '')),
    },
  ];
}
