/**
 * Connecting a Mastodon account, run by the service worker (the browser's
 * sign-in window is only available there). Plain fetch, no client library:
 * the worker must stay small. The token goes straight into IndexedDB and
 * never back to the page that asked.
 */
import type { Db } from '../db.ts';
import { fetchInstance, type MastodonInstanceInfo } from '../networks/mastodon/instance.ts';
import type { FetchLike } from '../networks/mastodon/fetch.ts';
import { accountId, type Account } from '../model/account.ts';
import { MastodonConnectError } from '../networks/mastodon/connect-error.ts';
import { mastodonAccount } from '../networks/mastodon/account.ts';
import {
  buildAuthorizeUrl,
  createPkce,
  exchangeCode,
  MASTODON_SCOPES,
  parseRedirect,
  registerApp,
  verifyCredentials,
  type MastodonApp,
  type MastodonProfile,
} from '../networks/mastodon/oauth.ts';
import { normaliseServerInput } from '../networks/mastodon/server-input.ts';
import { getAccount, putAccount } from './store.ts';

export interface ConnectDeps {
  db: Db;
  fetch: FetchLike;
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
export async function connectMastodon(deps: ConnectDeps, server: string): Promise<Account> {
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
  const profile = await verifyCredentials(origin, token.accessToken, deps.fetch);
  return store(deps, instance, profile, token.accessToken, app);
}

/** For servers older than 4.3 or without OAuth that works here: a token the user made in their settings. */
export async function connectMastodonWithToken(deps: ConnectDeps, server: string, accessToken: string): Promise<Account> {
  const origin = originFromInput(server);
  const instance = await probeInstance(deps, origin);
  const profile = await verifyCredentials(origin, accessToken.trim(), deps.fetch);
  return store(deps, instance, profile, accessToken.trim(), { clientId: '', clientSecret: '' });
}

async function store(
  deps: ConnectDeps,
  instance: MastodonInstanceInfo,
  profile: MastodonProfile,
  accessToken: string,
  app: MastodonApp,
): Promise<Account> {
  const input = { origin: instance.origin, accessToken, clientId: app.clientId, clientSecret: app.clientSecret };
  const existing = await getAccount(deps.db, accountId('mastodon', instance.origin, profile.id));
  const account = mastodonAccount(instance, profile, input, existing, deps.now());
  await putAccount(deps.db, account);
  return account;
}
