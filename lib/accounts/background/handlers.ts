/**
 * The background's answers for accounts. Every network connects through the
 * engine's `account.connect` (the network's adapter checks the credentials
 * and the account is stored there); Mastodon's browser half (the sign-in
 * window, browser.identity) runs here first. Sign-out runs in the engine.
 */
import { browser } from 'wxt/browser';
import type { Db } from '../../db.ts';
import type { EngineClient } from '../../messaging/engine-client.ts';
import { SortieError } from '../../messaging/errors.ts';
import type { Handlers } from '../../messaging/router.ts';
import { toPublicAccount } from '../../model/account.ts';
import { connectMastodon, connectMastodonWithToken, type ConnectDeps } from './mastodon-connect.ts';
import { MastodonConnectError } from '../../networks/mastodon/connect-error.ts';
import type { AccountMessage } from '../messages.ts';
import { getAccount, listAccounts, putAccount } from '../store.ts';

async function connectDeps(db: Db, engine: EngineClient): Promise<ConnectDeps> {
  return {
    db,
    connect: async (input) => {
      const result = await engine.call('account.connect', { network: 'mastodon', input });
      // Only Bluesky asks for an emailed code; a Mastodon token is checked or refused.
      if (result.status !== 'connected')
        throw new SortieError('error.network', 'unexpected answer to a Mastodon sign-in');
      return result.account;
    },
    fetch: (input, init) => fetch(input, init),
    launchWebAuthFlow: async (url) => {
      const redirect = await browser.identity.launchWebAuthFlow({ url, interactive: true });
      if (!redirect) throw new Error('the sign-in window closed without an answer');
      return redirect;
    },
    redirectUri: browser.identity.getRedirectURL('mastodon'),
    now: Date.now,
    randomState: () => crypto.randomUUID(),
  };
}

/** Connection errors carry their own i18n key: pass it on as a user-facing error. */
async function asUserError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof MastodonConnectError) throw new SortieError(error.messageKey, error.detail);
    throw error;
  }
}

export function createAccountHandlers({
  db,
  engine,
}: {
  db: () => Promise<Db>;
  engine: EngineClient;
}): Pick<Handlers, AccountMessage> {
  return {
    'accounts.list': async () => (await listAccounts(await db())).map(toPublicAccount),
    'accounts.remove': async ({ id }) => engine.call('account.disconnect', { id }),
    'accounts.setDefaultInteraction': async ({ id, interaction }) => {
      const database = await db();
      const account = await getAccount(database, id);
      if (!account) throw new SortieError('error.accountGone', id);
      await putAccount(database, { ...account, defaultInteraction: interaction });
      return null;
    },
    'accounts.connectBluesky': async (input) => engine.call('account.connect', { network: 'bluesky', input }),
    'accounts.connectMastodon': async ({ server }) =>
      asUserError(connectMastodon(await connectDeps(await db(), engine), server)),
    'accounts.connectMastodonToken': async ({ server, token }) =>
      asUserError(connectMastodonWithToken(await connectDeps(await db(), engine), server, token)),
  };
}
