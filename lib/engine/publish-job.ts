/**
 * Turns a stored job into one network call: loads its images, resolves what
 * it replies to, and hands a PartToSend to the right adapter.
 */
import type { Db } from '../db.ts';
import { prepareImage } from '../media/prepare.ts';
import { engineOf, type NetworkEngines } from '../networks/engine-registry.ts';
import { NETWORKS } from '../networks/registry.ts';
import { PublishError, type ImageToSend, type PartToSend, type PostRef } from '../networks/types.ts';
import type { Job } from '../model/job.ts';
import type { PublishRequest } from '../outbox/engine/drain.ts';

/** Re-encodes an image below `maxBytes` (an adapter asks when a server refuses its size). */
export async function shrinkTo(image: ImageToSend, maxBytes: number): Promise<ImageToSend> {
  if (image.blob.size <= maxBytes) return image;
  const prepared = await prepareImage(image.blob, maxBytes);
  return {
    ...image,
    blob: prepared.blob,
    mime: prepared.mime,
    width: prepared.width,
    height: prepared.height,
    size: prepared.blob.size,
  };
}

export interface PublisherDeps {
  db: Db;
  engines: NetworkEngines;
  now: () => number;
}

async function loadImages(db: Db, job: Job): Promise<ImageToSend[]> {
  return Promise.all(
    job.images.map(async (image) => {
      const media = await db.get('media', image.mediaId);
      if (!media) throw new PublishError('validation', 'error.mediaMissing', image.mediaId);
      return { ...image, blob: media.blob };
    }),
  );
}

function partFrom(job: Job, images: ImageToSend[], parent: PostRef | null, root: PostRef | null): PartToSend {
  return {
    text: job.text,
    images,
    contentWarning: job.contentWarning,
    sensitive: job.sensitive,
    labels: job.labels,
    langs: job.langs,
    visibility: job.visibility,
    poll: job.poll,
    interaction: job.interaction,
    parent,
    root,
    idempotencyKey: job.idempotencyKey,
    scheduledAt: job.serverScheduled && job.sendAt !== null ? new Date(job.sendAt).toISOString() : null,
    ...(job.originalDate !== undefined ? { originalDate: job.originalDate } : {}),
  };
}

/**
 * A post meant to wait on the server, retried when its time is now too
 * close for the server to schedule it: hold it until its time instead of
 * letting the server publish it early.
 */
function holdUntilDue(job: Job, now: number): void {
  if (!job.serverScheduled || job.sendAt === null) return;
  const ahead = job.sendAt - now;
  if (ahead > 0 && ahead < (NETWORKS[job.network].serverScheduleAheadMs ?? 0)) {
    throw new PublishError('transient', 'notice.scheduledLocally', '', job.sendAt);
  }
}

export function createPublisher(deps: PublisherDeps): (request: PublishRequest) => Promise<PostRef> {
  return async ({ job, account, parent, root, unansweredSince }) => {
    holdUntilDue(job, deps.now());
    const images = await loadImages(deps.db, job);
    return engineOf(deps.engines, account.network).publish({
      account,
      part: partFrom(job, images, parent, root),
      replyTo: job.replyTo,
      firstAttempt: unansweredSince === null,
      unansweredSince,
    });
  };
}
