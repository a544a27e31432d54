/**
 * Handing a chosen import to the running half: the picked ZIP is stored in
 * IndexedDB under a new import id (kept by reference to the file on disk, so
 * the import resumes after a browser restart without picking it again), then
 * `archive.start` asks the engine to plan and run it.
 */
import { putArchiveFile } from '../../lib/archive/store.ts';
import { openSortieDb } from '../../lib/db.ts';
import { send } from '../../lib/messaging/client.ts';
import { SortieError } from '../../lib/messaging/errors.ts';
import type { StartRequest, StartResult } from './ArchiveImport.tsx';

export async function startArchiveImport({ file, filters, accountIds }: StartRequest): Promise<StartResult> {
  const importId = crypto.randomUUID();
  const db = await openSortieDb();
  try {
    await putArchiveFile(db, { importId, file, name: file.name, size: file.size, storedAt: Date.now() });
    await send('archive.start', { importId, filters, accountIds });
    return { ok: true };
  } catch (error) {
    // Nothing started: the copy of a possibly large file must not stay behind.
    await db.delete('archiveFiles', importId).catch(() => undefined);
    return error instanceof SortieError
      ? { ok: false, messageKey: error.messageKey, detail: error.detail }
      : { ok: false, messageKey: 'archive.start.failed', detail: error instanceof Error ? error.message : String(error) };
  }
}
