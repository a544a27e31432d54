/**
 * Drains the outbox. Chains (one thread on one account) run concurrently;
 * parts of a chain run in order, part N after part N-1 is sent. Every state
 * change is stored before the work it announces, and a job found "sending"
 * is sent again with the same key, its adapter told since when an earlier
 * attempt may have landed (a key the server has forgotten recognises nothing).
 */
import type { Account } from '../../model/account.ts';
import { getAccount, setAccountStatus } from '../../accounts/store.ts';
import type { Db } from '../../db.ts';
import { PublishError, type PostRef } from '../../networks/types.ts';
import type { Job } from '../../model/job.ts';
import { nextWakeAt, runnableJobs, type RunnableJob } from '../plan.ts';
import type { RetryPolicy } from '../retry.ts';
import { markFailed, markSent, startSending, unansweredSince, type Failure } from '../state.ts';
import { releaseMediaIfDone } from '../media-release.ts';
import { getJob, jobsOfPendingPosts, putJob } from '../store.ts';

export interface PublishRequest {
  job: Job;
  account: Account;
  parent: PostRef | null;
  root: PostRef | null;
  /**
   * When an earlier attempt that may have created this post began, its
   * answer never read (null: no earlier attempt can have). The adapter
   * decides whether its server's key still covers it or it must look first.
   */
  unansweredSince: number | null;
}

export interface WorkerDeps {
  db: Db;
  now: () => number;
  random: () => number;
  policy: RetryPolicy;
  /** Sends one part; throws PublishError for failures it understood. */
  publish: (request: PublishRequest) => Promise<PostRef>;
  /** Told after every stored change (to refresh open queue views). */
  onJobChange?: (job: Job) => void;
}

export interface DrainResult {
  sent: number;
  failed: number;
  /** When pending jobs become due next, or null when nothing waits. */
  nextWakeAt: number | null;
}

export async function drainOutbox(deps: WorkerDeps): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, failed: 0, nextWakeAt: null };
  for (;;) {
    const jobs = await jobsOfPendingPosts(deps.db);
    const runnable = runnableJobs(jobs, deps.now());
    if (runnable.length === 0) {
      result.nextWakeAt = nextWakeAt(jobs, deps.now());
      return result;
    }
    // One part per chain per round keeps chains independent and in order.
    const outcomes = await Promise.all(runnable.map((r) => runOne(deps, r)));
    for (const state of outcomes) {
      if (state === 'sent') result.sent++;
      if (state === 'failed') result.failed++;
    }
  }
}

async function runOne(deps: WorkerDeps, { job, parent, root }: RunnableJob): Promise<Job['state']> {
  // Re-read: the user may have cancelled it since the round began.
  const fresh = await getJob(deps.db, job.id);
  if (!fresh || (fresh.state !== 'queued' && fresh.state !== 'retrying' && fresh.state !== 'sending')) {
    return fresh?.state ?? 'cancelled';
  }
  const account = await getAccount(deps.db, fresh.accountId);
  if (!account) {
    return store(
      deps,
      markFailed(
        startSending(fresh, deps.now()),
        validationFailure('error.accountGone'),
        deps.now(),
        deps.policy,
        deps.random,
      ),
    );
  }
  const earlier = unansweredSince(fresh);
  const sending = startSending(fresh, deps.now());
  await store(deps, sending);
  try {
    const ref = await deps.publish({ job: sending, account, parent, root, unansweredSince: earlier });
    return store(deps, markSent(sending, ref, deps.now()));
  } catch (error) {
    const failure = toFailure(error);
    if (failure.kind === 'auth') await setAccountStatus(deps.db, account.id, 'reconnect');
    return store(deps, markFailed(sending, failure, deps.now(), deps.policy, deps.random));
  }
}

async function store(deps: WorkerDeps, job: Job): Promise<Job['state']> {
  await putJob(deps.db, job);
  if (job.state === 'sent' && job.images.length > 0) await releaseMediaIfDone(deps.db, job.postId);
  deps.onJobChange?.(job);
  return job.state;
}

/** A failure no retry can fix (the job itself cannot be sent as it is): classed as 'validation', never retried. */
function validationFailure(messageKey: string, detail = ''): Failure {
  return { kind: 'validation', messageKey, detail, retryAt: null };
}

/** Anything an adapter did not classify is treated as transient: retrying is safe with a fixed key. */
export function toFailure(error: unknown): Failure {
  if (error instanceof PublishError) {
    return { kind: error.kind, messageKey: error.messageKey, detail: error.detail, retryAt: error.retryAt };
  }
  return {
    kind: 'transient',
    messageKey: 'error.network',
    detail: error instanceof Error ? error.message : String(error),
    retryAt: null,
  };
}
