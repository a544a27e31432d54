/**
 * What a feature's background half may ask of the engine. The background
 * shell hands it in (lib/engine/host.ts implements it), so no feature imports
 * the engine host itself.
 */
import type { EngineOp, EngineOps } from '../engine/protocol.ts';

/**
 * The engine's own port name. The engine listens on runtime.onConnect for it
 * and not on runtime.onMessage at all, so the messages content scripts send
 * (which every extension context receives) never reach engine code; a port
 * with this name from anything but the background is refused.
 * Here, not with the engine's table, so the service worker loads no operation schema.
 */
export const ENGINE_PORT = 'sortie-engine';

export interface EngineClient {
  /** Runs one operation in the engine, opening it first if needed. */
  call<K extends EngineOp>(op: K, args: EngineOps[K]['args']): Promise<EngineOps[K]['result']>;
  /** Closes the engine, unless a call is waiting for it. */
  close(): Promise<void>;
  /** Closes the engine after a quiet moment unless a drain starts meanwhile. */
  closeWhenUnused(): void;
  /** The engine reported that its drain ended ('engine.idle'). */
  markDrainEnded(): void;
}

/** One handler per engine operation (lib/engine/router.ts checks the caller and the arguments first). */
export type EngineHandlers = { [K in EngineOp]: (args: EngineOps[K]['args']) => Promise<EngineOps[K]['result']> };
