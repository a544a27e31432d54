/** The X archive import's operations on the engine's channel (assembled in lib/engine/protocol.ts). */
import type { FollowsRun } from '../../model/import.ts';
import { op } from '../../messaging/spec.ts';
import { oneImport, resolveFollows, startImport } from '../schemas.ts';
import type { ImportStatus, UndoReport } from '../status.ts';

export const ARCHIVE_ENGINE_MESSAGES = {
  /** Read the stored ZIP, plan every tweet, feed the first chains to the outbox. */
  'archive.start': op<ImportStatus>()(startImport),
  'archive.pause': op<ImportStatus>()(oneImport),
  'archive.resume': op<ImportStatus>()(oneImport),
  'archive.stop': op<ImportStatus>()(oneImport),
  /** Delete what the import created, where the network allows it. */
  'archive.undo': op<UndoReport>()(oneImport),
  /** Look the archive's X follows up on a mirror (answers at once; progress on the import's row and 'archive.changed'). */
  'archive.resolveFollows': op<FollowsRun | null>()(resolveFollows),
  'archive.stopFollows': op<null>()(oneImport),
};
