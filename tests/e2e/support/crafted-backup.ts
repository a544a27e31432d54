/**
 * Backup files as an attacker writes them, for the hostile tests in both
 * browsers (tests/e2e/journeys/backup.spec.ts).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serializeBackup, type BackupBody } from '../../../lib/backup/format.ts';
import type { PublicAccount } from '../../../lib/model/account.ts';
import type { Job } from '../../../lib/model/job.ts';
import { newTid } from '../../../lib/tid.ts';

const EMPTY_BODY: BackupBody = {
  settings: {},
  accounts: [],
  drafts: [],
  jobs: [],
  follows: [],
  stats: [],
  mirrors: [],
  media: [],
  mediaLeftOut: [],
};

/**
 * A file as an attacker writes it: format 1 (still accepted) with a correct
 * integrity field, which anyone can compute.
 */
export async function craftedFile(dir: string, body: Partial<BackupBody>): Promise<string> {
  const json = await serializeBackup(
    { format: 'sortie-backup', version: 1, exportedAt: new Date().toISOString(), app: 'Sortie 0.1.0' },
    { ...EMPTY_BODY, ...body },
  );
  const path = join(dir, `crafted-${Date.now()}.json`);
  await writeFile(path, json);
  return path;
}

export function craftedJob(
  account: Pick<PublicAccount, 'id' | 'network'>,
  postId: string,
  text: string,
  sendAt: number | null,
): Job {
  const now = Date.now();
  return {
    id: `${postId}:${account.id}:0`,
    postId,
    draftId: `draft-${postId}`,
    accountId: account.id,
    network: account.network,
    partIndex: 0,
    partCount: 1,
    text,
    images: [],
    contentWarning: '',
    sensitive: false,
    labels: [],
    langs: ['fr'],
    visibility: 'public',
    poll: null,
    interaction: { reply: 'everyone', allowQuotes: true },
    replyTo: null,
    idempotencyKey: account.network === 'bluesky' ? newTid() : `attacker-${postId}-${now}`,
    sendAt,
    serverScheduled: false,
    state: 'queued',
    attempts: 0,
    nextAttemptAt: sendAt ?? 0,
    lastError: null,
    result: null,
    createdAt: now,
    updatedAt: now,
  };
}
