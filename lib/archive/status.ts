/**
 * What the import page is told: where an import stands, when it should end
 * at the pace the rate windows allow, and what went wrong, tweet by tweet.
 */
import type { Network } from '../compose/draft.ts';
import type { Db } from '../db.ts';
import { assignSlots, paceFor, pruneLedger, type PaceItem } from './pace.ts';
import { recordsInState, type FollowsRun, type ImportCounts, type ImportRun, type ImportState } from './store.ts';

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

/** Items spread evenly: `parts` posts carrying `media` uploads between them. */
function evenItems(parts: number, media: number): PaceItem[] {
  return Array.from({ length: parts }, (_, i) => ({ media: Math.floor(((i + 1) * media) / parts) - Math.floor((i * media) / parts) }));
}

/** When the planned rest of the import should be done, at the pace allowed (one account's slots after another's never wait on each other). */
export function estimateFinish(run: ImportRun, networks: ReadonlyMap<string, Network>, now: number): number | null {
  const planned = run.counts.planned;
  const accounts = Object.keys(run.work);
  if (planned === 0 || accounts.length === 0) return null;
  let end = now;
  for (const accountId of accounts) {
    const network = networks.get(accountId);
    const work = run.work[accountId];
    if (!network || !work || work.records === 0) continue;
    // Records are queued round-robin over accounts, so each has about the same share left.
    const left = Math.ceil(planned / accounts.length);
    const parts = Math.ceil((work.parts * left) / work.records);
    const media = Math.ceil((work.media * left) / work.records);
    const pace = paceFor(network);
    const ledger = pruneLedger(pace, { posts: [...(run.pace[accountId]?.posts ?? [])], media: [...(run.pace[accountId]?.media ?? [])] }, now);
    const { slots } = assignSlots(pace, ledger, evenItems(parts, media), now);
    end = Math.max(end, slots.at(-1) ?? now);
  }
  return end;
}

export async function importStatus(db: Db, run: ImportRun, now: number): Promise<ImportStatus> {
  const failed = await recordsInState(db, run.id, 'failed', MAX_PROBLEMS);
  const accounts = await db.getAll('accounts');
  const networks = new Map(accounts.map((a) => [a.id, a.network]));
  return {
    id: run.id,
    fileName: run.fileName,
    fileSize: run.fileSize,
    xUsername: run.xUsername,
    accountIds: run.accountIds,
    state: run.state,
    counts: run.counts,
    finishesAt: run.state === 'running' || run.state === 'paused' ? estimateFinish(run, networks, now) : null,
    error: run.error,
    follows: { total: run.followIds.length, run: run.followsRun },
    failures: failed.map((r) => ({ xId: r.xId, accountId: r.accountId, messageKey: r.error?.messageKey ?? 'error.generic', detail: r.error?.detail ?? '' })),
  };
}
