/**
 * Turns a stored job into one network call: loads its images, resolves what
 * it replies to, and hands a PartToSend to the right adapter.
 */
import type { Account, ServerInfo } from '../accounts/account.ts';
import { putAccount } from '../accounts/store.ts';
import type { Db } from '../db.ts';
import { publishBlueskyPart, resolveReplyTarget } from '../networks/bluesky.ts';
import { fetchInstance, type MastodonInstanceInfo } from '../networks/mastodon-instance.ts';
import { publishMastodonPart } from '../networks/mastodon-publish.ts';
import { buildServerProfile } from '../networks/mastodon-server-profile.ts';
import { PublishError, type ImageToSend, type PartToSend, type PostRef } from '../networks/types.ts';
import { prepareImage } from '../media/prepare.ts';
import type { Job } from '../outbox/job.ts';
import { SERVER_SCHEDULE_MIN_MS } from '../outbox/plan.ts';
import type { PublishRequest } from '../outbox/worker.ts';
import type { BlueskyAgents } from './bluesky-agents.ts';

/** The blob size limit of PDSes older than the 2,000,000-byte lexicon limit. */
const OLD_PDS_BLOB_LIMIT = 1_000_000;

async function shrinkTo(image: ImageToSend, maxBytes: number): Promise<ImageToSend> {
  if (image.blob.size <= maxBytes) return image;
  const prepared = await prepareImage(image.blob, maxBytes);
  return { ...image, blob: prepared.blob, mime: prepared.mime, width: prepared.width, height: prepared.height, size: prepared.blob.size };
}

/** Server limits older than this are read again before posting. */
const SERVER_INFO_MAX_AGE_MS = 24 * 3_600_000;

export interface PublisherDeps {
  db: Db;
  agents: BlueskyAgents;
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

/** What was stored at connect time (or last refresh), as the adapter reads it. */
function storedInstance(account: Account, info: ServerInfo): MastodonInstanceInfo {
  const profile = info.profile ?? buildServerProfile(account.server, info.version);
  return { origin: account.server, version: info.version, title: '', limits: info.limits, supportsQuotePolicy: info.supportsQuotePolicy, supportsPkce: true, profile };
}

async function mastodonInstance(deps: PublisherDeps, account: Account): Promise<MastodonInstanceInfo> {
  const info = account.serverInfo;
  if (info && deps.now() - info.fetchedAt < SERVER_INFO_MAX_AGE_MS) return storedInstance(account, info);
  try {
    const fresh = await fetchInstance(account.server);
    await putAccount(deps.db, {
      ...account,
      serverInfo: {
        version: fresh.version,
        limits: fresh.limits,
        supportsQuotePolicy: fresh.supportsQuotePolicy,
        profile: fresh.profile,
        fetchedAt: deps.now(),
      },
    });
    return fresh;
  } catch (error) {
    if (!info) throw new PublishError('transient', 'error.network', error instanceof Error ? error.message : String(error));
    // Stale limits are better than not posting.
    return storedInstance(account, info);
  }
}

/**
 * A post meant to wait on the Mastodon server, retried when its time is now
 * too close for the server to schedule it: hold it until its time instead of
 * letting the server publish it early.
 */
function holdUntilDue(job: Job, now: number): void {
  if (!job.serverScheduled || job.sendAt === null) return;
  const ahead = job.sendAt - now;
  if (ahead > 0 && ahead < SERVER_SCHEDULE_MIN_MS) {
    throw new PublishError('transient', 'notice.scheduledLocally', '', job.sendAt);
  }
}

export function createPublisher(deps: PublisherDeps): (request: PublishRequest) => Promise<PostRef> {
  return async ({ job, account, parent, root }) => {
    holdUntilDue(job, deps.now());
    const images = await loadImages(deps.db, job);
    const creds = account.credentials;
    if (creds.network === 'mastodon') {
      const session = { origin: creds.origin, accessToken: creds.accessToken };
      // The adapter resolves a pasted status URL to the id it has on this server.
      const target = parent ?? (job.replyTo ? { id: job.replyTo, url: job.replyTo } : null);
      const part = partFrom(job, images, target, root ?? target);
      return publishMastodonPart(session, await mastodonInstance(deps, account), part);
    }
    const agent = await deps.agents.get(account);
    try {
      const target = parent ?? (job.replyTo ? await resolveReplyTarget(agent, job.replyTo) : null);
      // The adapter reads the true thread root from the parent's own record when it is a reply.
      const part = partFrom(job, images, target, root ?? target);
      try {
        return await publishBlueskyPart(agent, part, { firstAttempt: job.attempts <= 1 });
      } catch (error) {
        // Older PDSes take blobs of 1,000,000 bytes, not 2,000,000: shrink once more and retry.
        if (!(error instanceof PublishError) || error.messageKey !== 'error.blobTooLarge' || images.length === 0) throw error;
        const smaller = await Promise.all(images.map((image) => shrinkTo(image, OLD_PDS_BLOB_LIMIT)));
        return await publishBlueskyPart(agent, { ...part, images: smaller }, { firstAttempt: false });
      }
    } catch (error) {
      if (error instanceof PublishError && error.kind === 'auth') deps.agents.forget(account.id);
      throw error;
    }
  };
}
