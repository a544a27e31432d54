/**
 * Images of a post are kept until every job of that post is finished (sent
 * or cancelled), then deleted: Sortie keeps nothing it no longer needs. A
 * failed job keeps them, since the user may still retry it.
 */
import type { Db } from '../db.ts';
import { jobsOfPost } from './store.ts';

export async function releaseMediaIfDone(db: Db, postId: string): Promise<number> {
  const jobs = await jobsOfPost(db, postId);
  if (jobs.length === 0 || !jobs.every((j) => j.state === 'sent' || j.state === 'cancelled')) return 0;
  const ids = new Set(jobs.flatMap((j) => j.images.map((i) => i.mediaId)));
  if (ids.size === 0) return 0;
  const tx = db.transaction('media', 'readwrite');
  await Promise.all([...[...ids].map((id) => tx.store.delete(id)), tx.done]);
  return ids.size;
}
