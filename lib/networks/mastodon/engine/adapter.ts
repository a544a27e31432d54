/**
 * Mastodon's engine adapter: connect (check a token), publish a part (with
 * the server's limits, refreshed when old), revoke, look mentions up.
 */
import type { Account } from '../../../model/account.ts';
import type { AdapterDeps, ConnectResult, NetworkEngine, Revocation } from '../../engine.ts';
import { accountId } from '../../network.ts';
import { PublishError } from '../../types.ts';
import { mastodonAccount } from '../account.ts';
import { MastodonConnectError } from '../connect-error.ts';
import { fetchInstance, type MastodonInstanceInfo } from '../instance.ts';
import type { MastodonCredentials } from '../../network.ts';
import { revokeToken, verifyCredentials } from '../oauth.ts';
import { buildServerProfile } from '../server-profile.ts';
import { mastodonLookup, type MastodonLookup } from './lookup.ts';
import { findUnresolvedMastodonMentions } from './mentions.ts';
import { publishMastodonPart } from './publish.ts';

/** Server limits older than this are read again before posting. */
const SERVER_INFO_MAX_AGE_MS = 24 * 3_600_000;

function credentialsOf(account: Account): MastodonCredentials {
  if (account.credentials.network !== 'mastodon') throw new Error(`${account.id} is not a Mastodon account`);
  return account.credentials;
}

/** What was stored at connect time (or last refresh), as the publisher reads it. */
function storedInstance(account: Account): MastodonInstanceInfo | null {
  const info = account.serverInfo;
  if (!info) return null;
  const profile = info.profile ?? buildServerProfile(account.server, info.version);
  return {
    origin: account.server,
    version: info.version,
    title: '',
    limits: info.limits,
    supportsQuotePolicy: info.supportsQuotePolicy,
    supportsPkce: true,
    profile,
  };
}

async function currentInstance(deps: AdapterDeps, account: Account): Promise<MastodonInstanceInfo> {
  const stored = storedInstance(account);
  if (stored && account.serverInfo && deps.now() - account.serverInfo.fetchedAt < SERVER_INFO_MAX_AGE_MS) return stored;
  try {
    const fresh = await fetchInstance(account.server);
    await deps.saveAccount({
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
    if (!stored)
      throw new PublishError('transient', 'error.network', error instanceof Error ? error.message : String(error));
    // Stale limits are better than not posting.
    return stored;
  }
}

export function createMastodonEngine(deps: AdapterDeps): NetworkEngine<'mastodon', MastodonLookup> {
  return {
    id: 'mastodon',
    async connect(input): Promise<ConnectResult> {
      try {
        const accessToken = input.accessToken.trim();
        const instance = await fetchInstance(input.origin);
        const profile = await verifyCredentials(instance.origin, accessToken);
        const existing = await deps.getAccount(accountId('mastodon', instance.origin, profile.id));
        return {
          status: 'connected',
          account: mastodonAccount(instance, profile, { ...input, accessToken }, existing, deps.now()),
        };
      } catch (error) {
        if (error instanceof MastodonConnectError)
          return { status: 'failed', messageKey: error.messageKey, detail: error.detail };
        throw error;
      }
    },
    async publish({ account, part, replyTo, unansweredSince }) {
      const { server: origin, accessToken } = credentialsOf(account);
      // The adapter resolves a pasted status URL to the id it has on this server.
      const target = part.parent ?? (replyTo ? { id: replyTo, url: replyTo } : null);
      return publishMastodonPart(
        { origin, accessToken },
        await currentInstance(deps, account),
        { ...part, parent: target, root: part.root ?? target },
        { unansweredSince: unansweredSince ?? null },
      );
    },
    async disconnect(account): Promise<Revocation> {
      const creds = credentialsOf(account);
      if (!creds.clientId) return { revoked: false, reason: 'pasted' };
      try {
        const outcome = await revokeToken(creds.server, creds.clientId, creds.clientSecret, creds.accessToken);
        return outcome === 'revoked' ? { revoked: true } : { revoked: false, reason: 'unsupported' };
      } catch (error) {
        return { revoked: false, reason: 'failed', detail: error instanceof Error ? error.message : String(error) };
      }
    },
    async unresolvedMentions(account, text) {
      const { server: origin, accessToken } = credentialsOf(account);
      return findUnresolvedMastodonMentions({ origin, accessToken }, text);
    },
    async lookup(account) {
      const { server: origin, accessToken } = credentialsOf(account);
      return mastodonLookup({ origin, accessToken });
    },
    forget: () => undefined,
  };
}
