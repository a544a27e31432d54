import { createOAuthAPIClient, createRestAPIClient, MastoHttpError } from 'masto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMastodonServer, type MastodonTestServer } from './index';
import {
  authorizeUrl,
  exchangeCode,
  obtainToken,
  pkcePair,
  REDIRECT_URI,
  registerApp,
  submitAuthorize,
  type RegisteredApp,
} from './oauth-helpers';

let server: MastodonTestServer;
beforeAll(async () => {
  server = await startMastodonServer();
  server.createAccount('alice', 'correct horse');
});
afterAll(() => server.close());

const alice = { username: 'alice', password: 'correct horse' };

describe('POST /api/v1/apps', () => {
  it('registers an app with the fields Mastodon 4.5 returns', async () => {
    const app = await registerApp(server.url);
    expect(app).toMatchObject({
      name: 'Sortie',
      website: 'https://sortie.example',
      scopes: ['read', 'write', 'follow'],
      redirect_uri: REDIRECT_URI,
      redirect_uris: [REDIRECT_URI],
      client_secret_expires_at: 0,
    });
    expect(app.client_id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(app.client_secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(typeof app.vapid_key).toBe('string');
  });

  it('accepts form bodies with several whitespace-separated redirect URIs', async () => {
    const response = await fetch(`${server.url}/api/v1/apps`, {
      method: 'POST',
      body: new URLSearchParams({ client_name: 'Two', redirect_uris: `${REDIRECT_URI}\nurn:ietf:wg:oauth:2.0:oob` }),
    });
    const app = (await response.json()) as Record<string, unknown>;
    expect(app.redirect_uris).toEqual([REDIRECT_URI, 'urn:ietf:wg:oauth:2.0:oob']);
    expect(app.scopes).toEqual(['read']);
  });

  it.each([
    [{ client_name: 'X', redirect_uris: 'not a uri' }, 'Validation failed: Redirect URI must be an absolute URI.'],
    [{ client_name: '', redirect_uris: REDIRECT_URI }, "Validation failed: Application name can't be blank"],
    [
      { client_name: 'X', redirect_uris: REDIRECT_URI, scopes: 'read bogus' },
      "Validation failed: Scopes doesn't match configured on the server.",
    ],
  ])('rejects %o with 422', async (body, error) => {
    const response = await fetch(`${server.url}/api/v1/apps`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ error });
  });
});

describe('authorization code flow with PKCE', () => {
  let app: RegisteredApp;
  beforeAll(async () => {
    app = await registerApp(server.url);
  });

  it('shows a sign-in and consent form that keeps the request in hidden fields', async () => {
    const { challenge } = pkcePair();
    const response = await fetch(
      authorizeUrl(server.url, { client_id: app.client_id, code_challenge: challenge, code_challenge_method: 'S256' }),
    );
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<label for="username">');
    expect(html).toContain('id="password"');
    expect(html).toMatch(/<button[^>]*>Authorize<\/button>/);
    expect(html).toMatch(/<button[^>]*formnovalidate[^>]*>Deny<\/button>/);
    expect(html).toContain(`name="code_challenge" value="${challenge}"`);
    expect(html).toContain('<strong>Sortie</strong>');
  });

  it('redirects with code and state, and the code plus verifier buys a working token', async () => {
    const { verifier, challenge } = pkcePair();
    const params = { client_id: app.client_id, state: 'xyz', code_challenge: challenge, code_challenge_method: 'S256' };
    const response = await submitAuthorize(server.url, params, alice);
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get('state')).toBe('xyz');
    const code = location.searchParams.get('code') ?? '';
    expect(code).not.toBe('');

    const token = await exchangeCode(server.url, app, code, { code_verifier: verifier });
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ token_type: 'Bearer', scope: 'read write follow' });
    expect(typeof token.body.created_at).toBe('number');

    const masto = createRestAPIClient({ url: server.url, accessToken: String(token.body.access_token) });
    expect((await masto.v1.accounts.verifyCredentials()).username).toBe('alice');

    // A code is single-use.
    expect((await exchangeCode(server.url, app, code, { code_verifier: verifier })).body.error).toBe('invalid_grant');
  });

  it.each([
    ['a wrong verifier', (v: string) => ({ code_verifier: `${v}x` }), 400, 'invalid_grant'],
    ['no verifier', () => ({}), 400, 'invalid_request'],
    [
      'another redirect_uri',
      (v: string) => ({ code_verifier: v, redirect_uri: 'https://evil.example/' }),
      400,
      'invalid_grant',
    ],
    ['a wrong client secret', (v: string) => ({ code_verifier: v, client_secret: 'nope' }), 401, 'invalid_client'],
  ])('refuses the code with %s', async (_label, extra, status, error) => {
    const { verifier, challenge } = pkcePair();
    const params = { client_id: app.client_id, code_challenge: challenge, code_challenge_method: 'S256' };
    const location = (await submitAuthorize(server.url, params, alice)).headers.get('location') ?? '';
    const code = new URL(location).searchParams.get('code') ?? '';
    const token = await exchangeCode(server.url, app, code, extra(verifier));
    expect(token.status).toBe(status);
    expect(token.body.error).toBe(error);
    expect(typeof token.body.error_description).toBe('string');
  });

  it('never redirects to a redirect_uri the app did not register', async () => {
    const url = authorizeUrl(server.url, { client_id: app.client_id, redirect_uri: 'https://evil.example/cb' });
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('The redirect uri included is not valid.');
    const posted = await submitAuthorize(
      server.url,
      { client_id: app.client_id, redirect_uri: 'https://evil.example/cb' },
      alice,
    );
    expect(posted.status).toBe(400);
  });

  it.each([
    ['Deny', { client_id: 'x' }, 'deny' as const, 'access_denied'],
    ['a scope the app lacks', { scope: 'read admin:read' }, undefined, 'invalid_scope'],
    ['a plain PKCE method', { code_challenge: 'abc', code_challenge_method: 'plain' }, undefined, 'invalid_request'],
    ['a token response type', { response_type: 'token' }, undefined, 'unsupported_response_type'],
  ])('redirects back with an error for %s', async (_label, overrides, decision, error) => {
    const params = { ...overrides, client_id: app.client_id };
    const response = await submitAuthorize(server.url, params, decision ?? alice);
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe(error);
    expect(location.searchParams.get('state')).toBe('state-123');
    expect(location.searchParams.get('code')).toBeNull();
  });

  it('shows the form again after a wrong password, with no code issued', async () => {
    const before = server.state.authCodes.length;
    const response = await submitAuthorize(
      server.url,
      { client_id: app.client_id },
      { username: 'alice', password: 'wrong' },
    );
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('Invalid username or password.');
    expect(server.state.authCodes.length).toBe(before);
  });

  it('answers an unknown client_id with an error page', async () => {
    const response = await fetch(authorizeUrl(server.url, { client_id: 'unknown' }), { redirect: 'manual' });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('text/html');
  });

  it('issues app-only tokens for client_credentials, which cannot act as a user', async () => {
    const response = await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: app.client_id,
        client_secret: app.client_secret,
        scope: 'read',
      }),
    });
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.scope).toBe('read');
    const masto = createRestAPIClient({ url: server.url, accessToken: String(body.access_token) });
    await expect(masto.v1.apps.verifyCredentials()).resolves.toMatchObject({ name: 'Sortie' });
    await expect(masto.v1.accounts.verifyCredentials()).rejects.toMatchObject({
      statusCode: 422,
      message: 'This method requires an authenticated user',
    });
  });

  it('publishes RFC 8414 metadata advertising S256', async () => {
    const response = await fetch(`${server.url}/.well-known/oauth-authorization-server`);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.code_challenge_methods_supported).toEqual(['S256']);
    expect(body.token_endpoint).toBe(`${server.url}/oauth/token`);
  });
});

