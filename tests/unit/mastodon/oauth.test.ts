import { describe, expect, it } from 'vitest';
import {
  buildAuthorizeUrl,
  createPkce,
  exchangeCode,
  MASTODON_SCOPES,
  parseRedirect,
  registerApp,
  revokeToken,
  verifyCredentials,
} from '../../../lib/networks/mastodon/oauth.ts';
import { MastodonConnectError } from '../../../lib/networks/mastodon/connect-error.ts';
import { fakeFetch, html, json, networkDown, type Route } from './fake-fetch.ts';

const ORIGIN = 'https://example.social';
const REDIRECT = 'https://abcdef.chromiumapp.org/mastodon';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('scopes', () => {
  it('asks only for what posting and the follow bridge use', () => {
    expect(MASTODON_SCOPES).toEqual([
      'read:accounts',
      'read:search',
      'read:follows',
      'write:statuses',
      'write:media',
      'write:follows',
    ]);
  });
});

describe('registerApp', () => {
  it('posts the app as JSON and returns its credentials', async () => {
    const { fetch, calls } = fakeFetch({
      'POST /api/v1/apps': () => json({ id: '1', client_id: 'cid', client_secret: 'secret', name: 'Sortie' }),
    });
    await expect(registerApp(ORIGIN, REDIRECT, fetch)).resolves.toEqual({ clientId: 'cid', clientSecret: 'secret' });
    expect(calls[0]?.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(calls[0]?.body ?? '')).toEqual({
      client_name: 'Sortie',
      redirect_uris: REDIRECT,
      scopes: MASTODON_SCOPES.join(' '),
    });
  });

  it.each<[string, Route | undefined, string]>([
    ['404 HTML', undefined, 'notMastodon'],
    ['200 HTML', () => html(), 'notMastodon'],
    ['JSON without credentials', () => json({ id: '1' }), 'notMastodon'],
    ['network down', networkDown, 'unreachable'],
    ['503', () => json({ error: 'down' }, 503), 'unreachable'],
    ['429', () => json({ error: 'Too many requests' }, 429), 'unreachable'],
    ['422 on scopes', () => json({ error: 'Validation failed: Scopes are invalid' }, 422), 'permission'],
    ['422 on redirect', () => json({ error: 'Validation failed: Redirect URI must be an absolute URI.' }, 422), 'auth'],
  ])('%s -> %s', async (_name, route, kind) => {
    const { fetch } = fakeFetch(route ? { 'POST /api/v1/apps': route } : {});
    const error = await rejection(registerApp(ORIGIN, REDIRECT, fetch));
    expect(error).toBeInstanceOf(MastodonConnectError);
    expect(error).toMatchObject({ kind, messageKey: `error.mastodon.${kind}` });
  });
});

describe('createPkce', () => {
  it('makes a 43-character URL-safe verifier and its S256 challenge', async () => {
    const pkce = await createPkce();
    expect(pkce.method).toBe('S256');
    expect(pkce.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(pkce.verifier)));
    expect(pkce.challenge).toBe(Buffer.from(digest).toString('base64url'));
  });

  it('never repeats a verifier', async () => {
    const verifiers = new Set(await Promise.all(Array.from({ length: 20 }, async () => (await createPkce()).verifier)));
    expect(verifiers.size).toBe(20);
  });
});

