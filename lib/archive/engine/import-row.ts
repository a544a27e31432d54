/** An import's row in `imports`: read, counted from its records, and saved with its time left. */
import { listAccounts } from '../../accounts/store.ts';
import { SortieError } from '../../messaging/errors.ts';
import type { ImportRun } from '../../model/import.ts';
import { estimateFinish } from '../estimate.ts';
import { countInState, emptyCounts, getImport, putImport } from '../store.ts';
import type { ImportRunnerDeps } from './deps.ts';

type RowDeps = Pick<ImportRunnerDeps, 'db' | 'now' | 'announce'>;

export async function mustGetImport(deps: RowDeps, importId: string): Promise<ImportRun> {
  const run = await getImport(deps.db, importId);
  if (!run) throw new SortieError('error.archive.notFound', importId);
  return run;
}

async function refreshCounts(deps: RowDeps, run: ImportRun): Promise<ImportRun> {
  const counts = emptyCounts();
  for (const state of ['planned', 'queued', 'posted', 'failed', 'skipped', 'undone'] as const) {
    counts[state] = await countInState(deps.db, run.id, state);
  }
  counts.total = counts.planned + counts.queued + counts.posted + counts.failed + counts.skipped + counts.undone;
  return { ...run, counts };
}

/** Writes the row with fresh counts and time left, and tells the pages. */
export async function saveImport(deps: RowDeps, run: ImportRun): Promise<ImportRun> {
  const { db } = deps;
  // The follow lookups (engine/follows.ts) write their own part of the row: keep it as it is now.
  const followsRun = (await getImport(db, run.id))?.followsRun ?? run.followsRun;
  const counted = await refreshCounts(deps, { ...run, followsRun, updatedAt: deps.now() });
  const networks = new Map((await listAccounts(db)).map((a) => [a.id, a.network]));
  const fresh = { ...counted, finishesAt: estimateFinish(counted, networks, deps.now()) };
  await putImport(db, fresh);
  deps.announce();
  return fresh;
}
