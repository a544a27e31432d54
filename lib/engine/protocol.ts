/**
 * The engine is where the network clients (masto, @atproto/api) live: an
 * extension page loaded only when there is something to send or an account
 * to sign in (an offscreen document in Chrome, a hidden frame of the
 * background page in Firefox). Keeping them out of the service worker keeps
 * its wake-up cheap. Only the background talks to it, over its own port.
 */
import type { PublicAccount } from '../accounts/account.ts';
import { oneImport, resolveFollows, startImport } from '../archive/schemas.ts';
import type { ImportStatus, UndoReport } from '../archive/status.ts';
import type { FollowsRun } from '../archive/store.ts';
import type { DisconnectResult } from '../accounts/disconnect.ts';
import type { MatchArgs } from '../bridge/runner.ts';
import type { FollowTarget } from '../bridge/types.ts';
import type { InteractionPolicy } from '../compose/draft.ts';
import type { Queued } from '../outbox/enqueue.ts';
import * as v from '../validate.ts';

export interface BlueskyLoginArgs {
  identifier: string;
  password: string;
  service?: string;
  authFactorToken?: string;
}

export type BlueskyConnectResult =
  | { status: 'connected'; account: PublicAccount }
  | { status: 'code-required' };

/** Who may reply/quote: the same values as the pages' messages (lib/messages.ts). */
const interaction: v.Schema<InteractionPolicy> = v.object({
  reply: v.oneOf('everyone', 'following', 'followers', 'mentioned', 'nobody'),
  allowQuotes: v.boolean(),
});

/** An operation without arguments: `{}` on the wire. */
const none: v.Schema<Record<string, never>> = (value, path) => {
  v.empty()(value, path);
  return {};
};

const blueskyLogin: v.Schema<BlueskyLoginArgs> = v.object({
  identifier: v.string({ min: 1, max: 320 }),
  password: v.string({ min: 1, max: 500 }),
  service: v.optional(v.string({ max: 500 })),
  authFactorToken: v.optional(v.string({ max: 100 })),
});

const matchArgs: v.Schema<MatchArgs> = v.object({
  blueskyAccountId: v.nullable(v.string({ max: 500 })),
  mastodonAccountId: v.nullable(v.string({ max: 500 })),
  recheck: v.boolean(),
});

const followTargets: v.Schema<{ targets: FollowTarget[] }> = v.object({
  targets: v.array(v.object({ key: v.string({ max: 60 }), accountId: v.string({ max: 500 }), candidateId: v.string({ max: 500 }) }), {
    max: 20_000,
  }),
});

interface EngineSpec<Req, Res> {
  request: v.Schema<Req>;
  /** Phantom: only carries the result type. */
  result?: Res;
}

const op =
  <Res>() =>
  <Req>(request: v.Schema<Req>): EngineSpec<Req, Res> => ({ request });

/**
 * Every operation the engine runs: its name, the shape of its arguments
 * (checked in lib/engine/router.ts before any handler runs, as the
 * background's router does for lib/messages.ts) and the type of its result.
 */
export const ENGINE_MESSAGES = {
  /** Start draining the outbox (answers at once; the engine reports 'engine.idle' when done). */
  drain: op<{ started: boolean }>()(none),
  /** Plan a saved draft into jobs and store them (nothing is sent; a drain does that). */
  'outbox.enqueue': op<Queued>()(v.object({ draftId: v.string({ min: 1, max: 100 }) })),
  'bluesky.login': op<BlueskyConnectResult>()(blueskyLogin),
  /** Change who may reply/quote on an already published Bluesky thread (its threadgate/postgate). */
  'bluesky.updateGates': op<null>()(
    v.object({ accountId: v.string({ max: 500 }), postUri: v.string({ min: 1, max: 1_000 }), interaction }),
  ),
  /** Mentions in a Bluesky text that resolve to no account, to flag before posting. */
  'bluesky.unresolvedMentions': op<string[]>()(v.object({ accountId: v.string({ max: 500 }), text: v.string({ max: 50_000 }) })),
  /** The same for a Mastodon text, looked up through the user's own server. */
  'mastodon.unresolvedMentions': op<string[]>()(v.object({ accountId: v.string({ max: 500 }), text: v.string({ max: 50_000 }) })),
  /** Revoke the token / delete the session on the server, then forget the account (and say whether the server revoked it). */
  'account.disconnect': op<DisconnectResult>()(v.object({ id: v.string({ max: 500 }) })),
  /** Follow bridge: look the collected X accounts up (answers at once; progress goes to IndexedDB and 'bridge.changed'). */
  'bridge.match': op<{ started: boolean }>()(matchArgs),
  /** Follow bridge: follow these matches (same progress path). */
  'bridge.follow': op<{ started: boolean }>()(followTargets),
  'bridge.stop': op<null>()(none),
  /** X archive import: read the stored ZIP, plan every tweet, feed the first chains to the outbox. */
  'archive.start': op<ImportStatus>()(startImport),
  'archive.pause': op<ImportStatus>()(oneImport),
  'archive.resume': op<ImportStatus>()(oneImport),
  'archive.stop': op<ImportStatus>()(oneImport),
  /** Delete from Bluesky what the import created. */
  'archive.undo': op<UndoReport>()(oneImport),
  /** Look the archive's X follows up on a mirror (answers at once; progress on the import's row and 'archive.changed'). */
  'archive.resolveFollows': op<FollowsRun | null>()(resolveFollows),
  'archive.stopFollows': op<null>()(oneImport),
} satisfies Record<string, EngineSpec<unknown, unknown>>;

export type EngineOp = keyof typeof ENGINE_MESSAGES;

export type EngineOps = {
  [K in EngineOp]: {
    args: v.Infer<(typeof ENGINE_MESSAGES)[K]['request']>;
    result: (typeof ENGINE_MESSAGES)[K] extends EngineSpec<unknown, infer Res> ? Res : never;
  };
};

export function isEngineOp(name: string): name is EngineOp {
  // Own names only: 'constructor' or '__proto__' must not find something on Object's prototype.
  return Object.hasOwn(ENGINE_MESSAGES, name);
}

/**
 * The engine's own port name. The engine listens on runtime.onConnect for it
 * and not on runtime.onMessage at all, so the messages content scripts send
 * (which every extension context receives) never reach engine code; a port
 * with this name from anything but the background is refused.
 */
export const ENGINE_PORT = 'sortie-engine';

export interface EngineEnvelope {
  sortieEngine: 1;
  op: string;
  args: unknown;
}

export type EngineReply<T> = { ok: true; value: T } | { ok: false; error: { messageKey: string; detail: string } };

export function isEngineEnvelope(value: unknown): value is EngineEnvelope {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as EngineEnvelope).sortieEngine === 1 &&
    typeof (value as EngineEnvelope).op === 'string'
  );
}
