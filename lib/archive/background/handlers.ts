/**
 * The background's answers to the import page. Work that needs the network
 * clients or the ZIP runs in the engine (lib/archive/engine/runner.ts); the
 * status is read here from IndexedDB, so watching an import never wakes the
 * engine. Kept thin: this file is in the service worker.
 */
import type { Db } from '../../db.ts';
import type { EngineClient } from '../../messaging/engine-client.ts';
import { SortieError } from '../../messaging/errors.ts';
import type { Handlers } from '../../messaging/router.ts';
import { drainDueOrSetAlarm } from '../../outbox/background/control.ts';
import type { ArchiveMessage } from '../messages.ts';
import { importStatus, type ImportStatus } from '../status.ts';
import { getImport, listImports } from '../store.ts';

export function createArchiveHandlers({ db, engine }: { db: () => Promise<Db>; engine: EngineClient }): Pick<Handlers, ArchiveMessage> {
  return {
    'archive.start': async (args) => {
      const status = await engine.call('archive.start', args);
      await drainDueOrSetAlarm(engine, await db());
      return status;
    },
    'archive.pause': ({ importId }) => engine.call('archive.pause', { importId }),
    'archive.resume': async ({ importId }) => {
      const status = await engine.call('archive.resume', { importId });
      await drainDueOrSetAlarm(engine, await db());
      return status;
    },
    'archive.stop': ({ importId }) => engine.call('archive.stop', { importId }),
    'archive.undo': ({ importId }) => engine.call('archive.undo', { importId }),
    'archive.resolveFollows': ({ importId, mirror }) => engine.call('archive.resolveFollows', { importId, mirror }),
    'archive.stopFollows': ({ importId }) => engine.call('archive.stopFollows', { importId }),
    'archive.status': async ({ importId }): Promise<ImportStatus[]> => {
      const database = await db();
      if (importId !== undefined) {
        const run = await getImport(database, importId);
        if (!run) throw new SortieError('error.archive.notFound', importId);
        return [await importStatus(database, run)];
      }
      const runs = (await listImports(database)).sort((a, b) => b.createdAt - a.createdAt);
      return Promise.all(runs.map((run) => importStatus(database, run)));
    },
    'archive.changed': async () => null,
  };
}
