/**
 * Every message a page or content script may send to the background: its
 * name, who may send it, the shape of its request (checked at runtime) and
 * the type of its answer. The background refuses anything else. Each feature
 * declares its own messages in its slice (lib/<feature>/messages.ts); this
 * is the one table they make together.
 *
 * "extension": Sortie's own pages (popup, options, compose). They may touch
 *   accounts and post, but still never receive a token. (Drafts and their
 *   images are the pages' own data: they read and write them in IndexedDB
 *   directly, since Blobs do not cross runtime messaging.)
 * "any": also content scripts running in web pages. Nothing privileged.
 */
import { ACCOUNT_MESSAGES } from './accounts/messages.ts';
import { ARCHIVE_MESSAGES } from './archive/messages.ts';
import { DATA_MESSAGES } from './backup/messages.ts';
import { BRIDGE_MESSAGES } from './bridge/messages.ts';
import { COMPOSE_MESSAGES } from './compose/messages.ts';
import { LINK_MESSAGES } from './links/messages.ts';
import { mayHandleIn, type MessageTable, type SenderKind, type Spec } from './messaging/spec.ts';
import { OUTBOX_MESSAGES } from './outbox/messages.ts';
import { SETTINGS_MESSAGES } from './settings-messages.ts';
import type * as v from './validate.ts';
import { X_MESSAGES } from './x/messages.ts';

export {
  classifySender,
  isEnvelope,
  type Allowed,
  type Envelope,
  type Reply,
  type SenderKind,
} from './messaging/spec.ts';

export const MESSAGES = {
  ...SETTINGS_MESSAGES,
  ...ACCOUNT_MESSAGES,
  ...COMPOSE_MESSAGES,
  ...OUTBOX_MESSAGES,
  ...X_MESSAGES,
  ...LINK_MESSAGES,
  ...DATA_MESSAGES,
  ...BRIDGE_MESSAGES,
  ...ARCHIVE_MESSAGES,
} satisfies MessageTable;

export type MessageName = keyof typeof MESSAGES;
export type RequestOf<K extends MessageName> = v.Infer<(typeof MESSAGES)[K]['request']>;
export type ResponseOf<K extends MessageName> = (typeof MESSAGES)[K] extends Spec<unknown, infer Res> ? Res : never;

export function isMessageName(name: string): name is MessageName {
  return Object.hasOwn(MESSAGES, name);
}

export function mayHandle(name: MessageName, sender: SenderKind): boolean {
  return mayHandleIn(MESSAGES, name, sender);
}
