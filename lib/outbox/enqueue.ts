/**
 * Pressing Post: re-read the draft the composer saved, check it, adapt it for
 * each target account (the same pure code the composer previews with), and
 * store one job per account per part in one transaction. Nothing is sent
 * here. Runs in the engine, at the background's request: the compose code is
 * the largest part of what the service worker would otherwise load on every
 * wake, and only queueing needs it.
 */
import type { Account } from '../model/account.ts';
import { listAccounts } from '../accounts/store.ts';
import { adaptForTarget } from '../compose/adapt.ts';
import type { Draft } from '../model/draft.ts';
import { sentText } from '../compose/sent.ts';
import type { Db } from '../db.ts';
import { SortieError } from '../messaging/errors.ts';
import { NETWORK_IDS, targetFor } from '../networks/registry.ts';
import { newIdempotencyKey } from './keys.ts';
import { createJobs } from './plan.ts';
import { getSettings } from '../settings-store.ts';

export interface Queued {
  postId: string;
  jobs: number;
  /** When the new jobs are first due (now, or their "send at" time). */
  dueAt: number;
}

export async function enqueueDraft(db: Db, draftId: string, now = Date.now()): Promise<Queued> {
  const draft: Draft | undefined = await db.get('drafts', draftId);
  if (!draft) throw new SortieError('error.draftNotFound', draftId);
  // What is sent (sent.ts), as the composer counted it: an override may carry the only text.
  const nothing = NETWORK_IDS.every((n) => sentText(draft, n) === '');
  if (nothing && draft.images.length === 0 && draft.poll === null) throw new SortieError('error.emptyPost');
  const accounts = new Map((await listAccounts(db)).map((a) => [a.id, a]));
  const targets = draft.targets.map((id) => accounts.get(id)).filter((a): a is Account => a !== undefined);
  if (targets.length === 0) throw new SortieError('error.noTargets');
  const settings = await getSettings(db);

  const adapted = targets.map((account) => {
    const { parts, warnings } = adaptForTarget(draft, targetFor(account));
    // The composer shows these before Post is pressed; the background refuses to queue them anyway.
    const blocking = warnings.find((w) => w.severity === 'error');
    if (blocking) throw new SortieError('error.draftInvalid', `${account.handle}: ${blocking.code}`);
    if (parts.length === 0) throw new SortieError('error.emptyPost');
    const serverCanSchedule = account.serverInfo?.profile?.capabilities.scheduling !== 'no';
    return { accountId: account.id, network: account.network, parts, serverCanSchedule };
  });
  const postId = crypto.randomUUID();
  const jobs = createJobs({
    postId,
    draft,
    targets: adapted,
    now,
    newKey: newIdempotencyKey,
    threadRestUnlisted: settings.threadRestUnlisted,
  });

  // The jobs and the draft's retirement happen together: a crash leaves either the draft or the jobs.
  const tx = db.transaction(['jobs', 'drafts'], 'readwrite');
  await Promise.all([
    ...jobs.map((j) => tx.objectStore('jobs').add(j)),
    tx.objectStore('drafts').delete(draftId),
    tx.done,
  ]);
  return { postId, jobs: jobs.length, dueAt: Math.min(...jobs.map((j) => j.nextAttemptAt)) };
}
