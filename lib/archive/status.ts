/**
 * What the import page shows: where an import stands, when it should end at
 * the pace the rate windows allow, and what went wrong, tweet by tweet. The
 * page reads it from IndexedDB itself (no token is involved), so watching an
 * import neither wakes the engine nor adds to the service worker.
 */
import type { Db } from '../db.ts';
import { listImports, recordsInState } from './store.ts';
import type { FollowsRun, ImportCounts, ImportRun, ImportState } from '../model/import.ts';

export interface ImportProblem {
  xId: string;
  accountId: string;
  messageKey: string;
  detail: string;
}

export interface ImportStatus {
  id: string;
  fileName: string;
  fileSize: number;
  xUsername: string;
  accountIds: string[];
  state: ImportState;
  counts: ImportCounts;
  /** When the last post should go at the allowed pace (epoch ms), or null when nothing is left. */
  finishesAt: number | null;
  error: { messageKey: string; detail: string } | null;
  /** Tweets that could not be posted (the first ones, up to MAX_PROBLEMS). */
  failures: ImportProblem[];
  /** X accounts the archive's owner follows, and the lookup of their profiles on a mirror. */
  follows: { total: number; run: FollowsRun | null };
}

export interface UndoReport {
  /** Bluesky posts deleted. */
  deleted: number;
  /** Bluesky posts that could not be deleted, each with why. */
  failed: Array<ImportProblem & { uri: string }>;
  /** Posts on networks where Sortie cannot undo (Mastodon), left in place. */
  notUndoable: number;
  /** Tweets whose post was being sent as the undo ran: they may have landed and are not deleted. */
  stillSending: number;
}

export const MAX_PROBLEMS = 50;

export async function importStatus(db: Db, run: ImportRun): Promise<ImportStatus> {
  const failed = await recordsInState(db, run.id, 'failed', MAX_PROBLEMS);
  return {
    id: run.id,
    fileName: run.fileName,
    fileSize: run.fileSize,
    xUsername: run.xUsername,
    accountIds: run.accountIds,
    state: run.state,
    counts: run.counts,
    // Written by the engine at each change (estimate.ts): the pace code stays out of the service worker.
    finishesAt: run.state === 'running' || run.state === 'paused' ? run.finishesAt : null,
    error: run.error,
    follows: { total: run.followIds.length, run: run.followsRun },
    failures: failed.map((r) => ({
      xId: r.xId,
      accountId: r.accountId,
      messageKey: r.error?.messageKey ?? 'error.generic',
      detail: r.error?.detail ?? '',
    })),
  };
}

/** Every import, newest first. */
export async function importStatuses(db: Db): Promise<ImportStatus[]> {
  const runs = (await listImports(db)).sort((a, b) => b.createdAt - a.createdAt);
  return Promise.all(runs.map((run) => importStatus(db, run)));
}
