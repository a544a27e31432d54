import { secretToken, snowflakeId } from './ids';
import type {
  AccountRecord,
  AppRecord,
  FollowRecord,
  RemoteAccountInit,
  ResolvedOptions,
  ServerFaults,
  ServerState,
  TokenRecord,
} from './types';

// The server's world: resolved options, the records tests inspect, the faults they
// inject, and the lookups every route needs over those records.

export interface Core {
  opts: ResolvedOptions;
  state: ServerState;
  faults: ServerFaults;
  /** 'http://127.0.0.1:PORT', known once the socket listens. */
  baseUrl: string;
  /** LOCAL_DOMAIN: the host and port accounts live on. */
  domain: string;
  /** The server's Web Push public key (uncompressed P-256 point, base64url). */
  vapidKey: string;
  /** Requests counted per token in the current rate-limit window. */
  rateCounters: Map<string, { windowEnd: number; count: number }>;
}

export function createState(): ServerState {
  return {
    apps: [],
    accounts: [],
    tokens: [],
    authCodes: [],
    statuses: [],
    scheduledStatuses: [],
    media: [],
    follows: [],
    requestLog: [],
    idempotency: new Map(),
  };
}

export function createFaults(): ServerFaults {
  return {
    latencyMs: 0,
    nextStatuses: [],
    rateLimitResetMs: 60_000,
    mediaProcessingMs: 0,
    remoteFollowAcceptMs: 0,
    hugeBodies: [],
  };
}

/** `major.minor` comparison on versions such as '4.5.0' or '4.3.0-beta.1'. */
export function versionAtLeast(version: string, major: number, minor: number): boolean {
  const [maj = 0, min = 0] = version.split(/[.-]/).map((part) => Number.parseInt(part, 10) || 0);
  return maj > major || (maj === major && min >= minor);
}

export function acctOf(account: AccountRecord): string {
  return account.domain ? `${account.username}@${account.domain}` : account.username;
}

export function findAccount(core: Core, id: string): AccountRecord | undefined {
  return core.state.accounts.find((a) => a.id === id);
}

/** Finds `user`, `@user`, `user@LOCAL_DOMAIN` or `user@remote.host`, case-insensitively. */
export function findAccountByAcct(core: Core, acct: string): AccountRecord | undefined {
  const [username = '', rawDomain] = acct.replace(/^@/, '').split('@');
  const domain = rawDomain && rawDomain.toLowerCase() !== core.domain.toLowerCase() ? rawDomain.toLowerCase() : null;
  return core.state.accounts.find(
    (a) => a.username.toLowerCase() === username.toLowerCase() && (a.domain?.toLowerCase() ?? null) === domain,
  );
}

/** The app that owns tokens made by createAccount, registered on first use. */
export function fixtureApp(core: Core): AppRecord {
  const existing = core.state.apps.find((a) => a.name === 'Test fixtures');
  if (existing) return existing;
  const app: AppRecord = {
    id: snowflakeId(),
    name: 'Test fixtures',
    website: null,
    redirectUris: ['urn:ietf:wg:oauth:2.0:oob'],
    scopes: ['read', 'write', 'follow', 'push'],
    clientId: secretToken(),
    clientSecret: secretToken(),
    createdAt: new Date(),
  };
  core.state.apps.push(app);
  return app;
}

export function issueToken(core: Core, appId: string, accountId: string | null, scopes: string[]): TokenRecord {
  const token: TokenRecord = { token: secretToken(), appId, accountId, scopes, createdAt: new Date(), revoked: false };
  core.state.tokens.push(token);
  return token;
}

export function createLocalAccount(core: Core, username: string, password: string): AccountRecord {
  if (!/^[a-z0-9_]+([a-z0-9_.-]+[a-z0-9_]+)?$/i.test(username)) {
    throw new Error(`"${username}" is not a valid Mastodon username`);
  }
  if (findAccountByAcct(core, username)) throw new Error(`account ${username} already exists`);
  const account: AccountRecord = {
    id: snowflakeId(),
    username,
    domain: null,
    displayName: '',
    note: '',
    fields: [],
    locked: false,
    bot: false,
    password,
    fetched: true,
    url: `${core.baseUrl}/@${username}`,
    uri: `${core.baseUrl}/users/${username}`,
    createdAt: new Date(),
  };
  core.state.accounts.push(account);
  return account;
}

export function createRemoteAccount(core: Core, acct: string, init: RemoteAccountInit = {}): AccountRecord {
  const [username, domain] = acct.replace(/^@/, '').split('@');
  if (!username || !domain) throw new Error(`"${acct}" is not of the form user@host`);
  if (findAccountByAcct(core, acct)) throw new Error(`account ${acct} already exists`);
  const account: AccountRecord = {
    id: snowflakeId(),
    username,
    domain: domain.toLowerCase(),
    displayName: init.display_name ?? '',
    note: init.note ?? '',
    fields: (init.fields ?? []).map((f) => ({ name: f.name, value: f.value, verifiedAt: null })),
    locked: init.locked ?? false,
    bot: init.bot ?? false,
    password: null,
    fetched: init.fetched ?? false,
    url: `https://${domain}/@${username}`,
    uri: `https://${domain}/users/${username}`,
    createdAt: new Date(),
  };
  core.state.accounts.push(account);
  return account;
}

export function makeFollow(followerId: string, targetId: string, acceptAt: number | null): FollowRecord {
  return {
    followerId,
    targetId,
    createdAt: new Date(),
    acceptAt,
    get state() {
      return this.acceptAt !== null && Date.now() >= this.acceptAt ? 'accepted' : 'requested';
    },
    showingReblogs: true,
    notifying: false,
    languages: null,
  };
}

export function findFollow(core: Core, followerId: string, targetId: string): FollowRecord | undefined {
  return core.state.follows.find((f) => f.followerId === followerId && f.targetId === targetId);
}
