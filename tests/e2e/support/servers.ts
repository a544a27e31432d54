/**
 * The real PDS and the Mastodon test server, started once per Playwright
 * worker (they hold no state a test depends on but the accounts it creates).
 */
import { test as base } from './fixtures.ts';
import { startTestPds, type TestPds } from '../../servers/pds.ts';
import { startMastodonServer } from '../../servers/mastodon/index.ts';
import type { MastodonTestServer } from '../../servers/mastodon/types.ts';

export const test = base.extend<Record<never, never>, { pds: TestPds; mastodon: MastodonTestServer }>({
  pds: [
    async ({}, use) => {
      const pds = await startTestPds();
      await use(pds);
      await pds.close();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  mastodon: [
    async ({}, use) => {
      const server = await startMastodonServer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
});

export const expect = test.expect;

let counter = 0;
/** A handle-safe unique name per test. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}`.toLowerCase();
}
