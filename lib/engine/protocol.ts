/**
 * The engine is where the network clients (masto, @atproto/api) live: an
 * extension page loaded only when there is something to send or an account
 * to sign in (an offscreen document in Chrome, a hidden frame of the
 * background page in Firefox). Keeping them out of the service worker keeps
 * its wake-up cheap. Only the background talks to it, over its own port.
 */
import { ACCOUNTS_ENGINE_MESSAGES } from '../accounts/engine/protocol.ts';
import { ARCHIVE_ENGINE_MESSAGES } from '../archive/engine/protocol.ts';
import { BACKUP_ENGINE_MESSAGES } from '../backup/engine/protocol.ts';
import { BRIDGE_ENGINE_MESSAGES } from '../bridge/engine/protocol.ts';
import type { EngineSpec, EngineTable } from '../messaging/spec.ts';
import { OUTBOX_ENGINE_MESSAGES } from '../outbox/engine/protocol.ts';
import type * as v from '../validate.ts';

/**
 * Every operation the engine runs: its name, the shape of its arguments
 * (checked in lib/engine/router.ts before any handler runs, as the
 * background's router does for lib/messages.ts) and the type of its result.
 * Each feature declares its operations in its own slice.
 */
export const ENGINE_MESSAGES = {
  ...OUTBOX_ENGINE_MESSAGES,
  ...ACCOUNTS_ENGINE_MESSAGES,
  ...BRIDGE_ENGINE_MESSAGES,
  ...ARCHIVE_ENGINE_MESSAGES,
  ...BACKUP_ENGINE_MESSAGES,
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
