/**
 * The background's part of the outbox: queue posts, wake the engine when
 * something is due, set an alarm for later, and let the engine go when idle.
 */
import { browser } from 'wxt/browser';
import type { Db } from '../../db.ts';
import type { Job } from '../../model/job.ts';
import { jobsToCancel, nextWakeAt, runnableJobs } from '../plan.ts';
import { cancelJob, editAndResend, releaseHeld, retryNow } from '../state.ts';
import { releaseMediaIfDone } from '../media-release.ts';
import { getJob, jobsOfPendingPosts, jobsOfPost, putJob } from '../store.ts';
import type { EngineClient } from '../../messaging/engine-client.ts';
import { SortieError } from '../../messaging/errors.ts';

export const OUTBOX_ALARM = 'sortie.outbox';

/**
 * If the engine dies mid-drain (browser killed it, crash), no "idle" ever
 * comes: this alarm wakes the background to look again. A finished drain
 * replaces it with the real next wake-up time.
 */
const WATCHDOG_MS = 30_000;

/** Starts a drain in the engine if a job is due now; otherwise only sets the alarm for the next one. */
export async function drainDueOrSetAlarm(engine: EngineClient, db: Db, now = Date.now()): Promise<void> {
  const jobs = await jobsOfPendingPosts(db);
  if (runnableJobs(jobs, now).length > 0) {
    await setWakeAlarm(now + WATCHDOG_MS);
    await engine.call('drain', {});
    return;
  }
  await setWakeAlarm(nextWakeAt(jobs, now));
}

/**
 * A post was just queued: wake the engine if it is due now, else make sure
 * the alarm rings by its time. Reads nothing else, so queueing stays cheap
 * however long the queue is.
 */
export async function drainOrSetAlarmFor(engine: EngineClient, dueAt: number, now = Date.now()): Promise<void> {
  if (dueAt <= now) {
    await setWakeAlarm(now + WATCHDOG_MS);
    await engine.call('drain', {});
    return;
  }
  const alarm = await browser.alarms.get(OUTBOX_ALARM);
  if (!alarm || alarm.scheduledTime > dueAt) await setWakeAlarm(dueAt);
}

/** The outbox alarm rings at `at` (none when null). */
export async function setWakeAlarm(at: number | null): Promise<void> {
  if (at === null) {
    await browser.alarms.clear(OUTBOX_ALARM);
    return;
  }
  // Chrome rounds alarms up to 30 s for packed extensions; that only delays a retry.
  await browser.alarms.create(OUTBOX_ALARM, { when: Math.max(at, Date.now() + 1_000) });
}

/**
 * The engine's drain ended: drain again if something became due meanwhile,
 * else set the alarm for the next job and close the engine.
 */
export async function drainAgainOrCloseEngine(
  engine: EngineClient,
  db: Db,
  nextWakeAtTime: number | null,
  offline: boolean,
): Promise<void> {
  const jobs = await jobsOfPendingPosts(db);
  if (runnableJobs(jobs, Date.now()).length > 0) {
    // Something was queued after the engine's last look: go again rather than close.
    await drainDueOrSetAlarm(engine, db);
    return;
  }
  await setWakeAlarm(nextWakeAtTime ?? nextWakeAt(jobs, Date.now()));
  // Offline, the engine stays open to hear the network come back.
  if (!offline) await engine.close();
}

async function mustGet(db: Db, jobId: string): Promise<Job> {
  const job = await getJob(db, jobId);
  if (!job) throw new SortieError('error.jobNotFound', jobId);
  return job;
}

export async function retryJob(engine: EngineClient, db: Db, jobId: string): Promise<void> {
  const job = await mustGet(db, jobId);
  // Retrying a part also frees the parts after it that were waiting on it.
  await putJob(db, retryNow(job, Date.now()));
  await drainDueOrSetAlarm(engine, db);
}

export async function editJob(engine: EngineClient, db: Db, jobId: string, text: string): Promise<void> {
  const job = await mustGet(db, jobId);
  if (job.state !== 'failed') throw new SortieError('error.jobNotEditable', job.state);
  await putJob(db, editAndResend(job, text, Date.now()));
  await drainDueOrSetAlarm(engine, db);
}

/**
 * The user's "Send" on a post restored from a backup: its held jobs (every
 * account, every part) are queued with their keys and the outbox woken. A
 * second click finds nothing held any more, so the post goes out once.
 */
export async function sendHeldPost(engine: EngineClient, db: Db, postId: string): Promise<number> {
  const now = Date.now();
  const held = (await jobsOfPost(db, postId)).filter((j) => j.state === 'held');
  if (held.length === 0) throw new SortieError('error.jobNotHeld', postId);
  for (const job of held) await putJob(db, releaseHeld(job, now));
  await drainDueOrSetAlarm(engine, db);
  return held.length;
}

/** The user's "Delete" on a post restored from a backup: its held jobs are removed, with images nothing else uses. */
export async function deleteHeldPost(db: Db, postId: string): Promise<number> {
  const held = (await jobsOfPost(db, postId)).filter((j) => j.state === 'held');
  if (held.length === 0) throw new SortieError('error.jobNotHeld', postId);
  const tx = db.transaction('jobs', 'readwrite');
  await Promise.all([...held.map((j) => tx.store.delete(j.id)), tx.done]);
  const rest = await jobsOfPost(db, postId);
  if (rest.length > 0) {
    await releaseMediaIfDone(db, postId);
  } else {
    // No job left to tell releaseMediaIfDone about the images: delete them here.
    const ids = new Set(held.flatMap((j) => j.images.map((i) => i.mediaId)));
    const media = db.transaction('media', 'readwrite');
    await Promise.all([...[...ids].map((id) => media.store.delete(id)), media.done]);
  }
  return held.length;
}

export async function cancelJobAndRest(db: Db, jobId: string): Promise<void> {
  const job = await mustGet(db, jobId);
  const siblings = await jobsOfPost(db, job.postId);
  for (const j of jobsToCancel(siblings, job)) await putJob(db, cancelJob(j, Date.now()));
  await releaseMediaIfDone(db, job.postId);
}
