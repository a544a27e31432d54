/**
 * The browser half of connecting a Mastodon account, run by the service
 * worker (the browser's sign-in window is only available there): find the
 * server, register the app, run the sign-in window and exchange its code for
 * a token. Plain fetch, no client library: the worker must stay small. The
 * token then goes to the engine's `account.connect`, like every network's
 * sign-in: the adapter checks it with the server and the account is stored
 * there. It never goes back to the page that asked.
 */
import type { Db } from '../../db.ts';
import type { PublicAccount } from '../../model/account.ts';
import { fetchInstance, type MastodonInstanceInfo } from '../../networks/mastodon/instance.ts';
import type { FetchLike } from '../../networks/mastodon/fetch.ts';
import { MastodonConnectError } from '../../networks/mastodon/connect-error.ts';
import {
  buildAuthorizeUrl,
  createPkce,
  exchangeCode,
  MASTODON_SCOPES,
  parseRedirect,
  registerApp,
  type MastodonApp,
} from '../../networks/mastodon/oauth.ts';
import { normaliseServerInput } from '../../networks/mastodon/server-input.ts';
import type { MastodonConnectInput } from '../../networks/network.ts';

export interface ConnectDeps {
  db: Db;
  fetch: FetchLike;
  /** The engine's `account.connect` for Mastodon: checks the token with the server, stores the account. */
  connect: (input: MastodonConnectInput) => Promise<PublicAccount>;
  /** browser.identity.launchWebAuthFlow: resolves with the final redirect URL. */
  launchWebAuthFlow: (url: string) => Promise<string>;
  redirectUri: string;
  now: () => number;
  randomState: () => string;
}

/**
 * Mastodon answers its API to any origin (CORS). A server that does not is
 * either down or not Mastodon; a no-cors request tells the two apart, since
 * it succeeds whenever the server answers at all.
 */
async function probeInstance(deps: ConnectDeps, origin: string): Promise<MastodonInstanceInfo> {
  try {
    return await fetchInstance(origin, deps.fetch);
  } catch (error) {
    if (!(error instanceof MastodonConnectError) || error.kind !== 'unreachable') throw error;
    const answered = await deps.fetch(`${origin}/`, { mode: 'no-cors' }).then(
      () => true,
      () => false,
    );
    if (answered) throw new MastodonConnectError('notMastodon', origin);
    throw error;
  }
}

export function originFromInput(server: string): string {
  const parsed = normaliseServerInput(server);
  if ('error' in parsed) throw parsed.error;
  return parsed.origin;
}

/** Registered once per server and redirect URI, then reused. */
async function appFor(deps: ConnectDeps, origin: string): Promise<MastodonApp> {
  const key = `${origin} ${deps.redirectUri}`;
  const cached = await deps.db.get('mastodonApps', key);
  if (cached) return { clientId: cached.clientId, clientSecret: cached.clientSecret };
  const app = await registerApp(origin, deps.redirectUri, deps.fetch);
  await deps.db.put('mastodonApps', { key, origin, redirectUri: deps.redirectUri, ...app, createdAt: deps.now() });
  return app;
}

/** The OAuth authorization-code flow with PKCE and state. */
export async function connectMastodon(deps: ConnectDeps, server: string): Promise<PublicAccount> {
  const origin = originFromInput(server);
  const instance = await probeInstance(deps, origin);
  const app = await appFor(deps, origin);
  const pkce = await createPkce();
  const state = deps.randomState();
  const url = buildAuthorizeUrl({
    origin,
    clientId: app.clientId,
    redirectUri: deps.redirectUri,
    scopes: MASTODON_SCOPES,
    state,
    challenge: instance.supportsPkce ? pkce.challenge : undefined,
  });
  let redirect: string;
  try {
    redirect = await deps.launchWebAuthFlow(url);
  } catch (error) {
    // The browser rejects when the user closes the window: that is a choice, not a failure.
    throw new MastodonConnectError('cancelled', error instanceof Error ? error.message : String(error));
  }
  const code = parseRedirect(redirect, state);
  const token = await exchangeCode(
    {
      origin,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      redirectUri: deps.redirectUri,
      code,
      verifier: instance.supportsPkce ? pkce.verifier : undefined,
      scopes: MASTODON_SCOPES,
    },
    deps.fetch,
  );
  if (!token.scopes.includes('write:statuses') && !token.scopes.includes('write')) {
    throw new MastodonConnectError('permission', token.scopes.join(' '));
  }
  return deps.connect({
    origin: instance.origin,
    accessToken: token.accessToken,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
  });
}

/** For servers older than 4.3 or without OAuth that works here: a token the user made in their settings. */
export async function connectMastodonWithToken(
  deps: ConnectDeps,
  server: string,
  accessToken: string,
): Promise<PublicAccount> {
  const origin = originFromInput(server);
  const instance = await probeInstance(deps, origin);
  return deps.connect({ origin: instance.origin, accessToken: accessToken.trim(), clientId: '', clientSecret: '' });
}