describe('buildAuthorizeUrl', () => {
  it('carries every OAuth and PKCE parameter', () => {
    const url = new URL(
      buildAuthorizeUrl({ origin: ORIGIN, clientId: 'cid', redirectUri: REDIRECT, state: 's1', challenge: 'ch' }),
    );
    expect(url.origin + url.pathname).toBe(`${ORIGIN}/oauth/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'cid',
      redirect_uri: REDIRECT,
      scope: MASTODON_SCOPES.join(' '),
      state: 's1',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
    });
  });

  it('leaves PKCE out when there is no challenge', () => {
    const url = new URL(
      buildAuthorizeUrl({ origin: ORIGIN, clientId: 'cid', redirectUri: REDIRECT, state: 's', scopes: ['read'] }),
    );
    expect(url.searchParams.has('code_challenge')).toBe(false);
    expect(url.searchParams.get('scope')).toBe('read');
  });
});

describe('parseRedirect', () => {
  it('returns the code when the state matches', () => {
    expect(parseRedirect(`${REDIRECT}?code=abc&state=s1`, 's1')).toBe('abc');
  });

  it('accepts the answer in the fragment', () => {
    expect(parseRedirect(`${REDIRECT}#code=abc&state=s1`, 's1')).toBe('abc');
  });

  it.each([
    ['denied', `${REDIRECT}?error=access_denied&state=s1`, 'cancelled'],
    ['wrong state', `${REDIRECT}?code=abc&state=evil`, 'stateMismatch'],
    ['no state', `${REDIRECT}?code=abc`, 'stateMismatch'],
    ['denied with wrong state', `${REDIRECT}?error=access_denied&state=evil`, 'stateMismatch'],
    ['invalid scope', `${REDIRECT}?error=invalid_scope&state=s1`, 'permission'],
    ['other error', `${REDIRECT}?error=server_error&error_description=boom&state=s1`, 'auth'],
    ['no code', `${REDIRECT}?state=s1`, 'auth'],
    ['not a URL', 'nonsense', 'auth'],
  ])('%s -> %s', (_name, url, kind) => {
    const error = caught(() => parseRedirect(url, 's1'));
    expect(error).toBeInstanceOf(MastodonConnectError);
    expect(error).toMatchObject({ kind });
  });
});

describe('exchangeCode', () => {
  const params = {
    origin: ORIGIN,
    clientId: 'cid',
    clientSecret: 'sec',
    redirectUri: REDIRECT,
    code: 'abc',
    verifier: 'ver',
  };

  it('posts a form with the verifier and returns the token', async () => {
    const { fetch, calls } = fakeFetch({
      'POST /oauth/token': () =>
        json({ access_token: 'tok', token_type: 'Bearer', scope: MASTODON_SCOPES.join(' '), created_at: 1 }),
    });
    await expect(exchangeCode(params, fetch)).resolves.toEqual({ accessToken: 'tok', scopes: [...MASTODON_SCOPES] });
    expect(Object.fromEntries(new URLSearchParams(calls[0]?.body))).toEqual({
      grant_type: 'authorization_code',
      code: 'abc',
      client_id: 'cid',
      client_secret: 'sec',
      redirect_uri: REDIRECT,
      scope: MASTODON_SCOPES.join(' '),
      code_verifier: 'ver',
    });
  });

  it('accepts broad scopes that cover the fine-grained ones', async () => {
    const { fetch } = fakeFetch({ 'POST /oauth/token': () => json({ access_token: 'tok', scope: 'read write' }) });
    await expect(exchangeCode(params, fetch)).resolves.toMatchObject({ scopes: ['read', 'write'] });
  });

  it.each<[string, Route, string]>([
    ['missing scopes', () => json({ access_token: 'tok', scope: 'read:accounts write:statuses' }), 'permission'],
    [
      'invalid_grant',
      () => json({ error: 'invalid_grant', error_description: 'The provided authorization grant is invalid' }, 400),
      'auth',
    ],
    ['invalid_client', () => json({ error: 'invalid_client' }, 401), 'auth'],
    ['no token', () => json({ token_type: 'Bearer' }), 'auth'],
    ['502', () => html(502), 'unreachable'],
  ])('%s -> %s', async (_name, route, kind) => {
    const { fetch } = fakeFetch({ 'POST /oauth/token': route });
    await expect(rejection(exchangeCode(params, fetch))).resolves.toMatchObject({ kind });
  });
});

describe('verifyCredentials', () => {
  it('sends the bearer token and maps the account', async () => {
    const { fetch, calls } = fakeFetch({
      'GET /api/v1/accounts/verify_credentials': () =>
        json({
          id: '109',
          username: 'me',
          acct: 'me',
          display_name: 'Me Myself',
          avatar: 'https://example.social/a.png',
          url: 'https://example.social/@me',
        }),
    });
    await expect(verifyCredentials(ORIGIN, 'tok', fetch)).resolves.toEqual({
      id: '109',
      username: 'me',
      acct: 'me',
      displayName: 'Me Myself',
      avatar: 'https://example.social/a.png',
      url: 'https://example.social/@me',
    });
    expect(calls[0]?.headers.get('authorization')).toBe('Bearer tok');
  });

  it('uses the username when the display name is empty', async () => {
    const { fetch } = fakeFetch({
      'GET /api/v1/accounts/verify_credentials': () => json({ id: '1', username: 'me', display_name: '' }),
    });
    await expect(verifyCredentials(ORIGIN, 'tok', fetch)).resolves.toMatchObject({ displayName: 'me', acct: 'me' });
  });

  it.each<[string, Route, string]>([
    ['401', () => json({ error: 'The access token is invalid' }, 401), 'auth'],
    ['403', () => json({ error: 'This action is outside the authorized scopes' }, 403), 'permission'],
    ['500', () => json({ error: 'oops' }, 500), 'unreachable'],
    ['HTML', () => html(), 'notMastodon'],
  ])('%s -> %s', async (_name, route, kind) => {
    const { fetch } = fakeFetch({ 'GET /api/v1/accounts/verify_credentials': route });
    const error = await rejection(verifyCredentials(ORIGIN, 'tok', fetch));
    expect(error).toMatchObject({ kind });
  });
});

describe('revokeToken', () => {
  it('posts the client and the token', async () => {
    const { fetch, calls } = fakeFetch({ 'POST /oauth/revoke': () => json({}) });
    await revokeToken(ORIGIN, 'cid', 'sec', 'tok', fetch);
    expect(Object.fromEntries(new URLSearchParams(calls[0]?.body))).toEqual({
      client_id: 'cid',
      client_secret: 'sec',
      token: 'tok',
    });
  });

  it.each<[string, Route, string]>([
    ['another app', () => json({ error: 'unauthorized_client' }, 403), 'auth'],
    ['network down', networkDown, 'unreachable'],
  ])('%s -> %s', async (_name, route, kind) => {
    const { fetch } = fakeFetch({ 'POST /oauth/revoke': route });
    await expect(rejection(revokeToken(ORIGIN, 'cid', 'sec', 'tok', fetch))).resolves.toMatchObject({ kind });
  });
});
