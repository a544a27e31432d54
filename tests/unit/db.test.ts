import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_NAME, DB_VERSION, migrations, openSortieDb, closeSortieDb } from '../../lib/db';

describe('database migrations', () => {
  it('upgrades a v1 database with data to the current version without losing anything', async () => {
    // Build a real v1 database exactly as the first release did.
    const v1 = await openDB(DB_NAME, 1, {
      upgrade(db, _old, _new, tx) {
        migrations[0]!(db as never, tx as never);
      },
    });
    await v1.put('accounts', { id: 'mastodon:https://m.example:1', network: 'mastodon', handle: '@a@m.example' });
    await v1.put('drafts', { id: 'd1', text: 'Bonjour 👋', updatedAt: 5 });
    await v1.put('jobs', { id: 'j1', state: 'queued', postId: 'p1', nextAttemptAt: 10 });
    await v1.put('settings', { key: 'settings', value: { language: 'fr' } });
    await v1.put('media', { id: 'm1', blob: new Blob(['x']), mime: 'image/png', createdAt: 1 });
    v1.close();

    const db = await openSortieDb();
    expect(db.version).toBe(DB_VERSION);
    expect(DB_VERSION).toBeGreaterThan(1);
    expect(await db.get('accounts', 'mastodon:https://m.example:1')).toMatchObject({ handle: '@a@m.example' });
    expect(await db.get('drafts', 'd1')).toMatchObject({ text: 'Bonjour 👋' });
    expect(await db.get('settings', 'settings')).toEqual({ key: 'settings', value: { language: 'fr' } });
    expect((await db.get('media', 'm1'))?.mime).toBe('image/png');
    // v2 and v3 additions exist and work on the old rows.
    expect([...db.objectStoreNames].sort()).toEqual(
      ['accounts', 'bridgeRuns', 'drafts', 'follows', 'jobs', 'mastodonApps', 'media', 'mirrors', 'settings', 'stats'].sort(),
    );
    expect(await db.getAllFromIndex('jobs', 'byDue', IDBKeyRange.upperBound(20))).toHaveLength(1);
    await closeSortieDb();
  });

  it('creates every store on a fresh install', async () => {
    const db = await openSortieDb();
    expect(db.objectStoreNames).toHaveLength(10);
    await closeSortieDb();
  });
});
