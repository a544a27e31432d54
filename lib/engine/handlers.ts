/**
 * The engine's operations. Each is small: the work lives in lib/outbox,
 * lib/networks and lib/accounts.
 */
import { toPublicAccount, accountId, type Account } from '../accounts/account.ts';
import type { FollowResolver } from '../archive/engine/follows.ts';
import type { ImportRunner } from '../archive/engine/runner.ts';
import type { BridgeService } from '../bridge/runner.ts';
import { deleteAccount, getAccount, putAccount } from '../accounts/store.ts';
import type { Db } from '../db.ts';
import { SortieError } from '../messaging/errors.ts';
import { enqueueDraft } from '../outbox/enqueue.ts';
import { findUnresolvedMentions } from '../networks/bluesky-facets.ts';
import { findUnresolvedMastodonMentions } from '../networks/mastodon-mentions.ts';
import { updateGates } from '../networks/bluesky-gates.ts';
import { loginBluesky, logoutBluesky } from '../networks/bluesky-session.ts';
import { revokeToken } from '../accounts/mastodon-oauth.ts';
import { notRevoked, type DisconnectResult } from '../accounts/disconnect.ts';
import type { DrainResult } from '../outbox/worker.ts';
import { sessionOf, type BlueskyAgents } from './bluesky-agents.ts';
import type { BlueskyConnectResult } from './protocol.ts';
import type { EngineHandlers } from './router.ts';

export interface EngineDeps {
  db: Db;
  agents: BlueskyAgents;
  now: () => number;
  /** Starts a drain unless one runs; a running one goes round again. */
  requestDrain: () => void;
  /** The follow bridge's runs (lookups and follows). */
  bridge: BridgeService;
  /** X archive imports. */
  imports: ImportRunner;
  /** X archive imports: the owner's follows looked up on a mirror. */
  follows: FollowResolver;
}

export function createEngineHandlers(deps: EngineDeps): EngineHandlers {
  return {
    drain: async () => {
      deps.requestDrain();
      return { started: true };
    },
    'outbox.enqueue': async ({ draftId }) => enqueueDraft(deps.db, draftId, deps.now()),
    'bluesky.login': async (args): Promise<BlueskyConnectResult> => {
      const result = await loginBluesky(args);
      if (!result.ok) {
        if (result.reason === 'auth-factor-required') return { status: 'code-required' };
        throw new SortieError(result.messageKey, result.detail);
      }
      const s = result.session;
      const id = accountId('bluesky', s.service, s.did);
      const existing = await getAccount(deps.db, id);
      const account: Account = {
        id,
        network: 'bluesky',
        handle: s.handle,
        displayName: existing?.displayName ?? s.handle,
        server: s.service,
        profileUrl: `https://bsky.app/profile/${s.handle}`,
        status: 'ok',
        credentials: { network: 'bluesky', service: s.service, did: s.did, handle: s.handle, accessJwt: s.accessJwt, refreshJwt: s.refreshJwt },
        defaultInteraction: existing?.defaultInteraction ?? { reply: 'everyone', allowQuotes: true },
        createdAt: existing?.createdAt ?? deps.now(),
      };
      deps.agents.forget(id);
      await putAccount(deps.db, account);
      return { status: 'connected', account: toPublicAccount(account) };
    },
    'bluesky.updateGates': async ({ accountId: id, postUri, interaction }) => {
      const account = await getAccount(deps.db, id);
      if (!account || account.network !== 'bluesky') throw new SortieError('error.accountGone', id);
      await updateGates(await deps.agents.get(account), postUri, interaction);
      return null;
    },
    'bluesky.unresolvedMentions': async ({ accountId: id, text }) => {
      const account = await getAccount(deps.db, id);
      if (!account || account.network !== 'bluesky') return [];
      return findUnresolvedMentions(await deps.agents.get(account), text);
    },
    'mastodon.unresolvedMentions': async ({ accountId: id, text }) => {
      const account = await getAccount(deps.db, id);
      if (!account || account.credentials.network !== 'mastodon') return [];
      const { origin, accessToken } = account.credentials;
      return findUnresolvedMastodonMentions({ origin, accessToken }, text);
    },
    'account.disconnect': async ({ id }) => {
      const account = await getAccount(deps.db, id);
      // Already gone (another page disconnected it): nothing left here, nothing Sortie can still revoke.
      if (!account) return { revoked: false };
      let result: DisconnectResult;
      try {
        const creds = account.credentials;
        if (creds.network === 'bluesky') {
          await logoutBluesky(sessionOf(account));
          result = { revoked: true, handle: account.handle };
        } else if (!creds.clientId) {
          result = notRevoked(account, 'pasted');
        } else {
          const outcome = await revokeToken(creds.origin, creds.clientId, creds.clientSecret, creds.accessToken);
          result = outcome === 'revoked' ? { revoked: true, handle: account.handle } : notRevoked(account, 'unsupported');
        }
      } catch (error) {
        // The server may be gone for good: forgetting the account locally must still work, and the user is told.
        result = notRevoked(account, 'failed', error instanceof Error ? error.message : String(error));
      }
      deps.agents.forget(id);
      await deleteAccount(deps.db, id);
      return result;
    },
    'bridge.match': (args) => deps.bridge.startMatch(args),
    'bridge.follow': ({ targets }) => deps.bridge.startFollow(targets),
    'bridge.stop': async () => {
      deps.bridge.stop();
      return null;
    },
    'archive.start': (args) => deps.imports.start(args),
    'archive.pause': ({ importId }) => deps.imports.pause(importId),
    'archive.resume': ({ importId }) => deps.imports.resume(importId),
    'archive.stop': ({ importId }) => deps.imports.stop(importId),
    'archive.undo': ({ importId }) => deps.imports.undo(importId),
    'archive.resolveFollows': ({ importId, mirror }) => deps.follows.start(importId, mirror),
    'archive.stopFollows': async ({ importId }) => {
      await deps.follows.stop(importId);
      return null;
    },
  };
}

export type { DrainResult, EngineHandlers };
