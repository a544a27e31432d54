/**
 * What every network's light half (`lib/networks/<network>/meta.ts`) tells
 * the rest of Sortie: safe for the service worker, the pages and the engine
 * alike (no network client here).
 */
import type { MessageKey } from '../i18n/index.ts';
import type * as v from '../validate.ts';
import type { ConnectInputOf, CredentialsOf, LimitsOf, Network } from './network.ts';
import type { MastodonLimits, ServerProfile } from './network.ts';

/** The part of a stored account its limits and pages depend on (a Mastodon server reports its own). */
export interface AccountFacts {
  server: string;
  serverInfo?: { limits: MastodonLimits; version: string; profile?: ServerProfile };
}

/** The part of a stored account empty credentials are rebuilt from (a backup restored without tokens). */
export interface CredentialsSource {
  id: string;
  server: string;
  handle: string;
}

export type KeyScheme = 'tid' | 'uuid';

/**
 * One of a network's published write limits for an account, in a sliding
 * window (an archive import is paced within them, lib/archive/schedule.ts):
 * at most `limit` per `windowMs`, each post or each media upload costing
 * `costEach`.
 */
export interface WriteLimit {
  name: string;
  windowMs: number;
  limit: number;
  counts: 'posts' | 'media';
  costEach: number;
}

/**
 * What a network can do that another cannot, asked by features instead of
 * comparing network ids (a new network then states its own answers).
 */
export interface NetworkCapabilities {
  /** Who may reply to a sent thread's first post can be changed afterwards (Bluesky's thread gates). */
  editableGates: boolean;
  /** A post can carry its original date (an archive import keeps the tweet's date as the post's own). */
  backdatedPosts: boolean;
  /**
   * An archive import posts out of the public timelines, each thread opening
   * with a line saying when it was first posted on X (the network cannot
   * carry the original date itself).
   */
  archiveUnlistedWithDateLine: boolean;
  /** A post can carry a poll. */
  polls: boolean;
  /** A post can hide its text behind a content warning. */
  contentWarnings: boolean;
  /** A post can carry the author's own content labels. */
  selfLabels: boolean;
  /**
   * Who may reply to or quote a post is expressed through the post's
   * visibility, so the composer says what changes and what cannot apply.
   */
  interactionThroughVisibility: boolean;
  /** A handle can be a domain its holder owns (the follow bridge takes a matching domain as their word). */
  domainHandles: boolean;
  /**
   * The network's own follow import takes addresses as people write them
   * (Mastodon's CSV of `user@host`), so the follow bridge lists and exports
   * the addresses an X profile wrote even when no lookup verified them.
   */
  followImportTakesAddresses: boolean;
}

export interface NetworkMeta<N extends Network> {
  id: N;
  /** The network's name as shown to people (a brand, the same in every language). */
  label: string;
  /** The emoji that stands for the network in a text the user shares (a "moved" notice). */
  emoji: string;
  /** An account's handle as people write it to find them there (a "moved" notice). */
  shareableHandle(handle: string): string;
  /** The part of a handle comparable with an X handle: `jane` in jane.bsky.social or jane@host. */
  handleLocalPart(handle: string): string;
  /**
   * The handle a profile page's address stands for, in lower case as the
   * follow bridge compares handles (`jane@host` for https://host/@jane), or
   * null when the address is no profile page of this network.
   */
  profileUrlHandle(url: string): string | null;
  /** How a person signs in: an authorization window on their server, or an identifier and app password typed in Sortie. */
  signIn: 'oauth' | 'password';
  capabilities: NetworkCapabilities;
  /** What the composer says when mentions in the text match no account here. */
  unresolvedMentionsMessage: MessageKey;
  /** The limits a post to this account must fit (the composer previews with the same). */
  limitsFor(account: Pick<AccountFacts, 'serverInfo'>): LimitsOf<N>;
  /**
   * How a job's idempotency key is made (fixed when the post is queued and
   * reused on every retry): a TID (a Bluesky record key) or any unique string
   * (a Mastodon Idempotency-Key). Data, not a function, so the service worker
   * does not carry the generators (lib/outbox/keys.ts makes them).
   */
  keyScheme: KeyScheme;
  /** The write limits a long run of posts (an archive import) must stay within. */
  writeLimits: readonly WriteLimit[];
  /** How long before its time a post must reach the server for the server to schedule it; null when Sortie always holds scheduled posts itself. */
  serverScheduleAheadMs: number | null;
  /** What connecting starts from, checked as the engine receives it from the background. */
  connectInputSchema: v.Schema<ConnectInputOf<N>>;
  /** The credentials as a backup file's sealed box holds them. */
  credentialsSchema: v.Schema<CredentialsOf<N>>;
  /** Whether these credentials still hold a session to sign out of (restored accounts have none). */
  hasSession(credentials: CredentialsOf<N>): boolean;
  /** Credentials with no tokens, for an account restored from a backup until it is reconnected. */
  emptyCredentials(account: CredentialsSource): CredentialsOf<N>;
  /** The page where the account's holder removes Sortie's access by hand (absolute http(s) URL). */
  appsPageFor(account: AccountFacts): string;
}

/**
 * A schema that also reads records written before a field was renamed: the
 * old name's value is taken when the new one is absent (stored records and
 * backup files must stay readable).
 */
export function renamed<T>(oldName: string, newName: string, schema: v.Schema<T>): v.Schema<T> {
  return (value, path = '') => {
    if (
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      !(newName in value) &&
      oldName in value
    ) {
      return schema({ ...value, [newName]: (value as Record<string, unknown>)[oldName] }, path);
    }
    return schema(value, path);
  };
}
