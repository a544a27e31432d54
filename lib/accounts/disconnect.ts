/**
 * What disconnecting an account did on its server, told as it is. Forgetting
 * the account here always happens; ending its access on the server does not
 * always: a pasted Mastodon token has no OAuth app (client id and secret)
 * to revoke it with, some servers have no `/oauth/revoke` at all (Hollo),
 * and a server can be down. Then the user gets the page of their server where
 * they can remove Sortie themselves.
 */
import type { Account } from '../model/account.ts';
import { appsPageOf as networkAppsPage } from '../networks/registry.ts';

export type NotRevokedReason =
  /** A token the user pasted: Sortie never had the client credentials `/oauth/revoke` needs. */
  | 'pasted'
  /** The server has no way for an app to revoke its own token (`/oauth/revoke` answers 404). */
  | 'unsupported'
  /** The server refused, failed or did not answer in time. */
  | 'failed';

export interface DisconnectResult {
  /** True only when the server confirmed that the token / session ended. */
  revoked: boolean;
  reason?: NotRevokedReason;
  /** The server's own words or the failure, when `reason` is 'failed'. */
  detail?: string;
  /** Where the user removes Sortie's access by hand (absolute http(s) URL); set whenever `revoked` is false. */
  appsPage?: string;
  /** The host shown to the user with that link. */
  server?: string;
  handle?: string;
}

/** The page where this account's holder removes Sortie's access by hand. */
export function appsPageOf(account: Pick<Account, 'network' | 'server' | 'serverInfo'>): string {
  return networkAppsPage(account);
}

export function notRevoked(
  account: Pick<Account, 'network' | 'server' | 'serverInfo' | 'handle'>,
  reason: NotRevokedReason,
  detail = '',
): DisconnectResult {
  const appsPage = appsPageOf(account);
  return {
    revoked: false,
    reason,
    ...(detail ? { detail } : {}),
    appsPage,
    server: new URL(appsPage).host,
    handle: account.handle,
  };
}
