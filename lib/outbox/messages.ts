/** The outbox's messages: the composer queues, the queue view manages, the engine reports. */
import type { Job } from '../model/job.ts';
import { interactionSchema } from '../model/post-schema.ts';
import { spec } from '../messaging/spec.ts';
import * as v from '../validate.ts';

export const OUTBOX_MESSAGES = {
  /** Queue the draft (already saved in IndexedDB by the composer) for its targets. */
  'outbox.enqueue': spec<{ postId: string; jobs: number }>()(
    'extension',
    v.object({ draftId: v.string({ min: 1, max: 100 }) }),
  ),
  'outbox.list': spec<Job[]>()(
    'extension',
    v.object({ limit: v.optional(v.number({ min: 1, max: 1000, integer: true })) }),
  ),
  'outbox.retry': spec<null>()('extension', v.object({ jobId: v.string({ max: 700 }) })),
  'outbox.cancel': spec<null>()('extension', v.object({ jobId: v.string({ max: 700 }) })),
  'outbox.edit': spec<null>()(
    'extension',
    v.object({ jobId: v.string({ max: 700 }), text: v.string({ min: 1, max: 50_000 }) }),
  ),
  /** Queue view, the user's click only: send / delete a post restored from a backup and held until then. */
  'outbox.sendHeld': spec<{ jobs: number }>()('extension', v.object({ postId: v.string({ min: 1, max: 700 }) })),
  'outbox.deleteHeld': spec<{ jobs: number }>()('extension', v.object({ postId: v.string({ min: 1, max: 700 }) })),
  /** Who may reply/quote on a thread already published on Bluesky (from the queue view). */
  'outbox.updateGates': spec<null>()(
    'extension',
    v.object({ jobId: v.string({ max: 700 }), interaction: interactionSchema }),
  ),
  /** From the engine: a job changed (pages refresh their queue views). */
  'outbox.changed': spec<null>()('extension', v.empty()),
  /** From the engine: the outbox has nothing due; wake again at nextWakeAt. */
  'engine.idle': spec<null>()(
    'extension',
    v.object({ nextWakeAt: v.nullable(v.number({ min: 0 })), offline: v.boolean() }),
  ),
};

export type OutboxMessage = keyof typeof OUTBOX_MESSAGES;
