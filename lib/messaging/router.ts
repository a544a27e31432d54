/**
 * The background's side of messaging: one typed handler per message name,
 * the sender and the request checked before any handler runs.
 */
import {
  classifySender,
  isEnvelope,
  isMessageName,
  mayHandle,
  MESSAGES,
  type MessageName,
  type Reply,
  type RequestOf,
  type ResponseOf,
  type SenderKind,
} from '../messages.ts';
import { ValidationError } from '../validate.ts';
import { SortieError } from './errors.ts';

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
 * Returns undefined for messages that are not ours, so other listeners (the
 * engine's channel) can answer them.
 */
export function dispatch(
  handlers: Handlers,
  message: unknown,
  sender: RawSender,
  extensionId: string,
  extensionOrigin: string,
): Promise<Reply<unknown>> | undefined {
  if (!isEnvelope(message)) return undefined;
  return handle(handlers, message.name, message.body, sender, extensionId, extensionOrigin);
}

async function handle(
  handlers: Handlers,
  name: string,
  body: unknown,
  rawSender: RawSender,
  extensionId: string,
  extensionOrigin: string,
): Promise<Reply<unknown>> {
  const sender = classifySender(rawSender, extensionId, extensionOrigin);
  if (!sender) return refuse('error.forbiddenSender', 'unknown sender');
  if (!isMessageName(name)) return refuse('error.unknownMessage', name);
  if (!mayHandle(name, sender)) return refuse('error.forbiddenSender', name);
  let request: unknown;
  try {
    request = MESSAGES[name].request(body);
  } catch (error) {
    if (error instanceof ValidationError) return refuse('error.invalidMessage', error.message);
    throw error;
  }
  try {
    const handler = handlers[name] as (req: unknown, ctx: HandlerContext) => unknown;
    const value = await handler(request, { sender, tabId: rawSender.tab?.id, url: rawSender.url });
    return { ok: true, value: value ?? null };
  } catch (error) {
    if (error instanceof SortieError) return refuse(error.messageKey, error.detail);
    console.error(`Sortie: ${name} failed`, error);
    return refuse('error.generic', error instanceof Error ? error.message : String(error));
  }
}

function refuse(messageKey: string, detail: string): Reply<never> {
  return { ok: false, error: { messageKey, detail } };
}
