/**
 * Looks on the server for the status an earlier, unanswered attempt at a part
 * may have created (what counts as that status: ../landed-match.ts). Reads the
 * account's own statuses, newest first, back to the attempt's start; and for a
 * part asked to wait on the server, the scheduled statuses first. Returns null
 * only when the whole span was read and nothing matched; throws when it could
 * not read it all, so the caller waits instead of posting blind.
 */
import type { mastodon } from 'masto';
import { PublishError, type PostRef } from '../../types.ts';
import { notBefore, scheduledMatches, statusMatches, type AttemptShape } from '../landed-match.ts';
import { SCHEDULED_ID_PREFIX } from './reply.ts';
import { webLink } from '../../../web-link.ts';

const PAGE_SIZE = 40;
/** 800 statuses: more than Mastodon's 300 per 3 hours lets an account post in a night. */
const MAX_PAGES = 20;
const MAX_SCHEDULED_PAGES = 5;

export async function findLandedStatus(
  api: mastodon.rest.Client,
  origin: string,
  shape: AttemptShape,
): Promise<PostRef | null> {
  if (shape.scheduledAt) {
    const scheduled = await findScheduled(api, shape);
    if (scheduled) return { id: `${SCHEDULED_ID_PREFIX}${scheduled}`, url: origin };
  }
  // Which app posted is extra evidence, when the server says; not knowing it is no reason to stop.
  const appName = await api.v1.apps.verifyCredentials().then(
    (app) => app.name || null,
    () => null,
  );
  const me = await api.v1.accounts.verifyCredentials();
  const bound = notBefore(shape);
  let found: mastodon.v1.Status | null = null;
  let maxId: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const statuses = await api.v1.accounts
      .$select(me.id)
      .statuses.list({ limit: PAGE_SIZE, ...(maxId ? { maxId } : {}) });
    // Newest first: the last match seen is the earliest, the one the attempt most likely made.
    for (const status of statuses) if (statusMatches(status, shape, appName)) found = status;
    const oldest = statuses.at(-1);
    if (!oldest || Date.parse(oldest.createdAt) < bound) {
      return found ? { id: found.id, url: webLink(found.url) ?? webLink(found.uri) ?? origin } : null;
    }
    maxId = oldest.id;
  }
  if (found) return { id: found.id, url: webLink(found.url) ?? webLink(found.uri) ?? origin };
  throw new PublishError('transient', 'error.mastodon.earlierAttemptUnchecked', 'too many posts since the attempt');
}

async function findScheduled(api: mastodon.rest.Client, shape: AttemptShape): Promise<string | null> {
  let maxId: string | undefined;
  for (let page = 0; page < MAX_SCHEDULED_PAGES; page++) {
    const list = await api.v1.scheduledStatuses.list({ limit: PAGE_SIZE, ...(maxId ? { maxId } : {}) });
    const match = list.find((s) => scheduledMatches(s, shape));
    if (match) return match.id;
    const last = list.at(-1);
    if (!last) return null;
    maxId = last.id;
  }
  throw new PublishError('transient', 'error.mastodon.earlierAttemptUnchecked', 'too many scheduled posts');
}
