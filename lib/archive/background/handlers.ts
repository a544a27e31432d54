/**
 * The background's answers to the import page. Work that needs the network
 * clients or the ZIP runs in the engine (lib/archive/engine/runner.ts); the
 * status is read here from IndexedDB, so watching an import never wakes the
 * engine.
 */
import type { Db } from '../../db.ts';
import type { StartArgs } from '../schemas.ts';
import { importStatus, type ImportStatus, type UndoReport } from '../status.ts';
import { getImport, listImports, type FollowsRun } from '../store.ts';
import { SortieError } from '../../messaging/errors.ts';

/** The engine's archive operations, as the background's host calls them. */
export interface ArchiveEngine {
  start(args: StartArgs): Promise<ImportStatus>;
  control(op: 'pause' | 'resume' | 'stop', importId: string): Promise<ImportStatus>;
  undo(importId: string): Promise<UndoReport>;
  resolveFollows(importId: string, mirror: string): Promise<FollowsRun | null>;
  stopFollows(importId: string): Promise<null>;
}

export interface ArchiveHandlerDeps {
  db: () => Promise<Db>;
  engine: ArchiveEngine;
  /** Wake the outbox (a drain now if something is due, else the alarm). */
  kickOutbox: (db: Db) => Promise<void>;
}

export function createArchiveHandlers({ db, engine, kickOutbox }: ArchiveHandlerDeps) {
  return {
    'archive.start': async (args: StartArgs) => {
      const status = await engine.start(args);
      await kickOutbox(await db());
      return status;
    },
    'archive.pause': ({ importId }: { importId: string }) => engine.control('pause', importId),
    'archive.resume': async ({ importId }: { importId: string }) => {
      const status = await engine.control('resume', importId);
      await kickOutbox(await db());
      return status;
    },
    'archive.stop': ({ importId }: { importId: string }) => engine.control('stop', importId),
    'archive.undo': ({ importId }: { importId: string }) => engine.undo(importId),
    'archive.resolveFollows': ({ importId, mirror }: { importId: string; mirror: string }) => engine.resolveFollows(importId, mirror),
    'archive.stopFollows': ({ importId }: { importId: string }) => engine.stopFollows(importId),
    'archive.status': async ({ importId }: { importId?: string }): Promise<ImportStatus[]> => {
      const database = await db();
      if (importId !== undefined) {
        const run = await getImport(database, importId);
        if (!run) throw new SortieError('error.archive.notFound', importId);
        return [await importStatus(database, run)];
      }
      const runs = (await listImports(database)).sort((a, b) => b.createdAt - a.createdAt);
      return Promise.all(runs.map((run) => importStatus(database, run)));
    },
    'archive.changed': () => null,
  };
}

/** An import is running: the engine must feed it (after a restart, or when an alarm rings). */
export async function importsRunning(db: Db): Promise<boolean> {
  return (await listImports(db)).some((run) => run.state === 'running');
}
