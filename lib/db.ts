/**
 * The one IndexedDB schema. Only extension contexts (background, engine,
 * extension pages) open it; content scripts never do, so credentials stay out
 * of reach of the pages the user visits.
 *
 * Migrations are a list: entry N upgrades a database at version N to N+1.
 * They only ever add: a store or index that shipped is never dropped without
 * a migration that first copies its data.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Draft } from './model/draft.ts';
import type { Account } from './model/account.ts';
import type { Job } from './model/job.ts';
import { settingsBeforeTheChoice, type Settings } from './settings.ts';
import type { BridgeEntry, BridgeRun } from './model/bridge.ts';
import type { MastodonAppRecord } from './model/mastodon-app.ts';
import type { MediaRecord } from './model/media.ts';
import type { MirrorRecord } from './model/mirror.ts';
import type { StatRecord } from './model/stat.ts';
import type { ArchiveFileRecord, ImportRun, StoredImportRecord } from './model/import.ts';

export const DB_NAME = 'sortie';

export interface SortieDB extends DBSchema {
  accounts: { key: string; value: Account; indexes: { byNetwork: string } };
  drafts: { key: string; value: Draft; indexes: { byUpdated: number } };
  jobs: { key: string; value: Job; indexes: { byState: string; byPost: string; byDue: number } };
  settings: { key: string; value: { key: string; value: Settings } };
  mirrors: { key: string; value: MirrorRecord };
  media: { key: string; value: MediaRecord };
  mastodonApps: { key: string; value: MastodonAppRecord };
  stats: { key: string; value: StatRecord; indexes: { byName: string } };
  /** Follow bridge: X accounts collected (key: lower-case handle) and what was found for them. */
  follows: { key: string; value: BridgeEntry };
  /** Follow bridge: the current or last lookup / follow run (one row, key 'current'). */
  bridgeRuns: { key: string; value: BridgeRun };
  /** X archive imports: one row per import (lib/model/import.ts). */
  imports: { key: string; value: ImportRun };
  /** X archive imports: one row per tweet per target account, the plan and what was posted. */
  importRecords: {
    key: string;
    value: StoredImportRecord;
    indexes: {
      byImport: string;
      byTweet: [string, string, string];
      byQueue: [string, string, number];
      byChain: string;
    };
  };
  /** X archive imports: the picked ZIP, kept until the import is over. */
  archiveFiles: { key: string; value: ArchiveFileRecord };
}

type UpgradeTx = IDBPTransaction<SortieDB, StoreNames<SortieDB>[], 'versionchange'>;
/** `oldVersion` 0 is a fresh install: there is nobody's data to carry over. */
type Migration = (db: IDBPDatabase<SortieDB>, tx: UpgradeTx, oldVersion: number) => void;

/**
 * migrations[n] takes the database from version n to n + 1.
 * v1: the first release's stores. v2: mirror health, OAuth app cache, stats,
 * and the outbox's due-time index. v3: the follow bridge's stores. v4: an
 * account's credentials name their server `server`, as the account does
 * (Mastodon's said `origin`, Bluesky's `service`). v5: the welcome question
 * (`Settings.choice`): people who installed before it keep what they had (no
 * settings row meant the defaults of then, which were set up for leaving X),
 * a fresh install starts undecided. v6: X archive
 * imports (the imports, their per-tweet records and the archive files).
 */
export const migrations: Migration[] = [
  (db) => {
    const accounts = db.createObjectStore('accounts', { keyPath: 'id' });
    accounts.createIndex('byNetwork', 'network');
    const drafts = db.createObjectStore('drafts', { keyPath: 'id' });
    drafts.createIndex('byUpdated', 'updatedAt');
    const jobs = db.createObjectStore('jobs', { keyPath: 'id' });
    jobs.createIndex('byState', 'state');
    jobs.createIndex('byPost', 'postId');
    db.createObjectStore('settings', { keyPath: 'key' });
    db.createObjectStore('media', { keyPath: 'id' });
  },
  (db, tx) => {
    db.createObjectStore('mirrors', { keyPath: 'id' });
    db.createObjectStore('mastodonApps', { keyPath: 'key' });
    const stats = db.createObjectStore('stats', { keyPath: 'key' });
    stats.createIndex('byName', 'name');
    tx.objectStore('jobs').createIndex('byDue', 'nextAttemptAt');
  },
  (db) => {
    db.createObjectStore('follows', { keyPath: 'key' });
    db.createObjectStore('bridgeRuns', { keyPath: 'key' });
  },
  (_db, tx) => {
    const accounts = tx.objectStore('accounts');
    // Requests made inside the upgrade keep it open until they finish.
    void accounts.getAll().then((all) => {
      for (const account of all) {
        const credentials = account.credentials as unknown as Record<string, unknown> | undefined;
        if (!credentials || 'server' in credentials) continue;
        const { origin, service, ...rest } = credentials;
        const server = origin ?? service;
        if (typeof server !== 'string') continue;
        void accounts.put({ ...account, credentials: { ...rest, server } as typeof account.credentials });
      }
    });
  },
  (_db, tx, oldVersion) => {
    if (oldVersion === 0) return;
    const settings = tx.objectStore('settings');
    void settings
      .get('settings')
      .then((row) => settings.put({ key: 'settings', value: settingsBeforeTheChoice(row?.value) }));
  },
  (db) => {
    db.createObjectStore('imports', { keyPath: 'id' });
    const records = db.createObjectStore('importRecords', { keyPath: 'id' });
    records.createIndex('byImport', 'importId');
    records.createIndex('byTweet', ['importId', 'accountId', 'xId'], { unique: true });
    records.createIndex('byQueue', ['importId', 'state', 'seq']);
    records.createIndex('byChain', 'chainId');
    db.createObjectStore('archiveFiles', { keyPath: 'importId' });
  },
];

export const DB_VERSION = migrations.length;

export type Db = IDBPDatabase<SortieDB>;

let opening: Promise<Db> | null = null;

/** Opens (once per context) and upgrades the database. */
export function openSortieDb(version = DB_VERSION): Promise<Db> {
  if (version !== DB_VERSION) return openAt(version);
  opening ??= openAt(version).catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}

function openAt(version: number): Promise<Db> {
  return openDB<SortieDB>(DB_NAME, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) migrations[v]?.(db, tx, oldVersion);
    },
    blocked() {
      console.warn('Sortie: database upgrade waits for another open tab of the extension to close.');
    },
  });
}

/** Closes this context's connection (tests, wipe). */
export async function closeSortieDb(): Promise<void> {
  const db = await opening;
  db?.close();
  opening = null;
}

/** Every store, for export and wipe. */
export const ALL_STORES = [
  'accounts',
  'drafts',
  'jobs',
  'settings',
  'mirrors',
  'media',
  'mastodonApps',
  'stats',
  'follows',
  'bridgeRuns',
  'imports',
  'importRecords',
  'archiveFiles',
] as const satisfies readonly StoreNames<SortieDB>[];
