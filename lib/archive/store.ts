/** Reading and writing an X archive import's stores (the records: lib/model/import.ts). */
import type { Db } from '../db.ts';
import type {
  ArchiveFileRecord,
  ImportCounts,
  ImportRecord,
  ImportRun,
  RecordState,
  StoredImportRecord,
} from '../model/import.ts';

export function recordId(importId: string, accountId: string, xId: string): string {
  return `${importId}:${accountId}:${xId}`;
}

export function emptyCounts(): ImportCounts {
  return { total: 0, planned: 0, queued: 0, posted: 0, failed: 0, skipped: 0, undone: 0 };
}

export function countRecords(records: readonly Pick<ImportRecord, 'state'>[]): ImportCounts {
  const counts = emptyCounts();
  for (const r of records) counts[r.state] += 1;
  counts.total = records.length;
  return counts;
}

export function getImport(db: Db, id: string): Promise<ImportRun | undefined> {
  return db.get('imports', id);
}

export function listImports(db: Db): Promise<ImportRun[]> {
  return db.getAll('imports');
}

export async function putImport(db: Db, run: ImportRun): Promise<void> {
  await db.put('imports', run);
}

export function recordsOfImport(db: Db, importId: string): Promise<StoredImportRecord[]> {
  return db.getAllFromIndex('importRecords', 'byImport', importId);
}

/** Records of an import in one state, in queueing order (at most `limit`). */
export function recordsInState(
  db: Db,
  importId: string,
  state: RecordState,
  limit?: number,
): Promise<StoredImportRecord[]> {
  const range = IDBKeyRange.bound([importId, state, -Infinity], [importId, state, Infinity]);
  return db.getAllFromIndex('importRecords', 'byQueue', range, limit);
}

export async function countInState(db: Db, importId: string, state: RecordState): Promise<number> {
  const range = IDBKeyRange.bound([importId, state, -Infinity], [importId, state, Infinity]);
  return db.countFromIndex('importRecords', 'byQueue', range);
}

export function recordsOfChain(db: Db, chainId: string): Promise<StoredImportRecord[]> {
  return db.getAllFromIndex('importRecords', 'byChain', chainId);
}

export function getArchiveFile(db: Db, importId: string): Promise<ArchiveFileRecord | undefined> {
  return db.get('archiveFiles', importId);
}

export async function putArchiveFile(db: Db, file: ArchiveFileRecord): Promise<void> {
  await db.put('archiveFiles', file);
}

/** Whether an import is running: the engine must then feed it on a drain (after a restart, or when an alarm rings). */
export async function importsRunning(db: Db): Promise<boolean> {
  return (await listImports(db)).some((run) => run.state === 'running');
}
