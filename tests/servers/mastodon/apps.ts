import { requireToken } from './auth';
import { versionAtLeast, type Core } from './core';
import { sendJson, validationFailed, type RequestContext } from './http';
import { getString } from './params';
import { secretToken, snowflakeId } from './ids';
import type { Route } from './router';
import { allKnown, parseScopes } from './scopes';
import type { AppRecord } from './types';

// POST /api/v1/apps and GET /api/v1/apps/verify_credentials
// (docs: methods/apps; REST::CredentialApplicationSerializer).

const OOB = 'urn:ietf:wg:oauth:2.0:oob';

function redirectUrisFrom(ctx: RequestContext): string[] {
  const value = ctx.params.redirect_uris;
  // Since 4.3 an array is accepted; a string may still carry several URIs separated by whitespace.
  const list = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s+/) : [];
  return list.map((u) => u.trim()).filter((u) => u !== '');
}

function redirectUriErrors(uris: string[]): string[] {
  if (uris.length === 0) return ["Redirect URI can't be blank"];
  const errors: string[] = [];
  for (const uri of uris) {
    if (uri === OOB) continue;
    let parsed: URL;
    try {
      parsed = new URL(uri);
    } catch {
      // URL throws on relative or malformed input; both are Doorkeeper's "not absolute".
      errors.push('Redirect URI must be an absolute URI.');
      continue;
    }
    if (parsed.hash !== '' || uri.includes('#')) errors.push('Redirect URI cannot contain a fragment.');
  }
  return [...new Set(errors)];
}

export function serializeApp(core: Core, app: AppRecord, withCredentials: boolean): Record<string, unknown> {
  const modern = versionAtLeast(core.opts.version, 4, 3);
  const json: Record<string, unknown> = {
    id: app.id,
    name: app.name,
    website: app.website,
    // Doorkeeper stores the URIs newline-separated; 4.3 deprecated this joined field.
    redirect_uri: app.redirectUris.join('\n'),
  };
  if (modern) {
    json.scopes = app.scopes;
    json.redirect_uris = app.redirectUris;
  }
  json.vapid_key = core.vapidKey;
  if (withCredentials) {
    json.client_id = app.clientId;
    json.client_secret = app.clientSecret;
    if (versionAtLeast(core.opts.version, 4, 4)) json.client_secret_expires_at = 0;
  }
  return json;
}

function createApp(core: Core, ctx: RequestContext): void {
  const name = getString(ctx.params, 'client_name')?.trim() ?? '';
  const redirectUris = redirectUrisFrom(ctx);
  const scopes = parseScopes(ctx.params.scopes);
  const errors: string[] = [];
  if (name === '') errors.push("Application name can't be blank");
  errors.push(...redirectUriErrors(redirectUris));
  if (!allKnown(scopes)) errors.push("Scopes doesn't match configured on the server.");
  if (errors.length > 0) throw validationFailed(...errors);
  const website = getString(ctx.params, 'website')?.trim() || null;
  const app: AppRecord = {
    id: snowflakeId(),
    name,
    website,
    redirectUris,
    scopes,
    clientId: secretToken(),
    clientSecret: secretToken(),
    createdAt: new Date(),
  };
  core.state.apps.push(app);
  sendJson(ctx, 200, serializeApp(core, app, true));
}

function verifyApp(core: Core, ctx: RequestContext): void {
  const auth = requireToken(core, ctx, []);
  const app = core.state.apps.find((a) => a.id === auth.token.appId);
  if (!app) throw new Error(`token ${auth.token.token} belongs to no app`);
  sendJson(ctx, 200, serializeApp(core, app, false));
}

export function appRoutes(core: Core): Route[] {
  return [
    { method: 'POST', path: '/api/v1/apps', handler: (ctx) => createApp(core, ctx) },
    { method: 'GET', path: '/api/v1/apps/verify_credentials', handler: (ctx) => verifyApp(core, ctx) },
  ];
}
