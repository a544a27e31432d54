import { createHash, randomBytes } from 'node:crypto';

// The client side of Mastodon's OAuth flow with plain fetch, as the extension
// does it, so tests can walk each step and look at every answer.

export const REDIRECT_URI = 'https://abcdefghijklmnop.chromiumapp.org/';

export interface RegisteredApp {
  client_id: string;
  client_secret: string;
  [key: string]: unknown;
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export async function registerApp(baseUrl: string, scopes = 'read write follow'): Promise<RegisteredApp> {
  const response = await fetch(`${baseUrl}/api/v1/apps`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      client_name: 'Sortie',
      redirect_uris: [REDIRECT_URI],
      scopes,
      website: 'https://sortie.example',
    }),
  });
  if (response.status !== 200) throw new Error(`app registration failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as RegisteredApp;
}

export interface AuthorizeParams {
  client_id: string;
  redirect_uri?: string;
  scope?: string;
  state?: string;
  code_challenge?: string;
  code_challenge_method?: string;
  response_type?: string;
}

function authorizeForm(params: AuthorizeParams): URLSearchParams {
  return new URLSearchParams({
    response_type: params.response_type ?? 'code',
    client_id: params.client_id,
    redirect_uri: params.redirect_uri ?? REDIRECT_URI,
    scope: params.scope ?? 'read write follow',
    state: params.state ?? 'state-123',
    ...(params.code_challenge ? { code_challenge: params.code_challenge } : {}),
    ...(params.code_challenge_method ? { code_challenge_method: params.code_challenge_method } : {}),
  });
}

export function authorizeUrl(baseUrl: string, params: AuthorizeParams): string {
  return `${baseUrl}/oauth/authorize?${authorizeForm(params).toString()}`;
}

/** Submits the authorize form as a browser would; returns the raw response (302 expected). */
export async function submitAuthorize(
  baseUrl: string,
  params: AuthorizeParams,
  decision: { username: string; password: string } | 'deny',
): Promise<Response> {
  const form = authorizeForm(params);
  if (decision === 'deny') {
    form.set('decision', 'deny');
  } else {
    form.set('username', decision.username);
    form.set('password', decision.password);
    form.set('decision', 'authorize');
  }
  return fetch(`${baseUrl}/oauth/authorize`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form,
    redirect: 'manual',
  });
}

export async function exchangeCode(
  baseUrl: string,
  app: RegisteredApp,
  code: string,
  extra: Record<string, string> = {},
) {
  const response = await fetch(`${baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: app.client_id,
      client_secret: app.client_secret,
      redirect_uri: REDIRECT_URI,
      code,
      ...extra,
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Registers an app, signs in with PKCE and returns a user token. */
export async function obtainToken(baseUrl: string, username: string, password: string): Promise<string> {
  const app = await registerApp(baseUrl);
  const { verifier, challenge } = pkcePair();
  const params = { client_id: app.client_id, code_challenge: challenge, code_challenge_method: 'S256' };
  const location = (await submitAuthorize(baseUrl, params, { username, password })).headers.get('location') ?? '';
  const code = new URL(location).searchParams.get('code') ?? '';
  const token = await exchangeCode(baseUrl, app, code, { code_verifier: verifier });
  return String(token.body.access_token);
}
