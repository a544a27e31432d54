import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { clearBrowserState, type BrowserStateApi } from '../../../lib/backup/browser-state';
import { emptyCredentials } from '../../../lib/backup/import';
import { pendingPosts, wipeEverything, type WipeDeps } from '../../../lib/backup/wipe';
import { ALL_STORES, openSortieDb, type Db } from '../../../lib/db';
import { MASTODON_DEFAULT_LIMITS } from '../../../lib/networks/mastodon/instance';
import { blueskyAccount, draft, imageBlob, job, mastodonAccount } from './fixtures';

async function seed(db: Db): Promise<void> {
  await db.put('accounts', mastodonAccount());
  await db.put('accounts', blueskyAccount());
  await db.put('drafts', draft('d1', 1));
  await db.put('media', { id: 'm', blob: imageBlob(10), mime: 'image/png', createdAt: 1 });
  await db.put('jobs', job('sent'));
  // A two-part thread on Bluesky: part 0 sent, part 1 waiting.
  await db.put(
    'jobs',
    job('t0', {
      postId: 'thread',
      accountId: blueskyAccount().id,
      network: 'bluesky',
      partCount: 2,
      text: 'Premier',
      state: 'sent',
      createdAt: 10,
    }),
  );
  await db.put(
    'jobs',
    job('t1', {
      postId: 'thread',
      accountId: blueskyAccount().id,
      network: 'bluesky',
      partIndex: 1,
      partCount: 2,
      text: 'Second',
      state: 'retrying',
      result: null,
      createdAt: 10,
    }),
  );
  await db.put('jobs', job('later', { state: 'queued', result: null, sendAt: 99, createdAt: 20 }));
  await db.put('settings', { key: 'settings', value: { language: 'fr' } as never });
  await db.put('mastodonApps', {
    key: 'k',
    origin: 'o',
    redirectUri: 'r',
    clientId: 'c',
    clientSecret: 's',
    createdAt: 1,
  });
  await db.put('stats', { key: 'a:1', name: 'a', day: '1', count: 1 });
  await db.put('mirrors', {
    id: 'x',
    name: 'x',
    origin: 'https://x.example',
    builtIn: false,
    pinned: false,
    health: 'up',
    latencyMs: 1,
    checkedAt: 1,
    reason: '',
  });
}

function deps(db: Db, disconnect: WipeDeps['disconnect']) {
  const calls: string[] = [];
  const d: WipeDeps = {
    db,
    disconnect: async (id) => {
      calls.push(`disconnect ${id}`);
      return disconnect(id);
    },
    stopEngine: async () => {
      calls.push('stopEngine');
    },
    clearBrowserState: async () => {
      calls.push('clearBrowserState');
    },
    signOutTimeoutMs: 50,
  };
  return { deps: d, calls };
}

describe('pending posts listed before a wipe', () => {
  it("lists each post and account still waiting, with the thread's first text", async () => {
    const db = await openSortieDb();
    await seed(db);
    expect(await pendingPosts(db)).toEqual([
      {
        postId: 'thread',
        accountId: blueskyAccount().id,
        handle: 'ana.bsky.social',
        text: 'Premier',
        parts: 2,
        state: 'retrying',
        sendAt: null,
      },
      {
        postId: 'post-later',
        accountId: mastodonAccount().id,
        handle: '@ana@piaille.fr',
        text: 'Message later',
        parts: 1,
        state: 'queued',
        sendAt: 99,
      },
    ]);
  });

  it('lists a post restored from a backup and still held: a wipe would lose it too', async () => {
    const db = await openSortieDb();
    await db.put('accounts', mastodonAccount());
    await db.put('jobs', job('held', { state: 'held', result: null, sendAt: 5, createdAt: 30 }));
    expect(await pendingPosts(db)).toEqual([
      {
        postId: 'post-held',
        accountId: mastodonAccount().id,
        handle: '@ana@piaille.fr',
        text: 'Message held',
        parts: 1,
        state: 'held',
        sendAt: 5,
      },
    ]);
  });
});

