/**
 * A real, throw-away Bluesky PDS (plus its PLC directory) for tests, built on
 * @atproto/dev-env. There is no AppView: app.bsky.* reads answer 502, so tests
 * read back with com.atproto.repo.getRecord / listRecords.
 *
 * Used in-process by Vitest (one PDS per test file, in beforeAll) and by the
 * Playwright global setup, which runs in its own Node process.
 */
import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { AtpAgent } from '@atproto/api';
import { JWT_SECRET, TestNetworkNoAppView } from '@atproto/dev-env';

export interface TestUser {
  did: string;
  /** Full handle, e.g. `alice.test`. */
  handle: string;
  /** The account password (what a user should NOT paste into Sortie). */
  password: string;
  /** An app password in the `xxxx-xxxx-xxxx-xxxx` form. */
  appPassword: string;
}

export interface TestPds {
  /** Public URL of the PDS, `http://localhost:<port>`. */
  url: string;
  close(): Promise<void>;
  /** `'alice'` creates `alice.test`. */
  createUser(name: string): Promise<TestUser>;
  /** A fresh agent logged in as that user with the account password. */
  agentFor(did: string): Promise<AtpAgent>;
}

const LOOPBACK = '127.0.0.1';

type ListenArgs = Parameters<net.Server['listen']>;

/**
 * The PLC and PDS servers call `listen(port)` without a host, which binds every
 * interface. Tests must only ever be reachable on loopback, so while they start
 * we inject 127.0.0.1 into any host-less listen call.
 */
async function withLoopbackListen<T>(start: () => Promise<T>): Promise<T> {
  const original = net.Server.prototype.listen;
  const patched = function (this: net.Server, ...args: unknown[]) {
    const [first, second] = args;
    if (typeof first === 'number' && typeof second !== 'string') {
      args.splice(1, 0, LOOPBACK);
    } else if (typeof first === 'object' && first !== null && 'port' in first && !('host' in first)) {
      args[0] = { ...first, host: LOOPBACK };
    }
    return original.apply(this, args as ListenArgs);
  } as typeof original;
  net.Server.prototype.listen = patched;
  try {
    return await start();
  } finally {
    net.Server.prototype.listen = original;
  }
}

export async function startTestPds(): Promise<TestPds> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sortie-pds-'));
  const network = await withLoopbackListen(() =>
    TestNetworkNoAppView.create({
      pds: {
        // Our own temp folder so close() can remove the SQLite files and blobs.
        dataDirectory: dir,
        blobstoreDiskLocation: path.join(dir, 'blobs'),
      },
    }),
  );
  const url = network.pds.url;
  const passwords = new Map<string, string>();

  return {
    url,
    async close() {
      try {
        await network.close();
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    async createUser(name) {
      const handle = `${name}.test`;
      const password = `${name}-account-password`;
      const agent = new AtpAgent({ service: url });
      const created = await agent.createAccount({ handle, password, email: `${name}@example.com` });
      const app = await agent.com.atproto.server.createAppPassword({ name: 'sortie-test' });
      passwords.set(created.data.did, password);
      return { did: created.data.did, handle, password, appPassword: app.data.password };
    },
    async agentFor(did) {
      const password = passwords.get(did);
      if (password === undefined) throw new Error(`No test user with DID ${did}`);
      const agent = new AtpAgent({ service: url });
      await agent.login({ identifier: did, password });
      return agent;
    },
  };
}

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

/**
 * The same access token, validly signed but expired a minute ago, so the PDS
 * answers ExpiredToken (a corrupted token gets InvalidToken instead, which
 * clients do not refresh on). The test PDS signs with dev-env's JWT_SECRET.
 */
export function expireAccessJwt(accessJwt: string, nowMs = Date.now()): string {
  const [header, payload] = accessJwt.split('.');
  if (!header || !payload) throw new Error('Not a JWT');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  const past = Math.floor(nowMs / 1000) - 60;
  const body = base64url(JSON.stringify({ ...claims, iat: past - 60, exp: past }));
  const signature = createHmac('sha256', JWT_SECRET).update(`${header}.${body}`).digest('base64url');
  return `${header}.${body}.${signature}`;
}
