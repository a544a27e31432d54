import { createHash } from 'node:crypto';
import { issueToken, versionAtLeast, type Core } from './core';
import { ApiError, sendJson, type RequestContext } from './http';
import { getString } from './params';
import type { Route } from './router';
import { isSubset, KNOWN_SCOPES, parseScopes } from './scopes';
import type { AppRecord, AuthCodeRecord } from './types';

// POST /oauth/token, POST /oauth/revoke and the RFC 8414 metadata document,
// with Doorkeeper's error bodies (`error` + `error_description`).

const DESCRIPTIONS: Record<string, string> = {
  invalid_client:
    'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
  invalid_grant:
    'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
  invalid_scope: 'The requested scope is invalid, unknown, or malformed.',
  unsupported_grant_type: 'The authorization grant type is not supported by the authorization server.',
  unauthorized_client: 'You are not authorized to revoke this token',
};

function oauthError(status: number, error: string, description: string = DESCRIPTIONS[error] ?? error): ApiError {
  return new ApiError(
    status,
    { error, error_description: description },
    { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
  );
}

/** client_secret_post or client_secret_basic, as Doorkeeper accepts both. */
function authenticateClient(core: Core, ctx: RequestContext): AppRecord {
  let clientId = getString(ctx.params, 'client_id') ?? '';
  let clientSecret = getString(ctx.params, 'client_secret') ?? '';
  const header = ctx.req.headers.authorization;
  if (typeof header === 'string' && /^Basic\s/i.test(header)) {
    const decoded = Buffer.from(header.replace(/^Basic\s+/i, ''), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    clientId = decodeURIComponent(decoded.slice(0, colon));
    clientSecret = decodeURIComponent(decoded.slice(colon + 1));
  }
  const app = core.state.apps.find((a) => a.clientId === clientId);
  // Mastodon only provisions confidential clients, so the secret is always required.
  if (!app || clientSecret === '' || app.clientSecret !== clientSecret) throw oauthError(401, 'invalid_client');
  return app;
}

function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

function checkPkce(core: Core, grant: AuthCodeRecord, verifier: string): void {
  // Before 4.3 Doorkeeper had PKCE switched off and ignored both parameters.
  if (!core.opts.supportsPkce) return;
  if (grant.codeChallenge === null) {
    if (verifier !== '') throw oauthError(400, 'invalid_grant');
    return;
  }
  if (verifier === '') throw oauthError(400, 'invalid_request', 'Missing required parameter: code_verifier.');
  if (s256(verifier) !== grant.codeChallenge) throw oauthError(400, 'invalid_grant');
}

function exchangeCode(core: Core, ctx: RequestContext, app: AppRecord) {
  const code = getString(ctx.params, 'code') ?? '';
  if (code === '') throw oauthError(400, 'invalid_request', 'Missing required parameter: code.');
  const grant = core.state.authCodes.find((g) => g.code === code);
  const redirectUri = getString(ctx.params, 'redirect_uri') ?? '';
  if (
    !grant ||
    grant.used ||
    grant.expiresAt < Date.now() ||
    grant.appId !== app.id ||
    grant.redirectUri !== redirectUri
  ) {
    throw oauthError(400, 'invalid_grant');
  }
  checkPkce(core, grant, getString(ctx.params, 'code_verifier') ?? '');
  grant.used = true;
  return issueToken(core, app.id, grant.accountId, grant.scopes);
}

function clientCredentials(core: Core, ctx: RequestContext, app: AppRecord) {
  const scopes = parseScopes(ctx.params.scope);
  if (!isSubset(scopes, app.scopes)) throw oauthError(400, 'invalid_scope');
  return issueToken(core, app.id, null, scopes);
}

function token(core: Core, ctx: RequestContext): void {
  const grantType = getString(ctx.params, 'grant_type') ?? '';
  if (grantType === '') throw oauthError(400, 'invalid_request', 'Missing required parameter: grant_type.');
  // Mastodon 4.3 removed the password grant; only these two remain.
  if (grantType !== 'authorization_code' && grantType !== 'client_credentials') {
    throw oauthError(400, 'unsupported_grant_type');
  }
  const app = authenticateClient(core, ctx);
  const issued = grantType === 'authorization_code' ? exchangeCode(core, ctx, app) : clientCredentials(core, ctx, app);
  sendJson(
    ctx,
    200,
    {
      access_token: issued.token,
      token_type: 'Bearer',
      scope: issued.scopes.join(' '),
      created_at: Math.floor(issued.createdAt.getTime() / 1000),
    },
    { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
  );
}

function revoke(core: Core, ctx: RequestContext): void {
  const app = authenticateClient(core, ctx);
  const presented = getString(ctx.params, 'token') ?? '';
  const record = core.state.tokens.find((t) => t.token === presented);
  // RFC 7009: an unknown token is not an error, the answer is the same 200.
  if (record && record.appId !== app.id) throw oauthError(403, 'unauthorized_client');
  if (record) record.revoked = true;
  sendJson(ctx, 200, {});
}

function metadata(core: Core, ctx: RequestContext): void {
  // The document arrived with PKCE in 4.3; older servers answer 404.
  if (!core.opts.supportsPkce || !versionAtLeast(core.opts.version, 4, 3)) {
    sendJson(ctx, 404, { error: 'Not Found' });
    return;
  }
  const base = core.baseUrl;
  sendJson(ctx, 200, {
    issuer: `${base}/`,
    service_documentation: 'https://docs.joinmastodon.org/',
    authorization_endpoint: `${base}/oauth/authorize`,
    token_endpoint: `${base}/oauth/token`,
    revocation_endpoint: `${base}/oauth/revoke`,
    userinfo_endpoint: `${base}/oauth/userinfo`,
    scopes_supported: KNOWN_SCOPES,
    response_types_supported: ['code'],
    response_modes_supported: ['query', 'fragment', 'form_post'],
    grant_types_supported: ['authorization_code', 'client_credentials'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    code_challenge_methods_supported: ['S256'],
    app_registration_endpoint: `${base}/api/v1/apps`,
  });
}

export function tokenRoutes(core: Core): Route[] {
  return [
    { method: 'POST', path: '/oauth/token', handler: (ctx) => token(core, ctx) },
    // Hollo has no revocation endpoint: the catch-all 404 answers.
    ...(core.opts.hasRevoke
      ? [{ method: 'POST', path: '/oauth/revoke', handler: (ctx: RequestContext) => revoke(core, ctx) }]
      : []),
    { method: 'GET', path: '/.well-known/oauth-authorization-server', handler: (ctx) => metadata(core, ctx) },
  ];
}
