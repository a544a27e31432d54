/**
 * The building blocks of the two message tables: a feature declares its
 * messages with `spec` (pages and content scripts to the background) or `op`
 * (the background to the engine) in its own slice, and the shells assemble
 * the slices (lib/messages.ts, lib/engine/protocol.ts).
 */
import * as v from '../validate.ts';

/**
 * Who may send a message. "extension": Sortie's own pages (popup, options,
 * compose). "any": also content scripts running in web pages.
 */
export type Allowed = 'extension' | 'any';
export type SenderKind = 'extension' | 'content';

export interface Spec<Req, Res> {
  from: Allowed;
  request: v.Schema<Req>;
  /** Phantom: only carries the response type. */
  response?: Res;
}

/** `spec<Answer>()(from, requestSchema)`: the answer type is given, the request type inferred from its schema. */
export const spec =
  <Res>() =>
  <Req>(from: Allowed, request: v.Schema<Req>): Spec<Req, Res> => ({ from, request });

export type MessageTable = Record<string, Spec<unknown, unknown>>;

export interface EngineSpec<Req, Res> {
  request: v.Schema<Req>;
  /** Phantom: only carries the result type. */
  result?: Res;
}

/** `op<Result>()(argsSchema)`: one engine operation. */
export const op =
  <Res>() =>
  <Req>(request: v.Schema<Req>): EngineSpec<Req, Res> => ({ request });

export type EngineTable = Record<string, EngineSpec<unknown, unknown>>;

/** An operation without arguments: `{}` on the wire. */
export const none: v.Schema<Record<string, never>> = (value, path) => {
  v.empty()(value, path);
  return {};
};

/** The answer on both channels: a value, or an error naming its i18n key. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: { messageKey: string; detail: string } };

export function refuse(messageKey: string, detail: string): Reply<never> {
  return { ok: false, error: { messageKey, detail } };
}

/** On the wire. The `sortie` tag keeps our messages apart from the engine's channel. */
export interface Envelope {
  sortie: 1;
  name: string;
  body?: unknown;
}

export function isEnvelope(value: unknown): value is Envelope {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Envelope).sortie === 1 &&
    typeof (value as Envelope).name === 'string'
  );
}

/**
 * Where a message comes from. Only our own extension's contexts can reach
 * runtime.onMessage (no externally_connectable), so the question is whether
 * it is one of our pages or a content script living in a web page.
 */
export function classifySender(
  sender: { id?: string; url?: string; origin?: string },
  extensionId: string,
  extensionOrigin: string,
): SenderKind | null {
  if (sender.id !== extensionId) return null;
  const url = sender.url ?? '';
  return url.startsWith(extensionOrigin) ? 'extension' : 'content';
}

/** Who-may-send for one message of a table. */
export function mayHandleIn(table: MessageTable, name: string, sender: SenderKind): boolean {
  return table[name]?.from === 'any' || sender === 'extension';
}
