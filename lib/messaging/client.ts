/** Pages' and content scripts' side of messaging: typed calls, errors as SortieError. */
import { browser } from 'wxt/browser';
import type { MessageName, RequestOf, ResponseOf } from '../messages.ts';
import type { Envelope, Reply } from './spec.ts';
import { SortieError } from './errors.ts';

export async function send<K extends MessageName>(
  name: K,
  ...body: RequestOf<K> extends undefined ? [] : [RequestOf<K>]
): Promise<ResponseOf<K>> {
  const envelope: Envelope = { sortie: 1, name, body: body[0] };
  const reply = (await browser.runtime.sendMessage(envelope)) as Reply<ResponseOf<K>> | undefined;
  if (!reply) throw new SortieError('error.generic', `no answer to ${name}`);
  if (!reply.ok) throw new SortieError(reply.error.messageKey, reply.error.detail);
  return reply.value;
}
