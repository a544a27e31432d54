/** The outbox's IndexedDB side: jobs in, jobs out, one transaction per change. */
import type { Db } from '../db.ts';
import { PENDING_STATES, type Job, type JobState } from '../model/job.ts';

export async function addJobs(db: Db, jobs: Job[]): Promise<void> {
  const tx = db.transaction('jobs', 'readwrite');
  await Promise.all([...jobs.map((j) => tx.store.add(j)), tx.done]);
}

export async function putJob(db: Db, job: Job): Promise<void> {
  await db.put('jobs', job);
}

export function getJob(db: Db, id: string): Promise<Job | undefined> {
  return db.get('jobs', id);
}

/**
 * Every job of every post that still has work to do (sent siblings included:
 * later parts need their ids). Reads by state index, so sent history does not
 * slow the worker down as it grows. Held jobs are not pending (nothing sends
 * them); callers that must see them too (the wipe's list) pass their states.
 */
export async function jobsOfPendingPosts(db: Db, states: readonly JobState[] = PENDING_STATES): Promise<Job[]> {
  const tx = db.transaction('jobs');
  const index = tx.store.index('byState');
  const pending = (await Promise.all(states.map((state) => index.getAll(state)))).flat();
  const postIds = new Set(pending.map((j) => j.postId));
  const siblings = await Promise.all([...postIds].map((id) => tx.store.index('byPost').getAll(id)));
  await tx.done;
  return siblings.flat();
}

export async function jobsOfPost(db: Db, postId: string): Promise<Job[]> {
  return db.getAllFromIndex('jobs', 'byPost', postId);
}

/** The most recent jobs, newest first, for the queue view. */
export async function recentJobs(db: Db, limit: number): Promise<Job[]> {
  const out: Job[] = [];
  let cursor = await db.transaction('jobs').store.openCursor(null, 'prev');
  const all: Job[] = [];
  while (cursor) {
    all.push(cursor.value);
    cursor = await cursor.continue();
  }
  all.sort((a, b) => b.createdAt - a.createdAt || a.partIndex - b.partIndex);
  for (const job of all) {
    if (out.length >= limit) break;
    out.push(job);
  }
  return out;
}
