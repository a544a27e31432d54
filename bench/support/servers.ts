/**
 * The e2e suite's servers for the posting and queue benches: the real PDS
 * and the Mastodon test server, one fresh account on each, connected in
 * Sortie through its own messages (the paste-a-token path for Mastodon, an
 * app password for Bluesky), as the e2e UI steps do through the forms.
 */
import type { Page } from '@playwright/test';
import { startMastodonServer, type MastodonTestServer } from '../../tests/servers/mastodon/index.ts';
import { startTestPds, type TestPds, type TestUser } from '../../tests/servers/pds.ts';

export interface BenchServers {
  mastodon: MastodonTestServer;
  pds: TestPds;
  close(): Promise<void>;
}

export interface BenchAccounts {
  mastodon: { id: string; token: string; username: string };
  bluesky: TestUser;
  /** Sortie's account ids. */
  mastodonId: string;
  blueskyId: string;
}

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<any> } };

export async function startServers(): Promise<BenchServers> {
  const [mastodon, pds] = await Promise.all([startMastodonServer(), startTestPds()]);
  return { mastodon, pds, close: async () => void (await Promise.all([mastodon.close(), pds.close()])) };
}

/**
 * Sends one of Sortie's messages from an extension page and returns the
 * reply's value (rejects on a refusal). Each browser's driver supplies its
 * own: `askInPage` for Playwright, bench/firefox-queue.ts's for Marionette.
 */
export type AskSortie = (name: string, body: unknown) => Promise<unknown>;

export function askInPage(page: Page): AskSortie {
  return async (name, body) => {
    const reply = await page.evaluate(([n, b]) => chrome.runtime.sendMessage({ sortie: 1, name: n, body: b }), [
      name,
      body,
    ] as const);
    if (!reply?.ok) throw new Error(`bench: ${name} failed: ${JSON.stringify(reply)}`);
    return reply.value;
  };
}

/** New accounts on both servers, connected in the Sortie that `ask` reaches. */
export async function connectAccounts(ask: AskSortie, servers: BenchServers, name: string): Promise<BenchAccounts> {
  const username = `${name}${Date.now().toString(36)}`.toLowerCase();
  const mastodon = { ...servers.mastodon.createAccount(username), username };
  const bluesky = await servers.pds.createUser(username);
  const m = (await ask('accounts.connectMastodonToken', {
    server: servers.mastodon.url,
    token: mastodon.token,
  })) as { id: string };
  const b = (await ask('accounts.connectBluesky', {
    identifier: bluesky.handle,
    password: bluesky.appPassword,
    service: servers.pds.url,
  })) as { status: string; account?: { id: string } };
  if (b.account === undefined) throw new Error(`bench: Bluesky connect answered ${b.status}`);
  return { mastodon, bluesky, mastodonId: m.id, blueskyId: b.account.id };
}
