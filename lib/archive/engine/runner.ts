/**
 * Running an X archive import, in the engine: the import's states (running,
 * paused, stopped, done, undone) and the feeding of the outbox, one change
 * at a time. Exactly once comes from three rules:
 * 1. The plan is written whole before anything is queued (plan.ts): every
 *    record, with its parts and their idempotency keys, in state 'planned'.
 * 2. A chain (one thread on one account) goes to the outbox in one
 *    transaction that re-checks its records are still 'planned'
 *    (queue-chain.ts). A crash leaves either the records planned and no
 *    jobs, or both.
 * 3. From there the outbox posts each job once (its own invariant: state
 *    written before the request, the same key on every retry), and what it
 *    posted is copied back to the records (reconcile.ts), again after any
 *    crash.
 *
 * Only a small window of chains sits in the outbox at a time (its drain reads
 * every pending job on each round); each job is due at the slot the rate
 * windows gave it (pace.ts), so a paused, killed or restarted import never
 * posts faster than the limits allow.
 */
import { SortieError } from '../../messaging/errors.ts';
import type { Job } from '../../model/job.ts';
import { newIdempotencyKey } from '../../outbox/keys.ts';
import { chainIdOf, isImportChain } from '../plan-records.ts';
import type { StartArgs } from '../schemas.ts';
import { importStatus, type ImportStatus, type UndoReport } from '../status.ts';
import { countInState, getArchiveFile, getImport, listImports, putImport, recordsInState } from '../store.ts';
import { failure, type ImportRunnerDeps } from './deps.ts';
import { mustGetImport, saveImport } from './import-row.ts';
import { planImport } from './plan.ts';
import { queueNextChain, withdrawUnstarted } from './queue-chain.ts';
import { reconcileChain, reconcileImport } from './reconcile.ts';
import { undoImport } from './undo.ts';

/** Chains of an import in the outbox at once. */
export const WINDOW_CHAINS = 20;

export type { ImportRunnerDeps, StartArgs };
export { jobIdOf } from './queue-chain.ts';

export function createImportRunner(deps: ImportRunnerDeps) {
  const { db } = deps;
  const newKey = deps.newKey ?? newIdempotencyKey;
  /** One change at a time: feeding, pausing and reconciling never interleave. */
  let chainOfWork: Promise<unknown> = Promise.resolve();

  function serial<T>(work: () => Promise<T>): Promise<T> {
    const next = chainOfWork.then(work, work);
    chainOfWork = next.catch(() => undefined);
    return next;
  }

  async function feedOne(importId: string): Promise<number> {
    await reconcileImport(db, deps.now, importId);
    let run = await getImport(db, importId);
    if (!run || run.state !== 'running') return 0;
    const stored = await getArchiveFile(db, importId);
    let queued = 0;
    try {
      while ((await countInState(db, importId, 'queued')) < WINDOW_CHAINS) {
        if (!stored) throw new SortieError('error.archive.fileMissing', importId);
        if (!(await queueNextChain(deps, importId, stored.file))) break;
        queued++;
        // A pause or stop may have come in while media were read.
        if ((await getImport(db, importId))?.state !== 'running') break;
      }
    } catch (error) {
      run = (await getImport(db, importId)) ?? run;
      await saveImport(deps, { ...run, state: 'paused', error: failure(error) });
      return queued;
    }
    run = (await getImport(db, importId)) ?? run;
    const left = (await countInState(db, importId, 'planned')) + (await countInState(db, importId, 'queued'));
    if (left === 0 && run.state === 'running') {
      run = { ...run, state: 'done' };
      // The ZIP is no longer needed: Sortie keeps nothing it does not need.
      await db.delete('archiveFiles', importId);
    }
    await saveImport(deps, run);
    return queued;
  }

  /** Feeds every running import; returns how many chains went to the outbox. */
  function feed(): Promise<number> {
    return serial(async () => {
      let queued = 0;
      for (const run of await listImports(db)) {
        if (run.state === 'running') queued += await feedOne(run.id);
      }
      if (queued > 0) deps.requestDrain();
      return queued;
    });
  }

  /** The outbox changed a job: bring its import up to date and keep the window full. */
  function jobChanged(job: Job): void {
    if (!isImportChain(job.postId)) return;
    if (job.state !== 'sent' && job.state !== 'failed' && job.state !== 'cancelled') return;
    void serial(() => reconcileChain(db, deps.now(), job.postId))
      .then(() => feed())
      .catch((error: unknown) => console.error('Sortie: import bookkeeping failed', error));
  }

  async function status(importId: string): Promise<ImportStatus> {
    return importStatus(db, await mustGetImport(deps, importId));
  }

  return {
    feed,
    jobChanged,
    /** Resolves once the bookkeeping asked for so far is done. */
    idle: async (): Promise<void> => {
      for (let seen = null as Promise<unknown> | null; seen !== chainOfWork;) {
        seen = chainOfWork;
        await seen;
        await new Promise((r) => setTimeout(r, 0));
      }
    },
    async start(args: StartArgs): Promise<ImportStatus> {
      await serial(() => planImport(deps, newKey, args));
      await feed();
      return status(args.importId);
    },
    /** Takes back the chains not started; threads already started finish. */
    pause(importId: string): Promise<ImportStatus> {
      return serial(async () => {
        const run = await mustGetImport(deps, importId);
        if (run.state !== 'running') return importStatus(db, run);
        await putImport(db, { ...run, state: 'paused' });
        await withdrawUnstarted(db, deps.now, importId);
        return importStatus(db, await saveImport(deps, (await getImport(db, importId)) ?? run));
      });
    },
    async resume(importId: string): Promise<ImportStatus> {
      await serial(async () => {
        const run = await mustGetImport(deps, importId);
        if (run.state !== 'paused') return;
        await saveImport(deps, { ...run, state: 'running', error: null });
      });
      await feed();
      deps.requestDrain();
      return status(importId);
    },
    /** As pause, and the rest is skipped. */
    stop(importId: string): Promise<ImportStatus> {
      return serial(async () => {
        const run = await mustGetImport(deps, importId);
        if (run.state !== 'running' && run.state !== 'paused' && run.state !== 'planning') return importStatus(db, run);
        await putImport(db, { ...run, state: 'stopped' });
        await withdrawUnstarted(db, deps.now, importId);
        const now = deps.now();
        const planned = await recordsInState(db, importId, 'planned');
        const tx = db.transaction('importRecords', 'readwrite');
        await Promise.all([...planned.map((r) => tx.store.put({ ...r, state: 'skipped', updatedAt: now })), tx.done]);
        await db.delete('archiveFiles', importId);
        return importStatus(db, await saveImport(deps, (await getImport(db, importId)) ?? run));
      });
    },
    /** Deletes from Bluesky every post this import created (undo.ts). */
    undo(importId: string): Promise<UndoReport> {
      return serial(() => undoImport(deps, importId));
    },
    status,
  };
}

export type ImportRunner = ReturnType<typeof createImportRunner>;

export { chainIdOf };
