/**
 * Publishes one thread part to Mastodon: media first, then the status, with
 * the part's idempotency key so a retry after a lost answer returns the
 * status the server already made instead of posting it twice.
 */
import type { mastodon } from 'masto';
import { PublishError, type PartToSend, type PostRef } from '../../types.ts';
import type { MastodonInstanceInfo } from '../instance.ts';
import { createMastodonClient, type MastodonSession } from './client.ts';
import { classifyMastodonError } from './errors.ts';
import { DEFAULT_MEDIA_WAIT, uploadImages, type MediaWaitOptions } from './media.ts';
import { resolveReplyTargetId, SCHEDULED_ID_PREFIX } from './reply.ts';
import { buildStatusParams } from './status.ts';
import { findLandedStatus } from './landed.ts';
import type { AttemptShape } from '../landed-match.ts';
import { decideResend, keyTrustMs } from '../resend.ts';
import { webLink } from '../../../web-link.ts';

export { classifyMastodonError } from './errors.ts';
export { mapInteractionToMastodon, type MastodonInteraction } from '../interaction.ts';
export type { MastodonSession } from './client.ts';

export interface PublishOptions {
  now?: () => number;
  media?: Partial<MediaWaitOptions>;
  /** When an earlier attempt that may have created this part began, its answer never read (see ../resend.ts). */
  unansweredSince?: number | null;
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
    const since = options.unansweredSince ?? null;
    const earlier = await decideResend({
      unansweredSince: since,
      now: now(),
      keyTrustMs: keyTrustMs(instance.profile.family, part.scheduledAt !== null),
      lookFor: () => findLandedStatus(api, client.origin, attemptShape({ ...part, parent }, instance, since ?? now())),
    });
    if (earlier.action === 'adopt') return earlier.ref;
    if (earlier.action === 'wait') throw unchecked(earlier.error, now());
    const mediaIds = await uploadImages(api, part.images, { ...DEFAULT_MEDIA_WAIT, now, ...options.media });
    // Decided after the uploads: they can take long enough to bring a schedule under the limit.
    const params = buildStatusParams({ ...part, parent }, instance, mediaIds, now());
    const meta = part.idempotencyKey
      ? { requestInit: { headers: { 'Idempotency-Key': part.idempotencyKey } } }
      : undefined;
    // The body is ours and complete; masto's create() types split it into a union we do not need here.
    const body = params as unknown as mastodon.rest.v1.CreateScheduledStatusParams;
    // The answer's shape is checked rather than assumed: servers that ignore `scheduled_at` (Hollo...)
    // publish at once and answer a Status, and the user must be told the post is already out.
    const answer: unknown = await api.v1.statuses.create(body, meta);
    return postRefFromAnswer(answer, client.origin, params.scheduledAt !== undefined);
  } catch (error) {
    throw classifyMastodonError(error, now());
  }
}

/** What the earlier attempt sent, as its status would show it. */
function attemptShape(part: PartToSend, instance: MastodonInstanceInfo, since: number): AttemptShape {
  // The schedule the job asked for, even if it is now too close to ask again: the attempt may have asked it.
  const params = buildStatusParams({ ...part, scheduledAt: null }, instance, [], since);
  return {
    text: params.status,
    spoilerText: params.spoilerText,
    visibility: params.visibility,
    inReplyToId: params.inReplyToId ?? null,
    mediaCount: part.images.length,
    poll: params.poll !== undefined,
    since,
    scheduledAt: part.scheduledAt,
  };
}

/** A look-up that failed: never a reason to post, so a retry later (or the account to reconnect). */
function unchecked(error: unknown, now: number): PublishError {
  const classified = classifyMastodonError(error, now);
  if (classified.kind === 'auth' || classified.kind === 'rate-limit') return classified;
  return new PublishError('transient', 'error.mastodon.earlierAttemptUnchecked', classified.detail, classified.retryAt);
}

export const NOTICE_PUBLISHED_NOW = 'notice.mastodon.publishedNow';

/**
 * What `POST /api/v1/statuses` answered, as a PostRef:
 * - a ScheduledStatus (`scheduled_at` + `params`): waiting on the server; vanilla Mastodon's web UI
 *   has no page for scheduled posts, so the server itself is the link;
 * - a Status (any other answer with an `id`): published, and if a schedule was asked, published *now*;
 * - anything else: the server claims success but gave no post. Permanent (a retry with the same
 *   Idempotency-Key gets the same answer), worded so the user checks their profile.
 * Links are kept only when they are http(s): the server's strings are not trusted as hrefs.
 */
export function postRefFromAnswer(answer: unknown, origin: string, scheduleAsked: boolean): PostRef {
  if (typeof answer === 'object' && answer !== null) {
    const a = answer as Record<string, unknown>;
    const id = typeof a['id'] === 'string' || typeof a['id'] === 'number' ? String(a['id']) : '';
    if (id && typeof a['scheduledAt'] === 'string' && 'params' in a) {
      return { id: `${SCHEDULED_ID_PREFIX}${id}`, url: origin };
    }
    if (id) {
      const ref: PostRef = { id, url: webLink(a['url']) ?? webLink(a['uri']) ?? origin };
      if (scheduleAsked) ref.notice = NOTICE_PUBLISHED_NOW;
      return ref;
    }
  }
  throw new PublishError('validation', 'error.mastodon.unexpectedAnswer', JSON.stringify(answer)?.slice(0, 200) ?? '');
}
