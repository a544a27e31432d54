/**
 * The job state machine, as pure functions. The worker writes the returned
 * job to IndexedDB *before* doing what the new state announces (a job is
 * stored as "sending" before its request leaves), so a crash at any point
 * leaves a state from which the same key can be re-sent safely.
 */
import type { PostRef, PublishErrorKind } from '../networks/types.ts';
import { isPending, type Job, type JobError } from '../model/job.ts';
import { SERVER_SCHEDULE_MIN_MS } from './plan.ts';
import { backoffDelay, type RetryPolicy } from './retry.ts';

export interface Failure {
  kind: PublishErrorKind | 'internal';
  messageKey: string;
  detail: string;
  retryAt: number | null;
}

/**
 * Since when an attempt at this job may have created a post whose answer was
 * never read, or null when none can have. Jobs stored before the field
 * existed say nothing: any of them that was ever tried counts as possibly
 * landed since it was created (the earliest moment, so a look-up misses nothing).
 */
export function unansweredSince(job: Job): number | null {
  if (job.unansweredSince !== undefined) return job.unansweredSince;
  const tried = job.attempts > 0 || job.lastError !== null || job.state === 'sending' || job.state === 'retrying';
  return tried && job.state !== 'sent' ? job.createdAt : null;
}

/**
 * The request may leave from here on: the uncertainty starts now unless an
 * earlier unanswered attempt already started it (that one may be the post).
 */
export function startSending(job: Job, now: number): Job {
  return {
    ...job,
    state: 'sending',
    attempts: job.attempts + 1,
    unansweredSince: unansweredSince(job) ?? now,
    updatedAt: now,
  };
}

/**
 * The server's answer names the post: nothing is uncertain any more. A
 * failure keeps `unansweredSince`, even a refusal: a refusal only says that
 * this attempt made nothing, not that an earlier unanswered one did not.
 */
export function markSent(job: Job, result: PostRef, now: number): Job {
  const { unansweredSince: _settled, ...rest } = job;
  return { ...rest, state: 'sent', result, lastError: null, updatedAt: now };
}

/** A failed attempt: retry later, or give up for good when the error is permanent or attempts run out. */
export function markFailed(job: Job, failure: Failure, now: number, policy: RetryPolicy, random: () => number): Job {
  const error: JobError = { kind: failure.kind, messageKey: failure.messageKey, detail: failure.detail };
  const permanent = failure.kind === 'auth' || failure.kind === 'validation';
  if (permanent) return { ...job, state: 'failed', lastError: error, updatedAt: now };
  if (job.attempts >= policy.maxAttempts) {
    return {
      ...job,
      state: 'failed',
      lastError: {
        kind: 'attempts',
        messageKey: 'error.tooManyAttempts',
        detail: failure.detail || failure.messageKey,
      },
      updatedAt: now,
    };
  }
  const backoff = now + backoffDelay(job.attempts, policy, random);
  const nextAttemptAt = Math.max(backoff, failure.retryAt ?? 0);
  return { ...job, state: 'retrying', lastError: error, nextAttemptAt, updatedAt: now };
}

export function cancelJob(job: Job, now: number): Job {
  if (job.state === 'sent' || job.state === 'cancelled') return job;
  return { ...job, state: 'cancelled', updatedAt: now };
}

/**
 * A post restored from a backup waits ('held') until the user presses "Send":
 * then it is queued like any other, with the key it had (the same post), due
 * at its scheduled time if that is still ahead, else now.
 */
export function releaseHeld(job: Job, now: number): Job {
  if (job.state !== 'held') return job;
  const due = job.sendAt !== null && job.sendAt > now ? job.sendAt : now;
  // A Mastodon server schedule needs a fresh request: once released late, it is simply sent at `due` from here.
  const serverScheduled = job.serverScheduled && job.partCount === 1 && due - now >= SERVER_SCHEDULE_MIN_MS;
  return {
    ...keepUncertainty(job),
    state: 'queued',
    attempts: 0,
    nextAttemptAt: serverScheduled ? now : due,
    serverScheduled,
    lastError: null,
    updatedAt: now,
  };
}

/**
 * What a job read from a backup file becomes here: anything that still had
 * to go out is held for the user's click; sent, failed and cancelled ones are
 * history and stay as they are.
 */
export function holdImported(job: Job): Job {
  if (!isPending(job)) return job;
  return { ...job, state: 'held' };
}

/** "Retry now" on a failed or waiting job keeps its key: it is the same post. */
export function retryNow(job: Job, now: number): Job {
  if (job.state !== 'failed' && job.state !== 'retrying') return job;
  return { ...keepUncertainty(job), state: 'queued', attempts: 0, nextAttemptAt: now, lastError: null, updatedAt: now };
}

/**
 * Resetting the attempt count must not make an old job look never tried:
 * the uncertainty is written down before the count goes back to zero.
 */
function keepUncertainty(job: Job): Job {
  const since = unansweredSince(job);
  return since === null ? job : { ...job, unansweredSince: since };
}

/**
 * "Edit and resend" a failed job. The key stays: a refusal made nothing, so
 * the key is still free. An earlier unanswered attempt stays recorded and is
 * looked for, but by the words it had: once edited, a post that attempt made
 * may no longer be recognised.
 */
export function editAndResend(job: Job, text: string, now: number): Job {
  if (job.state !== 'failed') return job;
  return { ...retryNow(job, now), text };
}
