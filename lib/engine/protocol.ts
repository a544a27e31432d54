/**
 * The engine is where the network clients (masto, @atproto/api) live: an
 * extension page loaded only when there is something to send or an account
 * to sign in (an offscreen document in Chrome, a hidden frame of the
 * background page in Firefox). Keeping them out of the service worker keeps
 * its wake-up cheap (issue 9). Only the background talks to it.
 */
import type { PublicAccount } from '../accounts/account.ts';
import type { DisconnectResult } from '../accounts/disconnect.ts';
import type { MatchArgs } from '../bridge/runner.ts';
import type { FollowTarget } from '../bridge/types.ts';
import type { InteractionPolicy } from '../compose/draft.ts';
import type { Queued } from '../outbox/enqueue.ts';

export interface BlueskyLoginArgs {
  identifier: string;
  password: string;
  service?: string;
  authFactorToken?: string;
}

export type BlueskyConnectResult =
  | { status: 'connected'; account: PublicAccount }
  | { status: 'code-required' };

export interface EngineOps {
  /** Start draining the outbox (answers at once; the engine reports 'engine.idle' when done). */
  drain: { args: Record<string, never>; result: { started: boolean } };
  /** Plan a saved draft into jobs and store them (nothing is sent; a drain does that). */
  'outbox.enqueue': { args: { draftId: string }; result: Queued };
  'bluesky.login': { args: BlueskyLoginArgs; result: BlueskyConnectResult };
  /** Change who may reply/quote on an already published Bluesky thread (its threadgate/postgate). */
  'bluesky.updateGates': { args: { accountId: string; postUri: string; interaction: InteractionPolicy }; result: null };
  /** Mentions in a Bluesky text that resolve to no account, to flag before posting. */
  'bluesky.unresolvedMentions': { args: { accountId: string; text: string }; result: string[] };
  /** The same for a Mastodon text, looked up through the user's own server. */
  'mastodon.unresolvedMentions': { args: { accountId: string; text: string }; result: string[] };
  /** Revoke the token / delete the session on the server, then forget the account. */
  'account.disconnect': { args: { id: string }; result: DisconnectResult };
  /** Follow bridge: look the collected X accounts up (answers at once; progress goes to IndexedDB and 'bridge.changed'). */
  'bridge.match': { args: MatchArgs; result: { started: boolean } };
  /** Follow bridge: follow these matches (same progress path). */
  'bridge.follow': { args: { targets: FollowTarget[] }; result: { started: boolean } };
  'bridge.stop': { args: Record<string, never>; result: null };
}

export type EngineOp = keyof EngineOps;

export interface EngineEnvelope {
  sortieEngine: 1;
  op: EngineOp;
  args: unknown;
}

export type EngineReply<T> = { ok: true; value: T } | { ok: false; error: { messageKey: string; detail: string } };

export function isEngineEnvelope(value: unknown): value is EngineEnvelope {
  return typeof value === 'object' && value !== null && (value as EngineEnvelope).sortieEngine === 1;
}
