/**
 * The engine is where the network clients (masto, @atproto/api) live: an
 * extension page loaded only when there is something to send or an account
 * to sign in (an offscreen document in Chrome, a hidden frame of the
 * background page in Firefox). Keeping them out of the service worker keeps
 * its wake-up cheap. Only the background talks to it, over its own port.
 */
import { ARCHIVE_ENGINE_MESSAGES } from '../archive/engine/protocol.ts';
import type { DisconnectResult } from '../accounts/disconnect.ts';
import type { BlueskyConnectResult } from '../accounts/messages.ts';
import { BRIDGE_ENGINE_MESSAGES } from '../bridge/engine/protocol.ts';
import { interactionSchema } from '../model/post-schema.ts';
import { op, type EngineSpec, type EngineTable } from '../messaging/spec.ts';
import { OUTBOX_ENGINE_MESSAGES } from '../outbox/engine/protocol.ts';
import * as v from '../validate.ts';

export interface BlueskyLoginArgs {
  identifier: string;
  password: string;
  service?: string;
  authFactorToken?: string;
}

const blueskyLogin: v.Schema<BlueskyLoginArgs> = v.object({
  identifier: v.string({ min: 1, max: 320 }),
  password: v.string({ min: 1, max: 500 }),
  service: v.optional(v.string({ max: 500 })),
  authFactorToken: v.optional(v.string({ max: 100 })),
});

/**
 * Every operation the engine runs: its name, the shape of its arguments
 * (checked in lib/engine/router.ts before any handler runs, as the
 * background's router does for lib/messages.ts) and the type of its result.
 * Features declare theirs in their own slice; the accounts' and networks'
 * operations are still declared here.
 */
export const ENGINE_MESSAGES = {
  ...OUTBOX_ENGINE_MESSAGES,
  'bluesky.login': op<BlueskyConnectResult>()(blueskyLogin),
  /** Change who may reply/quote on an already published Bluesky thread (its threadgate/postgate). */
  'bluesky.updateGates': op<null>()(
    v.object({ accountId: v.string({ max: 500 }), postUri: v.string({ min: 1, max: 1_000 }), interaction: interactionSchema }),
  ),
  /** Mentions in a text that resolve to no account on the account's network (looked up through the user's own server or PDS), to flag before posting. */
  'account.unresolvedMentions': op<string[]>()(v.object({ accountId: v.string({ max: 500 }), text: v.string({ max: 50_000 }) })),
  /** Revoke the token / delete the session on the server, then forget the account (and say whether the server revoked it). */
  'account.disconnect': op<DisconnectResult>()(v.object({ id: v.string({ max: 500 }) })),
  ...BRIDGE_ENGINE_MESSAGES,
  ...ARCHIVE_ENGINE_MESSAGES,
} satisfies EngineTable;

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

export { ENGINE_PORT } from '../messaging/engine-client.ts';

export interface EngineEnvelope {
  sortieEngine: 1;
  op: string;
  args: unknown;
}

export function isEngineEnvelope(value: unknown): value is EngineEnvelope {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as EngineEnvelope).sortieEngine === 1 &&
    typeof (value as EngineEnvelope).op === 'string'
  );
}
