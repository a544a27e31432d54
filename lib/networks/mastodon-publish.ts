/**
 * Publishes one thread part to Mastodon: media first, then the status, with
 * the part's idempotency key so a retry after a lost answer returns the
 * status the server already made instead of posting it twice.
 */
import type { mastodon } from 'masto';
import type { PartToSend, PostRef } from './types.ts';
import type { MastodonInstanceInfo } from './mastodon-instance.ts';
import { createMastodonClient, type MastodonSession } from './mastodon-client.ts';
import { classifyMastodonError } from './mastodon-errors.ts';
import { DEFAULT_MEDIA_WAIT, uploadImages, type MediaWaitOptions } from './mastodon-media.ts';
import { resolveReplyTargetId, SCHEDULED_ID_PREFIX } from './mastodon-reply.ts';
import { buildStatusParams } from './mastodon-status.ts';

export { classifyMastodonError } from './mastodon-errors.ts';
export { mapInteractionToMastodon, type MastodonInteraction } from './mastodon-interaction.ts';
export type { MastodonSession } from './mastodon-client.ts';

export interface PublishOptions {
  now?: () => number;
  media?: Partial<MediaWaitOptions>;
}

/** Throws only PublishError. */
export async function publishMastodonPart(
  client: MastodonSession,
  instance: MastodonInstanceInfo,
  part: PartToSend,
  options: PublishOptions = {},
): Promise<PostRef> {
  const now = options.now ?? Date.now;
  try {
    const api = createMastodonClient(client);
    const parent = part.parent ? { ...part.parent, id: await resolveReplyTargetId(api, part.parent.id) } : null;
    const mediaIds = await uploadImages(api, part.images, { ...DEFAULT_MEDIA_WAIT, now, ...options.media });
    // Decided after the uploads: they can take long enough to bring a schedule under the limit.
    const params = buildStatusParams({ ...part, parent }, instance, mediaIds, now());
    const meta = part.idempotencyKey
      ? { requestInit: { headers: { 'Idempotency-Key': part.idempotencyKey } } }
      : undefined;
    // The body is ours and complete; masto's create() types split it into a union we do not need here.
    const body = params as unknown as mastodon.rest.v1.CreateScheduledStatusParams;
    if (params.scheduledAt) {
      // With scheduled_at the server answers a ScheduledStatus; TypeScript picks the plain overload.
      const scheduled = (await api.v1.statuses.create(body, meta)) as unknown as mastodon.v1.ScheduledStatus;
      // Vanilla Mastodon's web UI has no page for scheduled posts: the server itself is the best link.
      return { id: `${SCHEDULED_ID_PREFIX}${scheduled.id}`, url: client.origin };
    }
    const status = await api.v1.statuses.create(body, meta);
    return { id: status.id, url: status.url ?? status.uri ?? client.origin };
  } catch (error) {
    throw classifyMastodonError(error, now());
  }
}
