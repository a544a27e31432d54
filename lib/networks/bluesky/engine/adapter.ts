/**
 * Bluesky's engine adapter: connect (sign in with an app password), publish
 * a part on the account's resumed session, delete the session, look
 * mentions up, change a sent thread's reply and quote gates.
 */
import type { AtpAgent } from '@atproto/api';
import type { Account } from '../../../model/account.ts';
import type { AdapterDeps, ConnectResult, NetworkEngine, Revocation } from '../../engine.ts';
import { accountId } from '../../network.ts';
import { PublishError } from '../../types.ts';
import type { BlueskyCredentials } from '../../network.ts';
import { BLUESKY_VIDEO_SIZE_LIMIT } from '../meta.ts';
import { isVideo } from './embed.ts';
import { toPublishError } from './errors.ts';
import { findUnresolvedMentions } from './facets.ts';
import { blueskyLookup, type BlueskyLookup } from './lookup.ts';
import { deleteBlueskyPost } from './delete.ts';
import { updateGates } from './gates.ts';
import { publishBlueskyPart } from './publish.ts';
import { resolveReplyTarget } from './refs.ts';
import { loginBluesky, logoutBluesky, type BlueskySession } from './session.ts';

/** The blob size limit of PDSes older than the 2,000,000-byte lexicon limit. */
const OLD_PDS_BLOB_LIMIT = 1_000_000;

/** One resumed session per account for the engine's lifetime (`agents.ts`). */
export interface BlueskySessions {
  get(account: Account): Promise<AtpAgent>;
  forget(accountId: string): void;
}

export function blueskySessionOf(account: Account): BlueskySession {
  const creds: BlueskyCredentials | null = account.credentials.network === 'bluesky' ? account.credentials : null;
  if (!creds) throw new Error(`${account.id} is not a Bluesky account`);
  const { did, handle, server, accessJwt, refreshJwt } = creds;
  return { did, handle, service: server, accessJwt, refreshJwt };
}

export function createBlueskyEngine(
  deps: AdapterDeps,
  sessions: BlueskySessions,
): NetworkEngine<'bluesky', BlueskyLookup> {
  return {
    id: 'bluesky',
    async connect(input): Promise<ConnectResult> {
      const result = await loginBluesky(input);
      if (!result.ok) {
        if (result.reason === 'auth-factor-required') return { status: 'code-required' };
        return { status: 'failed', messageKey: result.messageKey, detail: result.detail };
      }
      const s = result.session;
      const id = accountId('bluesky', s.service, s.did);
      const existing = await deps.getAccount(id);
      // A new session replaces the one held for this account.
      sessions.forget(id);
      return {
        status: 'connected',
        account: {
          id,
          network: 'bluesky',
          handle: s.handle,
          displayName: existing?.displayName ?? s.handle,
          server: s.service,
          profileUrl: `https://bsky.app/profile/${s.handle}`,
          status: 'ok',
          credentials: {
            network: 'bluesky',
            server: s.service,
            did: s.did,
            handle: s.handle,
            accessJwt: s.accessJwt,
            refreshJwt: s.refreshJwt,
          },
          defaultInteraction: existing?.defaultInteraction ?? { reply: 'everyone', allowQuotes: true },
          createdAt: existing?.createdAt ?? deps.now(),
        },
      };
    },
    async publish({ account, part, replyTo, firstAttempt }) {
      const agent = await sessions.get(account);
      try {
        const parent = part.parent ?? (replyTo ? await resolveReplyTarget(agent, replyTo) : null);
        // The adapter reads the true thread root from the parent's own record when it is a reply.
        const ready = { ...part, parent, root: part.root ?? parent };
        try {
          return await publishBlueskyPart(agent, ready, { firstAttempt });
        } catch (error) {
          // Older PDSes take blobs of 1,000,000 bytes, not 2,000,000: shrink once more and retry.
          if (
            !(error instanceof PublishError) ||
            error.messageKey !== 'error.blobTooLarge' ||
            ready.images.length === 0 ||
            ready.images.some(isVideo)
          )
            throw error;
          const smaller = await Promise.all(ready.images.map((image) => deps.shrinkImage(image, OLD_PDS_BLOB_LIMIT)));
          return await publishBlueskyPart(agent, { ...ready, images: smaller }, { firstAttempt: false });
        }
      } catch (error) {
        if (error instanceof PublishError && error.kind === 'auth') sessions.forget(account.id);
        throw error;
      }
    },
    async disconnect(account): Promise<Revocation> {
      try {
        await logoutBluesky(blueskySessionOf(account));
        return { revoked: true };
      } catch (error) {
        return { revoked: false, reason: 'failed', detail: error instanceof Error ? error.message : String(error) };
      }
    },
    async unresolvedMentions(account, text) {
      return findUnresolvedMentions(await sessions.get(account), text);
    },
    lookup: async (account) => blueskyLookup(await sessions.get(account)),
    async deletePost(account, postId) {
      await deleteBlueskyPost(await sessions.get(account), postId);
    },
    async videoSizeLimit(account) {
      const agent = await sessions.get(account);
      try {
        const { data } = await agent.com.atproto.server.describeServer();
        const limit = data['blobUploadLimit'];
        return typeof limit === 'number' && limit > 0 ? limit : BLUESKY_VIDEO_SIZE_LIMIT;
      } catch (error) {
        throw toPublishError(error);
      }
    },
    async updateGates(account, postId, interaction) {
      await updateGates(await sessions.get(account), postId, interaction);
    },
    forget: (id) => sessions.forget(id),
  };
}
