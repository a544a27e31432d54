/**
 * The background's answers for the outbox: the composer queues a post (the
 * engine plans it), the queue view retries, edits, cancels, sends held posts,
 * and the engine reports that its drain ended.
 */
import type { Db } from '../../db.ts';
import type { EngineClient } from '../../messaging/engine-client.ts';
import { SortieError } from '../../messaging/errors.ts';
import { NETWORKS } from '../../networks/registry.ts';
import type { Handlers } from '../../messaging/router.ts';
import type { OutboxMessage } from '../messages.ts';
import { getJob, putJob, recentJobs } from '../store.ts';
import {
  cancelJobAndRest,
  deleteHeldPost,
  drainAgainOrCloseEngine,
  drainOrSetAlarmFor,
  editJob,
  retryJob,
  sendHeldPost,
} from './control.ts';

export function createOutboxHandlers({
  db,
  engine,
}: {
  db: () => Promise<Db>;
  engine: EngineClient;
}): Pick<Handlers, OutboxMessage> {
  return {
    'outbox.enqueue': async ({ draftId }) => {
      // Planned and stored by the engine (lib/outbox/enqueue.ts), which posts them next.
      const { postId, jobs, dueAt } = await engine.call('outbox.enqueue', { draftId });
      await drainOrSetAlarmFor(engine, dueAt);
      // Due later: no drain now (each would read the whole queue); the engine opened to plan goes after a quiet moment.
      if (dueAt > Date.now()) engine.closeWhenUnused();
      return { postId, jobs };
    },
    'outbox.list': async ({ limit }) => recentJobs(await db(), limit ?? 200),
    'outbox.retry': async ({ jobId }) => {
      await retryJob(engine, await db(), jobId);
      return null;
    },
    'outbox.cancel': async ({ jobId }) => {
      await cancelJobAndRest(await db(), jobId);
      return null;
    },
    'outbox.edit': async ({ jobId, text }) => {
      await editJob(engine, await db(), jobId, text);
      return null;
    },
    'outbox.sendHeld': async ({ postId }) => ({ jobs: await sendHeldPost(engine, await db(), postId) }),
    'outbox.deleteHeld': async ({ postId }) => ({ jobs: await deleteHeldPost(await db(), postId) }),
    'outbox.updateGates': async ({ jobId, interaction }) => {
      const job = await getJob(await db(), jobId);
      if (
        !job ||
        !NETWORKS[job.network].capabilities.editableGates ||
        job.state !== 'sent' ||
        !job.result ||
        job.partIndex !== 0
      ) {
        throw new SortieError('error.gatesNotEditable', jobId);
      }
      await engine.call('account.updateGates', { accountId: job.accountId, postId: job.result.id, interaction });
      await putJob(await db(), { ...job, interaction, updatedAt: Date.now() });
      return null;
    },
    'outbox.changed': () => null,
    'engine.idle': async ({ nextWakeAt, offline }) => {
      engine.markDrainEnded();
      await drainAgainOrCloseEngine(engine, await db(), nextWakeAt, offline);
      return null;
    },
  };
}
