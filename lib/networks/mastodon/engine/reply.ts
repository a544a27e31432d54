/**
 * A reply target may be given as a status URL (pasted by the user, possibly
 * from another server). Mastodon's `in_reply_to_id` only takes the id the
 * status has on the account's own server, which a resolving search returns.
 */
import type { mastodon } from 'masto';
import { PublishError } from '../../types.ts';

const URL_LIKE = /^https?:\/\//i;

/** Prefix of the PostRef id of a status the server holds for later. */
export const SCHEDULED_ID_PREFIX = 'scheduled:';

/** Checked before any upload, so a doomed part wastes no media. */
export async function resolveReplyTargetId(client: mastodon.rest.Client, idOrUrl: string): Promise<string> {
  // A scheduled status does not exist yet: nothing can reply to it.
  if (idOrUrl.startsWith(SCHEDULED_ID_PREFIX)) {
    throw new PublishError('validation', 'error.mastodon.replyToScheduled', idOrUrl);
  }
  if (!URL_LIKE.test(idOrUrl)) return idOrUrl;
  const results = await client.v2.search.list({ q: idOrUrl, resolve: true, type: 'statuses', limit: 1 });
  const found = results.statuses[0];
  if (!found) throw new PublishError('validation', 'error.mastodon.replyTargetNotFound', idOrUrl);
  return found.id;
}
