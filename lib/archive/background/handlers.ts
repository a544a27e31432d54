/**
 * The background's answers to the import page: each is handed to the engine
 * (lib/archive/engine/runner.ts), which holds the network clients and reads
 * the ZIP. Kept thin: this file is in the service worker. The page reads an
 * import's status from IndexedDB itself (lib/archive/status.ts).
 */
import type { Db } from '../../db.ts';
import type { EngineClient } from '../../messaging/engine-client.ts';
import type { Handlers } from '../../messaging/router.ts';
import { drainDueOrSetAlarm } from '../../outbox/background/control.ts';
import type { ArchiveMessage } from '../messages.ts';

export function createArchiveHandlers({
  db,
  engine,
}: {
  db: () => Promise<Db>;
  engine: EngineClient;
}): Pick<Handlers, ArchiveMessage> {
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
    'archive.changed': async () => null,
  };
}
