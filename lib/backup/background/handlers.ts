/**
 * The background's answers to the privacy page: export, import, the posts a
 * wipe would lose, and the wipe itself. Tokens are read, sealed and opened
 * only here; the page gets ciphertext and counts.
 */
import { browser } from 'wxt/browser';
import type { Db } from '../../db.ts';
import type { EngineClient } from '../../messaging/engine-client.ts';
import type { Handlers } from '../../messaging/router.ts';
import type { DataMessage } from '../messages.ts';
import { clearBrowserState } from '../browser-state.ts';
import { backupContents, exportBackup } from '../export.ts';
import { importBackup } from '../import.ts';
import { pendingPosts, wipeEverything } from '../wipe.ts';

export interface DataHandlerDeps {
  db: () => Promise<Db>;
  engine: EngineClient;
  /**
   * Settings may have changed: re-derive page config and rules. Restored posts
   * are held and restored mirrors off, so nothing here may reach a server.
   */
  afterImport: (db: Db) => Promise<void>;
}

export function createDataHandlers({ db, engine, afterImport }: DataHandlerDeps): Pick<Handlers, DataMessage> {
  return {
    'data.export': async ({ passphrase }) =>
      exportBackup(await db(), { passphrase, now: Date.now(), app: `Sortie ${browser.runtime.getManifest().version}` }),
    'data.exportContents': async () => backupContents(await db()),
    'data.import': async ({ json, passphrase }) => {
      const database = await db();
      const summary = await importBackup(database, json, passphrase);
      await afterImport(database);
      return summary;
    },
    'data.pendingPosts': async () => pendingPosts(await db()),
    'data.wipe': async ({ signOut }) =>
      wipeEverything(
        {
          db: await db(),
          disconnect: (id) => engine.call('account.disconnect', { id }),
          stopEngine: () => engine.close(),
          clearBrowserState: () => clearBrowserState(),
        },
        { signOut },
      ),
  };
}