describe('POST /oauth/revoke', () => {
  it('revokes the token so the API answers 401 "The access token was revoked"', async () => {
    const app = await registerApp(server.url);
    const token = await obtainToken(server.url, 'alice', 'correct horse');
    const tokenApp = server.state.apps.find((a) => a.id === server.state.tokens.find((t) => t.token === token)?.appId);
    const masto = createRestAPIClient({ url: server.url, accessToken: token });
    await expect(masto.v1.accounts.verifyCredentials()).resolves.toBeTruthy();

    // Another app cannot revoke it.
    const foreign = await fetch(`${server.url}/oauth/revoke`, {
      method: 'POST',
      body: new URLSearchParams({ client_id: app.client_id, client_secret: app.client_secret, token }),
    });
    expect(foreign.status).toBe(403);

    const response = await fetch(`${server.url}/oauth/revoke`, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: tokenApp?.clientId ?? '',
        client_secret: tokenApp?.clientSecret ?? '',
        token,
      }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    expect(server.state.tokens.find((t) => t.token === token)?.revoked).toBe(true);

    const error = await masto.v1.accounts.verifyCredentials().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MastoHttpError);
    expect(error).toMatchObject({ statusCode: 401, message: 'The access token was revoked' });
  });
});

describe("masto's own OAuth client", () => {
  it.each(['json', 'multipart-form'] as const)(
    'gets and revokes a client_credentials token with %s bodies',
    async (encoding) => {
      const app = await registerApp(server.url);
      const oauth = createOAuthAPIClient({ url: server.url });
      const credentials = { clientId: app.client_id, clientSecret: app.client_secret };
      // masto sends JSON to the OAuth endpoints unless told to send multipart.
      const meta = encoding === 'json' ? {} : { encoding };
      const token = await oauth.token.create(
        { ...credentials, grantType: 'client_credentials', redirectUri: REDIRECT_URI, scope: 'read write' },
        meta,
      );
      expect(token).toMatchObject({ tokenType: 'Bearer', scope: 'read write' });
      await oauth.revoke({ ...credentials, token: token.accessToken }, meta);
      expect(server.state.tokens.find((t) => t.token === token.accessToken)?.revoked).toBe(true);
    },
  );
});

describe('a server without PKCE (before 4.3)', () => {
  let old: MastodonTestServer;
  beforeAll(async () => {
    old = await startMastodonServer({ supportsPkce: false, version: '4.2.10' });
    old.createAccount('bob', 'pw');
  });
  afterAll(() => old.close());

  it('ignores code_challenge, accepts a code without verifier, and has no metadata document', async () => {
    const app = await registerApp(old.url);
    expect(app.redirect_uris).toBeUndefined();
    const { challenge } = pkcePair();
    const params = { client_id: app.client_id, code_challenge: challenge, code_challenge_method: 'S256' };
    const location =
      (await submitAuthorize(old.url, params, { username: 'bob', password: 'pw' })).headers.get('location') ?? '';
    const code = new URL(location).searchParams.get('code') ?? '';
    expect((await exchangeCode(old.url, app, code)).status).toBe(200);
    expect((await fetch(`${old.url}/.well-known/oauth-authorization-server`)).status).toBe(404);
  });
});
