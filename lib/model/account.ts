/**
 * A connected account. The credentials part never leaves the background and
 * the engine: pages and content scripts only ever see `PublicAccount`.
 */
import type { InteractionPolicy, Network } from './draft.ts';
import type { MastodonLimits, ServerProfile } from '../networks/network.ts';
import type { CredentialsOf } from '../networks/network.ts';

export type Credentials = CredentialsOf<Network>;

export type AccountStatus = 'ok' | 'reconnect';

/** What a Mastodon server allows, read from it at connect time and refreshed now and then. */
export interface ServerInfo {
  version: string;
  limits: MastodonLimits;
  supportsQuotePolicy: boolean;
  /** Family and capabilities (absent on accounts stored before profiles, or restored from a backup). */
  profile?: ServerProfile;
  fetchedAt: number;
}

export interface Account {
  id: string;
  network: Network;
  /** `@user@host` on Mastodon, `handle.bsky.social` on Bluesky. */
  handle: string;
  displayName: string;
  /** Server origin (Mastodon) or PDS URL (Bluesky). */
  server: string;
  profileUrl: string;
  status: AccountStatus;
  credentials: Credentials;
  /** Mastodon only: the server's limits, for exact counters. */
  serverInfo?: ServerInfo;
  /** Who may reply/quote by default for posts from this account. */
  defaultInteraction: InteractionPolicy;
  createdAt: number;
}

export type PublicAccount = Omit<Account, 'credentials'>;

export function toPublicAccount(account: Account): PublicAccount {
  const { credentials: _secret, ...rest } = account;
  return rest;
}

export { accountId } from '../networks/network.ts';
