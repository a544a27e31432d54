/**
 * The background's answers to the privacy page. Export and import run in the
 * engine (lib/backup/engine), where the tokens are read, sealed and opened;
 * the page gets ciphertext and counts. The posts a wipe would lose and the
 * wipe itself are answered here: the wipe stops the engine.
 */
import { browser } from 'wxt/browser';
import type { Db } from '../../db.ts';
import type { EngineClient } from '../../messaging/engine-client.ts';
import type { Handlers } from '../../messaging/router.ts';
import type { DataMessage } from '../messages.ts';
import { clearBrowserState } from '../browser-state.ts';
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
  /** A call that opened the engine for itself alone: it closes after a quiet moment unless a drain runs. */
  const oneOff = async <T>(call: Promise<T>): Promise<T> => {
    try {
      return await call;
    } finally {
      engine.closeWhenUnused();
    }
  };
  return {
    'data.export': async ({ passphrase }) =>
      oneOff(engine.call('backup.export', { passphrase, app: `Sortie ${browser.runtime.getManifest().version}` })),
    'data.exportContents': async () => oneOff(engine.call('backup.contents', {})),
    'data.import': async ({ json, passphrase }) => {
      const summary = await oneOff(engine.call('backup.import', { json, passphrase }));
      await afterImport(await db());
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
