/** The engine's answers for X archive imports: the runner and the follows lookup, built in lib/engine/start.ts. */
import type { EngineHandlers } from '../../messaging/engine-client.ts';
import type { FollowResolver } from './follows.ts';
import type { ImportRunner } from './runner.ts';

type ArchiveEngineOp =
  | 'archive.start'
  | 'archive.pause'
  | 'archive.resume'
  | 'archive.stop'
  | 'archive.undo'
  | 'archive.resolveFollows'
  | 'archive.stopFollows';

/** `imports` loads the runner on first use (it carries the archive reader and zip.js). */
export function createArchiveEngineHandlers(
  imports: () => Promise<ImportRunner>,
  follows: FollowResolver,
): Pick<EngineHandlers, ArchiveEngineOp> {
  return {
    'archive.start': async (args) => (await imports()).start(args),
    'archive.pause': async ({ importId }) => (await imports()).pause(importId),
    'archive.resume': async ({ importId }) => (await imports()).resume(importId),
    'archive.stop': async ({ importId }) => (await imports()).stop(importId),
    'archive.undo': async ({ importId }) => (await imports()).undo(importId),
    'archive.resolveFollows': ({ importId, mirror }) => follows.start(importId, mirror),
    'archive.stopFollows': async ({ importId }) => {
      await follows.stop(importId);
      return null;
    },
  };
}
