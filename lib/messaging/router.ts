/**
 * The background's side of messaging: one typed handler per message name,
 * the sender and the request checked before any handler runs.
 */
import type { MessageName, RequestOf, ResponseOf } from '../messages.ts';
import { ValidationError } from '../validate.ts';
import { SortieError } from './errors.ts';
import {
  classifySender,
  isEnvelope,
  mayHandleIn,
  refuse,
  type MessageTable,
  type Reply,
  type SenderKind,
} from './spec.ts';

export interface HandlerContext {
  sender: SenderKind;
  /** The tab a content script or extension tab runs in, if any. */
  tabId: number | undefined;
  /** The sending document's URL, as the browser reports it (the page a content script runs in). */
  url: string | undefined;
}

export type Handlers = {
  [K in MessageName]: (request: RequestOf<K>, ctx: HandlerContext) => Promise<ResponseOf<K>> | ResponseOf<K>;
};

export interface RawSender {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number };
}

/**
 * Checks a message against `table` (the background's, lib/messages.ts) and
 * runs its handler. Returns undefined for messages that are not ours, so
 * other listeners (the engine's channel) can answer them.
 */
export function dispatchWith(
  table: MessageTable,
  handlers: Handlers,
  message: unknown,
  sender: RawSender,
  extensionId: string,
  extensionOrigin: string,
): Promise<Reply<unknown>> | undefined {
  if (!isEnvelope(message)) return undefined;
  return handle(table, handlers, message.name, message.body, sender, extensionId, extensionOrigin);
}

async function handle(
  table: MessageTable,
  handlers: Handlers,
  name: string,
  body: unknown,
  rawSender: RawSender,
  extensionId: string,
  extensionOrigin: string,
): Promise<Reply<unknown>> {
  const sender = classifySender(rawSender, extensionId, extensionOrigin);
  if (!sender) return refuse('error.forbiddenSender', 'unknown sender');
  if (!Object.hasOwn(table, name)) return refuse('error.unknownMessage', name);
  if (!mayHandleIn(table, name, sender)) return refuse('error.forbiddenSender', name);
  let request: unknown;
  try {
    request = table[name]!.request(body);
  } catch (error) {
    if (error instanceof ValidationError) return refuse('error.invalidMessage', error.message);
    throw error;
  }
  try {
    const handler = handlers[name as MessageName] as (req: unknown, ctx: HandlerContext) => unknown;
    const value = await handler(request, { sender, tabId: rawSender.tab?.id, url: rawSender.url });
    return { ok: true, value: value ?? null };
  } catch (error) {
    if (error instanceof SortieError) return refuse(error.messageKey, error.detail);
    console.error(`Sortie: ${name} failed`, error);
    return refuse('error.generic', error instanceof Error ? error.message : String(error));
  }
}
