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
import type { Draft } from './compose/draft.ts';
import type { Account } from './accounts/account.ts';
import type { Job } from './outbox/job.ts';
import type { Settings } from './settings.ts';
import type { BridgeEntry, BridgeRun } from './bridge/types.ts';
import type { ArchiveFileRecord, ImportRun, StoredImportRecord } from './archive/store.ts';

export const DB_NAME = 'sortie';

export interface MirrorRecord {
  id: string;
  name: string;
  origin: string;
  builtIn: boolean;
  pinned: boolean;
  /** Last health check: 'up' | 'down' | 'unknown', its latency and why it was judged so. */
  health: 'up' | 'down' | 'unknown';
  latencyMs: number | null;
  checkedAt: number | null;
  reason: string;
  /** Added after v2 (no index, so no migration): absent on older rows. */
  scheme?: 'nitter' | 'template';
  templates?: Partial<Record<'home' | 'profile' | 'status' | 'search' | 'hashtag' | 'list', string>>;
  /** The user turned this mirror off: never chosen, never probed. */
  disabled?: boolean;
  /** Came from a backup file, turned off until the user turns it on (lib/backup/merge.ts). */
  fromBackup?: boolean;
  /** Consecutive failed checks, to space out re-checks of a dead mirror. */
  failures?: number;
}

export interface MediaRecord {
  id: string;
  blob: Blob;
  mime: string;
  createdAt: number;
}

/** Registered Mastodon OAuth apps, one per server origin + redirect URI. */
export interface MastodonAppRecord {
  key: string; // `${origin} ${redirectUri}`
  origin: string;
  redirectUri: string;
  clientId: string;
  clientSecret: string;
  createdAt: number;
}

/** Monotonic counters for the exit dashboard, one row per counter per day. */
export interface StatRecord {
  key: string; // `${name}:${YYYY-MM-DD}`
  name: string;
  day: string;
  count: number;
}

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
  /** X archive imports: one row per import (lib/archive/store.ts). */
  imports: { key: string; value: ImportRun };
  /** X archive imports: one row per tweet per target account, the plan and what was posted. */
  importRecords: {
    key: string;
    value: StoredImportRecord;
    indexes: { byImport: string; byTweet: [string, string, string]; byQueue: [string, string, number]; byChain: string };
  };
  /** X archive imports: the picked ZIP, kept until the import is over. */
  archiveFiles: { key: string; value: ArchiveFileRecord };
}

type UpgradeTx = IDBPTransaction<SortieDB, StoreNames<SortieDB>[], 'versionchange'>;
type Migration = (db: IDBPDatabase<SortieDB>, tx: UpgradeTx) => void;

/**
 * migrations[n] takes the database from version n to n + 1.
 * v1: the first release's stores. v2: mirror health, OAuth app cache, stats,
 * and the outbox's due-time index. v3: the follow bridge's stores. v4: X
 * archive imports.
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
      for (let v = oldVersion; v < (newVersion ?? version); v++) migrations[v]?.(db, tx);
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
