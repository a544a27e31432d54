/** The outbox's operations on the engine's channel (assembled in lib/engine/protocol.ts). */
import { none, op } from '../../messaging/spec.ts';
import * as v from '../../validate.ts';
import type { Queued } from '../enqueue.ts';

export const OUTBOX_ENGINE_MESSAGES = {
  /** Start draining the outbox (answers at once; the engine reports 'engine.idle' when done). */
  drain: op<{ started: boolean }>()(none),
  /** Plan a saved draft into jobs and store them (nothing is sent; a drain does that). */
  'outbox.enqueue': op<Queued>()(v.object({ draftId: v.string({ min: 1, max: 100 }) })),
};
