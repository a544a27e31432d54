/** The engine's bridge runs with fake lookups: stop and resume, rate-limit waits shown, failures counted, auth ends the run. */
import { describe, expect, it } from 'vitest';
import type { Account } from '../../../lib/model/account';
import { putAccount } from '../../../lib/accounts/store';
import type { BlueskyLookup } from '../../../lib/networks/bluesky/engine/lookup';
import type { MastodonLookup } from '../../../lib/networks/mastodon/engine/lookup';
import { createBridgeService } from '../../../lib/bridge/engine/runner';
import { getRun, listEntries, mergeCollected } from '../../../lib/bridge/store';
import { openSortieDb } from '../../../lib/db';
import { PublishError } from '../../../lib/networks/types';
import { readStats, totals } from '../../../lib/stats';

const masto: Account = {
  id: 'mastodon:me',
  network: 'mastodon',
  handle: '@me@m.example',
  displayName: 'me',
  server: 'https://m.example',
  profileUrl: '',
  status: 'ok',
  credentials: { network: 'mastodon', server: 'https://m.example', accessToken: 't', clientId: '', clientSecret: '' },
  defaultInteraction: { reply: 'everyone', allowQuotes: true },
  createdAt: 0,
};

function fakeMastodon(search: (term: string) => Promise<void>): MastodonLookup {
  return {
    byAcct: async () => null,
    byUrl: async () => null,
    search: async (term) => {
      await search(term);
      return [];
    },
    followStates: async () => new Map(),
    follow: async () => 'following',
  };
}

async function setup(n: number) {
  const db = await openSortieDb();
  await putAccount(db, masto);
  const profiles = Array.from({ length: n }, (_, i) => ({
    handle: `user${i}`,
    displayName: `User ${i}`,
    bio: '',
    links: [],
    website: null,
  }));
  await mergeCollected(db, 'following:me', profiles, 'collect', 1);
  return db;
}

function service(db: Awaited<ReturnType<typeof setup>>, lookup: MastodonLookup, sleeps: number[] = []) {
  let finished!: () => void;
  const done = { promise: new Promise<void>((r) => (finished = r)) };
  // A clock that sleeping moves forward: waits for rate limits take no real time.
  let clock = Date.now();
  const svc = createBridgeService({
    db,
    now: () => clock,
    lookup: async (account) => (account.network === 'bluesky' ? ({} as BlueskyLookup) : lookup),
    announce: () => undefined,
    onFinished: () => finished(),
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
  });
  return { svc, done };
}

describe('bridge runs', () => {
  it('stops when asked and resumes with the accounts not looked up yet', async () => {
    const db = await setup(12);
    const searched: string[] = [];
    let stopNow: () => void = () => undefined;
    const first = service(
      db,
      fakeMastodon(async (term) => {
        searched.push(term);
        if (searched.length === 6) stopNow();
        await new Promise((r) => setTimeout(r, 2));
      }),
    );
    stopNow = () => first.svc.stop();
    await first.svc.startMatch({ accountIds: [masto.id], recheck: false });
    await first.done.promise;
    const stopped = (await getRun(db))!;
    expect(stopped.state).toBe('stopped');
    const checked = (await listEntries(db)).filter((e) => e.matches[masto.id]).length;
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThan(12);

    const second = service(
      db,
      fakeMastodon(async () => undefined),
    );
    await second.svc.startMatch({ accountIds: [masto.id], recheck: false });
    await second.done.promise;
    expect(await getRun(db)).toMatchObject({ state: 'done', total: 12 - checked, done: 12 - checked });
    expect((await listEntries(db)).every((e) => e.matches[masto.id])).toBe(true);
  });

  it('waits out a rate limit, counts lookups that failed, and goes on', async () => {
    const db = await setup(3);
    let calls = 0;
    const sleeps: number[] = [];
    const { svc, done } = service(
      db,
      fakeMastodon(async (term) => {
        calls++;
        if (calls === 1) throw new PublishError('rate-limit', 'error.rateLimited', '', Date.now() + 60_000);
        // (the service's clock starts at Date.now() too, so this reset lies a minute ahead of it)
        if (term === 'user2') throw new PublishError('validation', 'error.mastodon.validation', 'bad query');
      }),
      sleeps,
    );
    await svc.startMatch({ accountIds: [masto.id], recheck: false });
    await done.promise;
    // Waited out the minute the server asked for, then went on.
    expect(Math.max(...sleeps)).toBeGreaterThanOrEqual(59_000);
    expect(await getRun(db)).toMatchObject({
      state: 'done',
      done: 3,
      failed: 1,
      waitingUntil: null,
      notes: ['bridge.note.lookupFailed'],
    });
  });

  it('ends the run when the account is no longer accepted', async () => {
    const db = await setup(3);
    const { svc, done } = service(
      db,
      fakeMastodon(async () => {
        throw new PublishError('auth', 'error.mastodon.auth', 'The access token was revoked');
      }),
    );
    const log = console.error;
    console.error = () => undefined;
    await svc.startMatch({ accountIds: [masto.id], recheck: false });
    await done.promise;
    console.error = log;
    expect(await getRun(db)).toMatchObject({
      state: 'failed',
      error: { messageKey: 'error.mastodon.auth', detail: 'The access token was revoked' },
    });
    expect(svc.running()).toBe(false);
  });

  it('counts an entry found on Bluesky when the run is stopped before its Mastodon lookup, once', async () => {
    const db = await setup(1);
    const bskyAccount: Account = {
      ...masto,
      id: 'bluesky:me',
      network: 'bluesky',
      handle: '@me.bsky.social',
      credentials: masto.credentials,
    };
    await putAccount(db, bskyAccount);
    const bluesky: BlueskyLookup = {
      handleSuffixes: async () => ['.bsky.social'],
      ownDomains: async () => ['.bsky.social'],
      byHandle: async (handle) =>
        handle === 'user0.bsky.social'
          ? {
              network: 'bluesky',
              id: 'did:plc:user0',
              handle,
              displayName: 'User 0',
              bio: '',
              links: [],
              verifiedLinks: [],
              labels: [],
              url: '',
            }
          : null,
      byDid: async () => null,
      search: async () => null,
      followedDids: async () => new Set(),
      follow: async () => undefined,
      hasAppView: () => false,
    };
    const run = (search: () => Promise<void>) => {
      let finished!: () => void;
      const done = new Promise<void>((r) => (finished = r));
      const svc = createBridgeService({
        db,
        now: () => Date.now(),
        lookup: async (account) => (account.network === 'bluesky' ? bluesky : fakeMastodon(search)),
        announce: () => undefined,
        onFinished: () => finished(),
        sleep: async () => undefined,
      });
      return { svc, done };
    };
    // Stopped while Mastodon is being asked: the Bluesky result is stored already.
    const first = run(async () => {
      first.svc.stop();
      await new Promise((r) => setTimeout(r, 5));
    });
    await first.svc.startMatch({ accountIds: [bskyAccount.id, masto.id], recheck: false });
    await first.done;
    expect(await getRun(db)).toMatchObject({ state: 'stopped', found: 1 });
    const second = run(async () => undefined);
    await second.svc.startMatch({ accountIds: [bskyAccount.id, masto.id], recheck: false });
    await second.done;
    expect(await getRun(db)).toMatchObject({ state: 'done', done: 1 });
    await new Promise((r) => setTimeout(r, 20));
    expect(totals(await readStats(db))['follows.found']).toBe(1);
  });
});
