/**
 * How an imported record meets what this browser already has. Import never
 * deletes, and never lets an older copy overwrite a newer one:
 *
 * - drafts, follow-bridge entries: same id -> the one changed last
 *   (`updatedAt`) stays; a tie keeps the one already here.
 * - jobs: a post that still had to go out arrives held (lib/model/job.ts):
 *   only the user's "Send" publishes it. A job this browser has is never
 *   replaced (it knows what it sent), unless it is itself still held.
 * - accounts: same id -> the one here stays, unless it needs reconnecting
 *   and the file brings working tokens for it (then only its tokens and
 *   status change).
 * - images, mirrors: added when missing, never replaced. A mirror from a
 *   file arrives turned off and unpinned ("from a backup"): a file must not
 *   decide where the user's X links go. Entries named like a built-in
 *   mirror are not the user's own and are skipped.
 * - counters: the larger count of each day (importing a file twice does not
 *   count twice).
 * - settings: taken from the file only if this browser has none of its own
 *   yet (nothing saved, or the first-run choice not made); even then a
 *   preferred mirror is kept only if it is a built-in one.
 */
import type { Account } from '../model/account.ts';
import type { MirrorRecord } from '../model/mirror.ts';
import type { StatRecord } from '../model/stat.ts';
import type { Job } from '../model/job.ts';
import { holdImported } from '../outbox/state.ts';
import type { Settings, SettingsPatch } from '../settings.ts';
import type { BackupMirror } from './schemas.ts';

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

/** What a job from the file becomes here, and whether it goes in. */
export function decideJob(existing: Job | undefined, incoming: Job): { decision: Decision; job: Job } {
  const job = holdImported(incoming);
  if (!existing) return { decision: 'add', job };
  if (existing.state === 'held' && incoming.updatedAt > existing.updatedAt) return { decision: 'replace', job };
  return { decision: 'keep', job: existing };
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

/** A user mirror from a file: stored turned off, unpinned, marked as from a backup until the user turns it on. */
export function importedMirror(m: BackupMirror): MirrorRecord {
  return {
    ...m,
    pinned: false,
    disabled: true,
    fromBackup: true,
    builtIn: false,
    health: 'unknown',
    latencyMs: null,
    checkedAt: null,
    reason: '',
  };
}

/**
 * Settings from a file, minus a preferred mirror that is not built in (it
 * would send every X link the user opens to a host the file chose).
 */
export function importedSettings(
  patch: SettingsPatch,
  builtInIds: ReadonlySet<string>,
): { settings: SettingsPatch; pinDropped: boolean } {
  const pinned = patch.links?.pinnedMirror;
  if (pinned === undefined || pinned === null || builtInIds.has(pinned)) return { settings: patch, pinDropped: false };
  return { settings: { ...patch, links: { ...patch.links, pinnedMirror: null } }, pinDropped: true };
}