describe('wipe', () => {
  it('signs every account out, stops the engine, clears the browser, then empties every store', async () => {
    const db = await openSortieDb();
    await seed(db);
    const { deps: d, calls } = deps(db, async () => ({ revoked: true }));
    const result = await wipeEverything(d, { signOut: true });
    expect(result).toEqual({ revoked: 2, failed: [], notRevoked: [] });
    expect(calls.slice(0, 2).sort()).toEqual([
      `disconnect ${blueskyAccount().id}`,
      `disconnect ${mastodonAccount().id}`,
    ]);
    expect(calls.slice(2)).toEqual(['stopEngine', 'clearBrowserState']);
    for (const store of ALL_STORES) expect(await db.count(store), store).toBe(0);
    expect([...db.objectStoreNames].sort()).toEqual([...ALL_STORES].sort());
  });

  it('reports servers that failed, hung or could not revoke, and deletes the data anyway', async () => {
    const db = await openSortieDb();
    await seed(db);
    await db.put(
      'accounts',
      mastodonAccount({
        id: 'mastodon:https://gone.example:1',
        handle: '@ana@gone.example',
        server: 'https://gone.example',
      }),
    );
    // Known to be Mastodon: its own page of authorised apps. Unknown (no server info): the server's home.
    await db.put('accounts', {
      ...mastodonAccount(),
      serverInfo: { version: '4.5.0', limits: MASTODON_DEFAULT_LIMITS, supportsQuotePolicy: true, fetchedAt: 1 },
    });
    const { deps: d } = deps(db, async (id) => {
      if (id.includes('gone')) throw new Error('the posting engine did not answer');
      if (id.startsWith('bluesky')) return new Promise(() => undefined); // never answers
      return { revoked: false }; // a pasted token: Sortie has no app to revoke it with
    });
    const result = await wipeEverything(d, { signOut: true });
    expect(result.revoked).toBe(0);
    expect(result.failed.sort()).toEqual(['@ana@gone.example', '@ana@piaille.fr', 'ana.bsky.social']);
    // Each one comes with the page of its own server where the user removes Sortie by hand.
    const pages = Object.fromEntries(result.notRevoked.map((r) => [r.handle, r.appsPage]));
    expect(pages).toEqual({
      '@ana@gone.example': 'https://gone.example/',
      '@ana@piaille.fr': 'https://piaille.fr/oauth/authorized_applications',
      'ana.bsky.social': 'https://bsky.app/settings/app-passwords',
    });
    expect(result.notRevoked.find((r) => r.handle === 'ana.bsky.social')).toMatchObject({
      reason: 'failed',
      detail: 'timeout',
    });
    for (const store of ALL_STORES) expect(await db.count(store), store).toBe(0);
  });

  it('does not contact servers when asked not to, nor for accounts restored without tokens', async () => {
    const db = await openSortieDb();
    await seed(db);
    const { deps: d, calls } = deps(db, async () => ({ revoked: true }));
    expect(await wipeEverything(d, { signOut: false })).toEqual({ revoked: 0, failed: [], notRevoked: [] });
    expect(calls).toEqual(['stopEngine', 'clearBrowserState']);

    const restored = blueskyAccount({ status: 'reconnect' });
    await db.put('accounts', { ...restored, credentials: emptyCredentials(restored) });
    const second = deps(db, async () => ({ revoked: true }));
    expect(await wipeEverything(second.deps, { signOut: true })).toEqual({ revoked: 0, failed: [], notRevoked: [] });
    expect(second.calls).toEqual(['stopEngine', 'clearBrowserState']);
  });
});

describe('browser state', () => {
  it('clears alarms, storage.local, storage.session and every dynamic and session rule', async () => {
    await fakeBrowser.storage.local.set({ 'sortie.pageConfig': { lang: 'fr' }, 'sortie.linkMirror': 'x' });
    await fakeBrowser.storage.session.set({ a: 1 });
    await fakeBrowser.alarms.create('sortie.outbox', { when: Date.now() + 60_000 });
    const updateDynamicRules = vi.fn(async () => undefined);
    const updateSessionRules = vi.fn(async () => undefined);
    const api = {
      ...fakeBrowser,
      declarativeNetRequest: {
        getDynamicRules: async () => [{ id: 1 }, { id: 7 }],
        updateDynamicRules,
        getSessionRules: async () => [{ id: 3 }],
        updateSessionRules,
      },
    } as unknown as BrowserStateApi;
    await clearBrowserState(api);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
    expect(updateDynamicRules).toHaveBeenCalledWith({ removeRuleIds: [1, 7] });
    expect(updateSessionRules).toHaveBeenCalledWith({ removeRuleIds: [3] });
  });
});
