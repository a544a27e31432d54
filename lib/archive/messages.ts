/** The X archive import's messages: the import page to the background (and the engine's progress signal). */
import type { FollowsRun } from '../model/import.ts';
import { spec } from '../messaging/spec.ts';
import * as v from '../validate.ts';
import { oneImport, resolveFollows, startImport } from './schemas.ts';
import type { ImportStatus, UndoReport } from './status.ts';

export const ARCHIVE_MESSAGES = {
  /**
   * Import page: run an X archive import. The page has stored the picked ZIP in IndexedDB
   * (`archiveFiles`) under `importId`; the engine reads it there, plans every tweet and feeds the outbox.
   */
  'archive.start': spec<ImportStatus>()('extension', startImport),
  'archive.pause': spec<ImportStatus>()('extension', oneImport),
  'archive.resume': spec<ImportStatus>()('extension', oneImport),
  /** Ends the import: what has not started is skipped; threads already started finish. */
  'archive.stop': spec<ImportStatus>()('extension', oneImport),
  /** Deletes every post the import created where the network allows it; says exactly what could not be deleted. */
  'archive.undo': spec<UndoReport>()('extension', oneImport),
  /**
   * Import page: look the X accounts the archive's owner follows up on this Nitter mirror, one every
   * 2 s, into the follow bridge as if the Following page had shown them. Stoppable; resumes where it stopped.
   */
  'archive.resolveFollows': spec<FollowsRun | null>()('extension', resolveFollows),
  'archive.stopFollows': spec<null>()('extension', oneImport),
  /** From the engine: an import moved on (pages ask for its status again). */
  'archive.changed': spec<null>()('extension', v.empty()),
};

export type ArchiveMessage = keyof typeof ARCHIVE_MESSAGES;
