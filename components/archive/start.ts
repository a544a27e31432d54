/**
 * Handing a chosen import to the running half: the picked File is stored in
 * IndexedDB under a new import id (IndexedDB keeps a File by reference to the
 * file on disk, so the import resumes after a browser restart without picking
 * it again), then the background is asked to start it with what the preview
 * used (the time zone of the Mastodon date line, the mirror of video links).
 */
import { putArchiveFile } from '../../lib/archive/store.ts';
import { openSortieDb } from '../../lib/db.ts';
import { send } from '../../lib/messaging/client.ts';
import { SortieError } from '../../lib/messaging/errors.ts';
import type { StartRequest, StartResult } from './ArchiveImport.tsx';

export async function startArchiveImport(request: StartRequest): Promise<StartResult> {
  const importId = crypto.randomUUID();
  try {
    const db = await openSortieDb();
    await putArchiveFile(db, {
      importId,
      file: request.file,
      name: request.file.name,
      size: request.file.size,
      storedAt: Date.now(),
    });
    const scheme = request.mirror?.scheme;
    const mirror: { origin: string; scheme: 'nitter' | 'template' } | null =
      request.mirror && (scheme === 'nitter' || scheme === 'template')
        ? { origin: request.mirror.origin, scheme }
        : null;
    await send('archive.start', {
      importId,
      accountIds: request.accountIds,
      filters: request.filters,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      mirror,
    });
    return { ok: true };
  } catch (error) {
    // Nothing runs without its import row: the stored file would only take room.
    await openSortieDb()
      .then(async (db) => {
        if (!(await db.get('imports', importId))) await db.delete('archiveFiles', importId);
      })
      .catch(() => undefined);
    return error instanceof SortieError
      ? { ok: false, messageKey: error.messageKey, detail: error.detail }
      : {
          ok: false,
          messageKey: 'archive.start.failed',
          detail: error instanceof Error ? error.message : String(error),
        };
  }
}
