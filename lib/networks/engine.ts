/**
 * What every network's engine half (`lib/networks/<network>/engine/adapter.ts`)
 * does for the posting engine. Only engine-side code imports the adapters
 * (through engine-registry.ts): they carry the network clients.
 */
import type { Account } from '../model/account.ts';
import type { InteractionPolicy } from '../model/draft.ts';
import type { ConnectInputOf, Network } from './network.ts';
import type { ImageToSend, PartToSend, PostRef } from './types.ts';

/** What the engine hands every adapter: its clock and a way to write an account back. */
export interface AdapterDeps {
  now: () => number;
  /** Reads an account as stored now (a reconnect keeps the user's choices). */
  getAccount: (id: string) => Promise<Account | undefined>;
  /** Writes an account back: connected, refreshed server limits, rotated tokens. */
  saveAccount: (account: Account) => Promise<void>;
  /** Re-encodes an image below a byte size (the engine's image code). */
  shrinkImage: (image: ImageToSend, maxBytes: number) => Promise<ImageToSend>;
}

/** One part to publish on one account. */
export interface PublishInput {
  account: Account;
  part: PartToSend;
  /** The draft's reply target as the user pasted it (a URL or an id), resolved by the adapter when `part.parent` is null. */
  replyTo: string | null;
  /** False when an earlier attempt may have reached the server: the adapter may then look for what it wrote. */
  firstAttempt: boolean;
  /**
   * When the earliest attempt that may have reached the server without an
   * answer began (epoch ms), or null. A network whose server forgets
   * idempotency keys (Mastodon: after an hour) must not resend blindly
   * after that: it looks for the post first.
   */
  unansweredSince?: number | null;
}

/** What revoking an account's access on its server did. */
export type Revocation =
  { revoked: true } | { revoked: false; reason: 'pasted' | 'unsupported' | 'failed'; detail?: string };

/**
 * The outcome of connecting, as data: an error the user must read is a
 * message key (lib/i18n) and the server's own words, never an exception.
 */
export type ConnectResult =
  | { status: 'connected'; account: Account }
  /** The server emailed a sign-in code; ask for it and connect again with it. */
  | { status: 'code-required' }
  | { status: 'failed'; messageKey: string; detail: string };

/** `Lookup`: what the follow bridge asks this network (find people, their follow state, follow them), on an account. */
export interface NetworkEngine<N extends Network, Lookup = unknown> {
  id: N;
  /** Checks the credentials with the server and builds the account to store (not stored here). */
  connect(input: ConnectInputOf<N>): Promise<ConnectResult>;
  publish(input: PublishInput): Promise<PostRef>;
  /** Ends Sortie's access on the server. Never throws: a failure is a `Revocation`. */
  disconnect(account: Account): Promise<Revocation>;
  /** Mentions in a text that resolve to no account on this network, to flag before posting. */
  unresolvedMentions(account: Account, text: string): Promise<string[]>;
  /** The follow bridge's lookups on the account's own server. */
  lookup(account: Account): Promise<Lookup>;
  /**
   * Deletes a post this account made (undoing an archive import), by its
   * PostRef id; a post already gone counts as deleted. Throws PublishError.
   * Absent where Sortie does not delete (Mastodon: an import's posts stay).
   */
  deletePost?(account: Account, postId: string): Promise<void>;
  /**
   * The largest video (bytes) this account's server takes on a post, asked
   * of the server; null when it takes none. Absent where the stored account
   * already says (Mastodon's server limits).
   */
  videoSizeLimit?(account: Account): Promise<number | null>;
  /**
   * Changes who may reply to or quote a thread already published, by its
   * first post's PostRef id. Throws PublishError. Present exactly where the
   * meta says `capabilities.editableGates` (Bluesky's thread gates).
   */
  updateGates?(account: Account, postId: string, interaction: InteractionPolicy): Promise<void>;
  /** Forgets anything held in memory for this account (a session, a client). */
  forget(accountId: string): void;
}
