/** The engine's outbox operations: plan a saved draft into jobs, start a drain. */
import type { Db } from '../../db.ts';
import type { EngineHandlers } from '../../messaging/engine-client.ts';
import { enqueueDraft } from '../enqueue.ts';
import type { DrainLoop } from './drain-loop.ts';

export function createOutboxEngineHandlers(deps: {
  db: Db;
  now: () => number;
  drains: DrainLoop;
}): Pick<EngineHandlers, 'drain' | 'outbox.enqueue'> {
  return {
    drain: async () => {
      deps.drains.requestDrain();
      return { started: true };
    },
    'outbox.enqueue': async ({ draftId }) => enqueueDraft(deps.db, draftId, deps.now()),
  };
}
