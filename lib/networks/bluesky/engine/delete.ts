/**
 * Deleting a post Sortie created (undoing an archive import): the post
 * record through com.atproto.repo.deleteRecord, in the signed-in account's
 * own repo only. A record already gone counts as deleted.
 */
import type { AtpAgent } from '@atproto/api';
import { PublishError } from '../../types.ts';
import { toPublishError } from './errors.ts';
import { parsePostUri, POST_COLLECTION } from './refs.ts';

/** Throws PublishError. */
export async function deleteBlueskyPost(agent: AtpAgent, postUri: string): Promise<void> {
  const address = parsePostUri(postUri);
  if (!address) throw new PublishError('validation', 'error.bluesky.badPostUri', postUri);
  const did = agent.session?.did;
  if (!did) throw new PublishError('auth', 'error.bluesky.auth', 'No session');
  // Never someone else's post, whatever a record says.
  if (address.repo !== did) throw new PublishError('validation', 'error.archive.notOwnPost', postUri);
  try {
    // deleteRecord succeeds when the record is not there: nothing to tell apart.
    await agent.com.atproto.repo.deleteRecord({ repo: did, collection: POST_COLLECTION, rkey: address.rkey });
  } catch (err) {
    throw toPublishError(err);
  }
}
