/**
 * The adapter contract (lib/networks/engine.ts), one suite for every network
 * in the registry, each against its real server: the Mastodon test server
 * (tests/servers/mastodon) and a real PDS (tests/servers/pds.ts). A network
 * added to the registry without a server here does not compile (SERVERS is
 * a Record over Network).
 */
import { randomUUID } from 'node:crypto';
import type { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../lib/model/account.ts';
import { blueskySessionOf } from '../../lib/networks/bluesky/engine/adapter.ts';
import { resumeBluesky } from '../../lib/networks/bluesky/engine/session.ts';
import type { AdapterDeps, NetworkEngine } from '../../lib/networks/engine.ts';
import { createNetworkEngines, engineOf } from '../../lib/networks/engine-registry.ts';
import {
  buildAuthorizeUrl,
  createPkce,
  exchangeCode,
  parseRedirect,
  registerApp,
} from '../../lib/networks/mastodon/oauth.ts';
import type { ConnectInputOf, Network } from '../../lib/networks/network.ts';
import { NETWORK_IDS } from '../../lib/networks/registry.ts';
import { newIdempotencyKey } from '../../lib/outbox/keys.ts';
import type { PartToSend, PostRef } from '../../lib/networks/types.ts';
import { makeImage } from '../unit/bluesky/fixtures.ts';
import { makePart } from '../unit/support/part.ts';
import { startMastodonServer } from './mastodon/index.ts';
import { startTestPds } from './pds.ts';

/** What the suite reads back from the server, whatever the network. */
interface Published {
  text: string;
  /** The id (status id or at-uri) of the post this one answers, or null. */
  replyTo: string | null;
  alts: string[];
}

interface ServerUnderTest {
  /** Connect input for a fresh user on a fresh server. */
  start(): Promise<ConnectInputOf<Network>>;
  read(account: Account, ref: PostRef): Promise<Published>;
  /** How many posts the account has on the server. */
  count(account: Account): Promise<number>;
  /** Whether the server still accepts the account's stored session (checked with the network's own call). */
  sessionWorks(account: Account): Promise<boolean>;
  stop(): Promise<void>;
}

const REDIRECT_URI = 'https://abcdefghijklmnop.chromiumapp.org/mastodon';
const PASSWORD = 'correct horse battery staple';

function mastodonServer(): ServerUnderTest {
  let server: Awaited<ReturnType<typeof startMastodonServer>> | null = null;
  // Sortie asks for no read scope: the suite reads back with the server's own fixture token.
  let readToken = '';
  const api = async (account: Account, path: string): Promise<any> => {
    if (account.credentials.network !== 'mastodon') throw new Error('not a Mastodon account');
    const res = await fetch(`${account.credentials.server}${path}`, {
      headers: { Authorization: `Bearer ${readToken}` },
    });
    expect(res.status).toBe(200);
    return res.json();
  };
  return {
    async start() {
      server = await startMastodonServer();
      readToken = server.createAccount('alice', PASSWORD).token;
      const origin = server.url;
      const app = await registerApp(origin, REDIRECT_URI);
      const pkce = await createPkce();
      const state = randomUUID();
      const authorizeUrl = buildAuthorizeUrl({
        origin,
        clientId: app.clientId,
        redirectUri: REDIRECT_URI,
        state,
        challenge: pkce.challenge,
      });
      // The consent form, submitted as the person would.
      const form = new URLSearchParams(new URL(authorizeUrl).searchParams);
      form.set('decision', 'authorize');
      form.set('username', 'alice');
      form.set('password', PASSWORD);
      const answer = await fetch(new URL('/oauth/authorize', authorizeUrl), {
        method: 'POST',
        body: form,
        redirect: 'manual',
      });
      const code = parseRedirect(answer.headers.get('location') ?? '', state);
      const token = await exchangeCode({
        origin,
        clientId: app.clientId,
        clientSecret: app.clientSecret,
        redirectUri: REDIRECT_URI,
        code,
        verifier: pkce.verifier,
      });
      return { origin, accessToken: token.accessToken, clientId: app.clientId, clientSecret: app.clientSecret };
    },
    async read(account, ref) {
      const status = await api(account, `/api/v1/statuses/${ref.id}`);
      return {
        text: String(status.content).replace(/<[^>]+>/g, ''),
        replyTo: status.in_reply_to_id ?? null,
        alts: (status.media_attachments as Array<{ description: string | null }>).map((m) => m.description ?? ''),
      };
    },
    async count(account) {
      const me = await api(account, '/api/v1/accounts/verify_credentials');
      return Number(me.statuses_count);
    },
    async sessionWorks(account) {
      if (account.credentials.network !== 'mastodon') throw new Error('not a Mastodon account');
      const res = await fetch(`${account.credentials.server}/api/v1/accounts/verify_credentials`, {
        headers: { Authorization: `Bearer ${account.credentials.accessToken}` },
      });
      return res.ok;
    },
    stop: async () => server?.close(),
  };
}

function blueskyServer(): ServerUnderTest {
  let pds: Awaited<ReturnType<typeof startTestPds>> | null = null;
  let did = '';
  const reader = async (): Promise<AtpAgent> => pds!.agentFor(did);
  return {
    async start() {
      pds = await startTestPds();
      const user = await pds.createUser('alice');
      did = user.did;
      return { identifier: user.handle, password: user.appPassword, service: pds.url };
    },
    async read(_account, ref) {
      const [, , repo, collection, rkey] = ref.id.split('/');
      const res = await (
        await reader()
      ).com.atproto.repo.getRecord({ repo: repo!, collection: collection!, rkey: rkey! });
      const value = res.data.value as {
        text: string;
        reply?: { parent: { uri: string } };
        embed?: { images?: Array<{ alt: string }> };
      };
      return {
        text: value.text,
        replyTo: value.reply?.parent.uri ?? null,
        alts: (value.embed?.images ?? []).map((i) => i.alt),
      };
    },
    async count() {
      const res = await (
        await reader()
      ).com.atproto.repo.listRecords({ repo: did, collection: 'app.bsky.feed.post', limit: 100 });
      return res.data.records.length;
    },
    async sessionWorks(account) {
      // An access JWT stays valid until it expires whatever happens; what signing out ends is the refresh token.
      if (account.credentials.network !== 'bluesky') throw new Error('not a Bluesky account');
      const res = await fetch(`${account.credentials.server}/xrpc/com.atproto.server.refreshSession`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${account.credentials.refreshJwt}` },
      });
      return res.ok;
    },
    stop: async () => pds?.close(),
  };
}

const SERVERS: Record<Network, () => ServerUnderTest> = { mastodon: mastodonServer, bluesky: blueskyServer };

function engineFor(network: Network, accounts: Map<string, Account>): NetworkEngine<Network> {
  const agents = new Map<string, Promise<AtpAgent>>();
  const deps: AdapterDeps = {
    now: Date.now,
    getAccount: async (id) => accounts.get(id),
    saveAccount: async (account) => void accounts.set(account.id, account),
    shrinkImage: async (image) => image,
  };
  const sessions = {
    get(account: Account) {
      let agent = agents.get(account.id);
      if (!agent) {
        if (account.credentials.network !== 'bluesky') throw new Error('not a Bluesky account');
        agent = resumeBluesky(blueskySessionOf(account), () => undefined);
        agents.set(account.id, agent);
      }
      return agent;
    },
    forget: (id: string) => void agents.delete(id),
  };
  return engineOf(createNetworkEngines({ ...deps, blueskySessions: sessions }), network);
}

describe.each(NETWORK_IDS)('the %s adapter', (network) => {
  const server = SERVERS[network]();
  const accounts = new Map<string, Account>();
  const engine = engineFor(network, accounts);
  let account: Account;
  const part = (overrides: Partial<PartToSend>): PartToSend =>
    makePart({ idempotencyKey: newIdempotencyKey(network), ...overrides });

  beforeAll(async () => {
    const input = await server.start();
    const result = await engine.connect(input);
    if (result.status !== 'connected') throw new Error(`connect: ${JSON.stringify(result)}`);
    account = result.account;
    accounts.set(account.id, account);
  }, 120_000);

  afterAll(async () => {
    await server.stop();
  });

  it('connects: an account of this network, with a session', () => {
    expect(account.network).toBe(network);
    expect(account.status).toBe('ok');
    expect(account.credentials.network).toBe(network);
  });

  it('refuses wrong credentials with a message key, not an exception', async () => {
    const input =
      account.credentials.network === 'mastodon'
        ? { origin: account.credentials.server, accessToken: 'not-a-token', clientId: '', clientSecret: '' }
        : {
            identifier: account.credentials.handle,
            password: 'aaaa-bbbb-cccc-dddd',
            service: account.credentials.server,
          };
    const result = await engine.connect(input as ConnectInputOf<Network>);
    expect(result.status).toBe('failed');
    if (result.status === 'failed') expect(result.messageKey).toMatch(/^error\./);
  });

  it('publishes text', async () => {
    const ref = await engine.publish({
      account,
      part: part({ text: 'Contract: hello 🎉' }),
      replyTo: null,
      firstAttempt: true,
    });
    const read = await server.read(account, ref);
    expect(read.text).toBe('Contract: hello 🎉');
    expect(read.replyTo).toBeNull();
  });

  it('publishes a thread: the reply points at its parent', async () => {
    const first = await engine.publish({
      account,
      part: part({ text: 'Thread 1/2' }),
      replyTo: null,
      firstAttempt: true,
    });
    const second = await engine.publish({
      account,
      part: part({ text: 'Thread 2/2', parent: first, root: first }),
      replyTo: null,
      firstAttempt: true,
    });
    expect((await server.read(account, second)).replyTo).toBe(first.id);
  });

  it('publishes an image with its alt text', async () => {
    const ref = await engine.publish({
      account,
      part: part({ text: 'With an image', images: [makeImage(8, 8, 'A tiny square')] }),
      replyTo: null,
      firstAttempt: true,
    });
    expect((await server.read(account, ref)).alts).toEqual(['A tiny square']);
  });

  it('honours the idempotency key: a retry with the same key does not post twice', async () => {
    const once = part({ text: 'Only once' });
    const first = await engine.publish({ account, part: once, replyTo: null, firstAttempt: true });
    const before = await server.count(account);
    const retry = await engine.publish({ account, part: once, replyTo: null, firstAttempt: false });
    expect(retry.id).toBe(first.id);
    expect(await server.count(account)).toBe(before);
  });

  it('disconnects: the server ends the session Sortie held', async () => {
    expect(await server.sessionWorks(account)).toBe(true);
    expect(await engine.disconnect(account)).toEqual({ revoked: true });
    engine.forget(account.id);
    expect(await server.sessionWorks(account)).toBe(false);
  });
});
