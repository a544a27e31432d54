/** The background's door: the generic router (lib/messaging/router.ts) bound to the one message table. */
import { MESSAGES } from '../messages.ts';
import { dispatchWith, type Handlers, type RawSender } from '../messaging/router.ts';
import type { Reply } from '../messaging/spec.ts';

export function dispatch(
  handlers: Handlers,
  message: unknown,
  sender: RawSender,
  extensionId: string,
  extensionOrigin: string,
): Promise<Reply<unknown>> | undefined {
  return dispatchWith(MESSAGES, handlers, message, sender, extensionId, extensionOrigin);
}
