/**
 * Backups' operations on the engine's channel (assembled in lib/engine/protocol.ts).
 * Reading, sealing and merging a backup file is work for a user's click, not for
 * every wake of the service worker: it lives in the engine, which holds the
 * tokens' other users too. The wipe stays in the background (it stops the engine).
 */
import { none, op } from '../../messaging/spec.ts';
import * as v from '../../validate.ts';
import type { BackupContents } from '../export.ts';
import type { ImportSummary } from '../import.ts';
import { exportArgsSchema, importArgsSchema } from '../messages.ts';

export const BACKUP_ENGINE_MESSAGES = {
  /**
   * The backup file as JSON; tokens in it only sealed with the passphrase.
   * `app` names the version that wrote it: the background reads it from the
   * manifest, which an offscreen document cannot.
   */
  'backup.export': op<string>()((value, path) => ({
    ...exportArgsSchema(value, path),
    ...v.object({ app: v.string({ min: 1, max: 100 }) })(value, path),
  })),
  /** What an export would carry. */
  'backup.contents': op<BackupContents>()(none),
  /** Merge a backup file into what is here; nothing changes if it fails. */
  'backup.import': op<ImportSummary>()(importArgsSchema),
};
