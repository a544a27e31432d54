import { createECDH } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { accountRoutes } from './accounts';
import { appRoutes } from './apps';
import {
  createFaults,
  createLocalAccount,
  createRemoteAccount,
  createState,
  fixtureApp,
  issueToken,
  type Core,
} from './core';
import { instanceRoutes, nodeinfoRoutes } from './instance';
import { PROFILES } from './profiles';
import { mediaRoutes } from './media';
import { authorizeRoutes } from './oauth-authorize';
import { tokenRoutes } from './oauth-token';
import { createRouter } from './router';
import { statusRoutes } from './statuses';
import type { MastodonServerOptions, MastodonTestServer, ResolvedOptions } from './types';

// A Mastodon server for tests, written from the API documentation and Mastodon's
// source: node:http only, on 127.0.0.1 and a random port. Start one per test file
// (or per test when state must not leak) and close it afterwards.

export type * from './types';
export { pngBytes } from './fixtures';
export { PROFILES, type ServerProfileName } from './profiles';

const DEFAULTS = {
  charactersReservedPerUrl: 23,
  imageSizeLimit: 16_777_216,
};

function resolveOptions(opts: MastodonServerOptions): ResolvedOptions {
  const defined = Object.fromEntries(Object.entries(opts).filter(([, value]) => value !== undefined));
  const profile = opts.profile ?? 'mastodon';
  return { ...DEFAULTS, ...PROFILES[profile], profile, ...defined };
}

export async function startMastodonServer(opts: MastodonServerOptions = {}): Promise<MastodonTestServer> {
  const core: Core = {
    opts: resolveOptions(opts),
    state: createState(),
    faults: createFaults(),
    baseUrl: 'http://127.0.0.1',
    domain: '127.0.0.1',
    vapidKey: createECDH('prime256v1').generateKeys().toString('base64url'),
    rateCounters: new Map(),
  };
  const handle = createRouter(core, [
    ...appRoutes(core),
    ...authorizeRoutes(core),
    ...tokenRoutes(core),
    ...instanceRoutes(core),
    ...nodeinfoRoutes(core),
    ...accountRoutes(core),
    ...mediaRoutes(core),
    ...statusRoutes(core),
  ]);
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // Only reachable if writing the response itself failed; drop the connection.
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  core.baseUrl = `http://127.0.0.1:${port}`;
  core.domain = `127.0.0.1:${port}`;

  return {
    url: core.baseUrl,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
    createAccount(username: string, password = 'password') {
      const account = createLocalAccount(core, username, password);
      const token = issueToken(core, fixtureApp(core).id, account.id, ['read', 'write', 'follow', 'push']);
      return { id: account.id, token: token.token };
    },
    addRemoteAccount(acct, init) {
      return { id: createRemoteAccount(core, acct, init).id };
    },
    state: core.state,
    faults: core.faults,
  };
}
