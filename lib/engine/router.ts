/**
 * The engine's side of its channel, the counterpart of lib/messaging/router.ts:
 * the sender, the operation's name and its arguments are checked before any
 * handler runs, and every refusal is a typed error.
 */
import { SortieError } from '../messaging/errors.ts';
import type { RawSender } from '../messaging/router.ts';
import { ValidationError } from '../validate.ts';
import type { EngineHandlers } from '../messaging/engine-client.ts';
import { refuse, type Reply } from '../messaging/spec.ts';
import { ENGINE_MESSAGES, isEngineEnvelope, isEngineOp } from './protocol.ts';

export type { EngineHandlers };

/**
 * Only the background may call the engine: one of our own contexts, at our
 * origin, outside any tab. That refuses content scripts (a page's URL, a tab)
 * and Sortie's pages in tabs, which a site can frame (the composer on x.com).
 */
export function isEngineCaller(sender: RawSender, extensionId: string, extensionOrigin: string): boolean {
  if (sender.id !== extensionId || sender.tab !== undefined || typeof sender.url !== 'string') return false;
  // A prefix with the slash: `chrome-extension://<id>evil/` is not ours.
  return sender.url.startsWith(`${extensionOrigin}/`);
}

export async function dispatchEngine(
  handlers: EngineHandlers,
  message: unknown,
  sender: RawSender,
  extensionId: string,
  extensionOrigin: string,
): Promise<Reply<unknown>> {
  if (!isEngineCaller(sender, extensionId, extensionOrigin))
    return refuse('error.forbiddenSender', 'not the background');
  if (!isEngineEnvelope(message)) return refuse('error.invalidMessage', 'not an engine request');
  const name = message.op;
  if (!isEngineOp(name)) return refuse('error.unknownMessage', name.slice(0, 100));
  let args: unknown;
  try {
    args = ENGINE_MESSAGES[name].request(message.args);
  } catch (error) {
    if (error instanceof ValidationError) return refuse('error.invalidMessage', error.message);
    throw error;
  }
  try {
    const handler = handlers[name] as (args: unknown) => Promise<unknown>;
    return { ok: true, value: (await handler(args)) ?? null };
  } catch (error) {
    if (error instanceof SortieError || (error instanceof Error && 'messageKey' in error)) {
      const { messageKey, detail } = error as SortieError;
      return refuse(messageKey, detail ?? '');
    }
    return refuse('error.generic', error instanceof Error ? error.message : String(error));
  }
}
