/**
 * How an imported record meets what this browser already has. Import never
 * deletes, and never lets an older copy overwrite a newer one:
 *
 * - drafts, jobs, follow-bridge entries: same id -> the one changed last
 *   (`updatedAt`) stays; a tie keeps the one already here.
 * - accounts: same id -> the one here stays, unless it needs reconnecting
 *   and the file brings working tokens for it (then only its tokens and
 *   status change).
 * - images, mirrors: added when missing, never replaced.
 * - counters: the larger count of each day (importing a file twice does not
 *   count twice).
 * - settings: taken from the file only if this browser has none of its own
 *   yet (nothing saved, or the first-run choice not made).
 */
import type { Account } from '../accounts/account.ts';
import type { StatRecord } from '../db.ts';
import type { Settings } from '../settings.ts';

export type Decision = 'add' | 'replace' | 'keep';

export interface Counts {
  added: number;
  updated: number;
  kept: number;
}

export function emptyCounts(): Counts {
  return { added: 0, updated: 0, kept: 0 };
}

export function tally(counts: Counts, decision: Decision): void {
  if (decision === 'add') counts.added++;
  else if (decision === 'replace') counts.updated++;
  else counts.kept++;
}

export function decideByUpdate(existing: { updatedAt: number } | undefined, incoming: { updatedAt: number }): Decision {
  if (!existing) return 'add';
  return incoming.updatedAt > existing.updatedAt ? 'replace' : 'keep';
}

export function decideAccount(existing: Account | undefined, incoming: Account): Decision {
  if (!existing) return 'add';
  return existing.status === 'reconnect' && incoming.status === 'ok' ? 'replace' : 'keep';
}

/** The account to store when `decideAccount` said 'replace': this browser's record with the file's tokens. */
export function withTokensOf(existing: Account, incoming: Account): Account {
  return { ...existing, credentials: incoming.credentials, status: incoming.status };
}

export function decideMissingOnly(existing: unknown): Decision {
  return existing === undefined ? 'add' : 'keep';
}

export function decideStat(existing: StatRecord | undefined, incoming: StatRecord): Decision {
  if (!existing) return 'add';
  return incoming.count > existing.count ? 'replace' : 'keep';
}

export function decideSettings(existing: Pick<Settings, 'onboarded'> | undefined): 'imported' | 'kept' {
  return existing === undefined || !existing.onboarded ? 'imported' : 'kept';
}
