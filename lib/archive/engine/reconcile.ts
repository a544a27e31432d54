/**
 * Copying what the outbox did with an import's jobs back to its records.
 * Failed ones are looked at again too: the person may retry a job from the
 * queue. A part that failed stops the thread after it (the outbox sends
 * parts in order), so the tweets after it are failed as well until it is
 * retried.
 */
import type { Db } from '../../db.ts';
import type { RecordState, StoredImportRecord } from '../../model/import.ts';
import { jobsOfPost } from '../../outbox/store.ts';
import { recordsInState, recordsOfChain } from '../store.ts';

export async function reconcileChain(db: Db, now: number, chainId: string): Promise<void> {
  const records = (await recordsOfChain(db, chainId)).filter((r) => r.state === 'queued' || r.state === 'failed');
  if (records.length === 0) return;
  const jobs = new Map((await jobsOfPost(db, chainId)).map((j) => [j.partIndex, j]));
  const stoppedAt = [...jobs.values()]
    .filter((j) => j.state === 'failed' || j.state === 'cancelled')
    .sort((a, b) => a.partIndex - b.partIndex)[0];
  const changed: StoredImportRecord[] = [];
  for (const record of records) {
    const mine = record.parts.map((_, i) => jobs.get(record.firstPart + i));
    if (mine.some((j) => j === undefined)) continue; // never queued in this chain (an account removed before queueing)
    const uris = mine.flatMap((j) => (j?.state === 'sent' && j.result ? [j.result.id] : []));
    let state: RecordState = 'queued';
    let error: StoredImportRecord['error'] = null;
    if (mine.every((j) => j?.state === 'sent')) {
      state = 'posted';
    } else if (stoppedAt && stoppedAt.partIndex < record.firstPart + record.parts.length) {
      state = 'failed';
      const own = stoppedAt.partIndex >= record.firstPart;
      error =
        own && stoppedAt.lastError
          ? { messageKey: stoppedAt.lastError.messageKey, detail: stoppedAt.lastError.detail }
          : { messageKey: own ? 'error.archive.cancelled' : 'error.archive.threadStopped', detail: '' };
    }
    if (
      state !== record.state ||
      uris.length !== record.uris.length ||
      error?.messageKey !== record.error?.messageKey
    ) {
      changed.push({ ...record, state, uris, error, updatedAt: now });
    }
  }
  if (changed.length === 0) return;
  const tx = db.transaction('importRecords', 'readwrite');
  await Promise.all([...changed.map((r) => tx.store.put(r)), tx.done]);
}

/** Every chain of the import still in the outbox. */
export async function reconcileImport(db: Db, now: () => number, importId: string): Promise<void> {
  const chains = new Set((await recordsInState(db, importId, 'queued')).map((r) => r.chainId));
  for (const chainId of chains) await reconcileChain(db, now(), chainId);
}
