import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_NAME, DB_VERSION, migrations, openSortieDb, closeSortieDb } from '../../lib/db';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { getSettings } from '../../lib/settings-store';

describe('database migrations', () => {
  it('upgrades a v1 database with data to the current version without losing anything', async () => {
    // Build a real v1 database exactly as the first release did.
    const v1 = await openDB(DB_NAME, 1, {
      upgrade(db, _old, _new, tx) {
        migrations[0]!(db as never, tx as never, 0);
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
    // Kept, and completed with what that version did by default (set up for leaving X).
    expect((await db.get('settings', 'settings'))?.value).toMatchObject({
      language: 'fr',
      choice: 'leaving',
      shareTakeover: true,
      links: { keepXUsable: false },
    });
    expect((await db.get('media', 'm1'))?.mime).toBe('image/png');
    // Later additions exist and work on the old rows.
    expect([...db.objectStoreNames].sort()).toEqual(
      [
        'accounts',
        'archiveFiles',
        'bridgeRuns',
        'drafts',
        'follows',
        'importRecords',
        'imports',
        'jobs',
        'mastodonApps',
        'media',
        'mirrors',
        'settings',
        'stats',
      ].sort(),
    );
    expect(await db.getAllFromIndex('jobs', 'byDue', IDBKeyRange.upperBound(20))).toHaveLength(1);
    await closeSortieDb();
  });

  it('creates every store on a fresh install, with no settings row: the defaults, undecided', async () => {
    const db = await openSortieDb();
    expect(db.objectStoreNames).toHaveLength(13);
    expect(await db.get('settings', 'settings')).toBeUndefined();
    expect(await getSettings(db)).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.choice).toBe('undecided');
    await closeSortieDb();
  });

  async function atV3(settings: unknown): Promise<void> {
    const v3 = await openDB(DB_NAME, 3, {
      upgrade(db, oldVersion, _new, tx) {
        for (let v = oldVersion; v < 3; v++) migrations[v]!(db as never, tx as never, oldVersion);
      },
    });
    if (settings !== undefined) await v3.put('settings', { key: 'settings', value: settings } as never);
    v3.close();
  }

  it.each([
    [
      'never changed a setting (no row): what that version did, leaving',
      undefined,
      { choice: 'leaving', shareTakeover: true, xOverlay: true, links: { keepXUsable: false, redirect: true } },
    ],
    [
      'had chosen "I still use X"',
      {
        ...DEFAULT_SETTINGS,
        choice: undefined,
        onboarded: true,
        shareTakeover: true,
        links: { ...DEFAULT_SETTINGS.links, keepXUsable: true },
      },
      { choice: 'staying', onboarded: true, shareTakeover: true, links: { keepXUsable: true } },
    ],
    [
      'had turned redirects and share takeover off',
      { language: 'en', shareTakeover: false, links: { redirect: false, keepXUsable: false } },
      { choice: 'leaving', shareTakeover: false, links: { redirect: false } },
    ],
  ])('an existing user who %s keeps it', async (_name, stored, expected) => {
    await atV3(stored);
    const db = await openSortieDb();
    expect(await getSettings(db)).toMatchObject(expected);
    await closeSortieDb();
  });
});

describe('archive import stores', () => {
  it('keep a picked File across a reopen (a browser restart) and find records by tweet and by queue order', async () => {
    let db = await openSortieDb();
    const file = new File(['PK\u0003\u0004 archive bytes'], 'twitter-2026.zip', { type: 'application/zip' });
    await db.put('archiveFiles', { importId: 'i1', file, name: file.name, size: file.size, storedAt: 1 });
    const record = {
      id: 'i1:B:42',
      importId: 'i1',
      accountId: 'B',
      network: 'bluesky' as const,
      xId: '42',
      state: 'planned' as const,
      uris: [],
      updatedAt: 1,
      seq: 7,
      chainId: 'import:i1:B:42',
      firstPart: 0,
      chainParts: 1,
      parts: [{ text: 'x', media: [] }],
      keys: ['k'],
      originalDate: 0,
      langs: [],
      visibility: 'public' as const,
      dueAt: null,
      error: null,
    };
    await db.put('importRecords', record);
    await closeSortieDb();
    db = await openSortieDb();
    const stored = await db.get('archiveFiles', 'i1');
    expect(await stored?.file.text()).toBe('PK\u0003\u0004 archive bytes');
    expect(await db.getFromIndex('importRecords', 'byTweet', ['i1', 'B', '42'])).toMatchObject({ id: 'i1:B:42' });
    const range = IDBKeyRange.bound(['i1', 'planned', -Infinity], ['i1', 'planned', Infinity]);
    expect(await db.getAllFromIndex('importRecords', 'byQueue', range)).toHaveLength(1);
    await expect(db.add('importRecords', { ...record, id: 'other' })).rejects.toThrow();
  });
});
