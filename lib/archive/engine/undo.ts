/**
 * Undoing an import: what the outbox still holds of it is cancelled, and
 * every post it created is deleted through the network's adapter, a thread
 * from its end. A part being sent at that very moment may still land, and
 * is then reported; a network Sortie does not delete on keeps its posts.
 */
import { getAccount } from '../../accounts/store.ts';
import type { Account } from '../../model/account.ts';
import { SortieError } from '../../messaging/errors.ts';
import { cancelJob } from '../../outbox/state.ts';
import { jobsOfPost, putJob } from '../../outbox/store.ts';
import type { UndoReport } from '../status.ts';
import { getImport, putImport, recordsInState, recordsOfImport } from '../store.ts';
import { failure, type ImportRunnerDeps } from './deps.ts';
import { mustGetImport, saveImport } from './import-row.ts';
import { withdrawUnstarted } from './queue-chain.ts';
import { reconcileChain } from './reconcile.ts';

function lastProblem(problems: UndoReport['failed']): { messageKey: string; detail: string } | null {
  const last = problems.at(-1);
  return last ? { messageKey: last.messageKey, detail: `${last.uri}: ${last.detail}` } : null;
}

export async function undoImport(deps: ImportRunnerDeps, importId: string): Promise<UndoReport> {
  const { db } = deps;
  let run = await mustGetImport(deps, importId);
  const now = deps.now();
  if (run.state === 'running' || run.state === 'paused' || run.state === 'planning') {
    await putImport(db, { ...run, state: 'stopped' });
    await withdrawUnstarted(db, deps.now, importId);
  }
  const chains = new Set((await recordsInState(db, importId, 'queued')).map((r) => r.chainId));
  for (const chainId of chains) {
    for (const job of await jobsOfPost(db, chainId)) {
      if (job.state === 'queued' || job.state === 'retrying' || job.state === 'held')
        await putJob(db, cancelJob(job, now));
    }
    await reconcileChain(db, deps.now(), chainId);
  }
  const report: UndoReport = { deleted: 0, failed: [], notUndoable: 0, stillSending: 0 };
  const accounts = new Map<string, Account | undefined>();
  for (const record of await recordsOfImport(db, importId)) {
    if (record.state === 'planned') await db.put('importRecords', { ...record, state: 'skipped', updatedAt: now });
    if (record.state === 'queued') report.stillSending++;
    if (record.uris.length === 0) continue;
    const deletePost = deps.deleterFor(record.network);
    if (!deletePost) {
      report.notUndoable += record.uris.length;
      continue;
    }
    if (!accounts.has(record.accountId)) accounts.set(record.accountId, await getAccount(db, record.accountId));
    const account = accounts.get(record.accountId);
    const left: string[] = [];
    // Later parts first: a thread is taken down from its end.
    for (const uri of [...record.uris].reverse()) {
      try {
        if (!account) throw new SortieError('error.accountGone', record.accountId);
        await deletePost(account, uri);
        report.deleted++;
      } catch (error) {
        left.unshift(uri);
        report.failed.push({ xId: record.xId, accountId: record.accountId, uri, ...failure(error) });
      }
    }
    const undone = left.length === 0;
    await db.put('importRecords', {
      ...record,
      uris: left,
      state: undone ? 'undone' : record.state,
      error: undone ? record.error : (lastProblem(report.failed) ?? record.error),
      updatedAt: deps.now(),
    });
  }
  run = (await getImport(db, importId)) ?? run;
  await db.delete('archiveFiles', importId);
  await saveImport(deps, {
    ...run,
    state: report.failed.length === 0 && report.stillSending === 0 ? 'undone' : 'stopped',
  });
  return report;
}
