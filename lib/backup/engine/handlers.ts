/** The engine's backup operations: export, what an export carries, import (see ./protocol.ts). */
import type { Db } from '../../db.ts';
import type { EngineHandlers } from '../../messaging/engine-client.ts';
import { backupContents, exportBackup } from '../export.ts';
import { importBackup } from '../import.ts';

export function createBackupEngineHandlers(deps: {
  db: Db;
  now: () => number;
}): Pick<EngineHandlers, 'backup.export' | 'backup.contents' | 'backup.import'> {
  return {
    'backup.export': ({ passphrase, app }) => exportBackup(deps.db, { passphrase, now: deps.now(), app }),
    'backup.contents': () => backupContents(deps.db),
    'backup.import': ({ json, passphrase }) => importBackup(deps.db, json, passphrase),
  };
}
