/**
 * What a hostile context tries on the posting engine: the engine's message
 * envelope, sent over runtime messaging and over the engine's port, with
 * names off Object's prototype, real operations and a malformed body. Run
 * as Sortie's content script on a page X steers, and from one of Sortie's
 * pages in a tab (which a site can frame): the engine answers only the
 * background.
 */
import { expect } from '@playwright/test';

/** The source of an async function taking one envelope: [the runtime message's reply, the port's]. */
export const ENGINE_ATTEMPT = `async (envelope) => {
  const viaMessage = await chrome.runtime.sendMessage(envelope).catch((e) => ({ thrown: String(e) }));
  const viaPort = await new Promise((resolve) => {
    const port = chrome.runtime.connect({ name: 'sortie-engine' });
    const timer = setTimeout(() => { resolve(null); port.disconnect(); }, 3000);
    port.onMessage.addListener((m) => { clearTimeout(timer); resolve(m); });
    port.onDisconnect.addListener(() => { clearTimeout(timer); resolve(null); });
    port.postMessage(envelope);
  });
  return [viaMessage ?? null, viaPort];
}`;

/** Engine requests a hostile context would send: prototype names, a real operation, a malformed body. */
export const ENGINE_ENVELOPES = [
  { sortieEngine: 1, op: 'toString', args: {} },
  { sortieEngine: 1, op: 'constructor', args: {} },
  { sortieEngine: 1, op: '__proto__', args: {} },
  { sortieEngine: 1, op: 'hasOwnProperty', args: {} },
  { sortieEngine: 1, op: 'drain', args: {} },
  { sortieEngine: 1, op: 'bridge.stop', args: {} },
  { sortieEngine: 1, op: 'outbox.enqueue', args: { draftId: { length: 1 } } },
];

/** The expression that makes one attempt with this envelope. */
export const engineAttempt = (envelope: (typeof ENGINE_ENVELOPES)[number]): string =>
  `(${ENGINE_ATTEMPT})(${JSON.stringify(envelope)})`;

/** Nothing answered, or the answer is a typed refusal: never a handler's value. */
export function expectRefused(replies: unknown[], what: string): void {
  expect(replies, what).toHaveLength(2);
  for (const reply of replies) {
    if (reply === null || (typeof reply === 'object' && 'thrown' in (reply as object))) continue;
    expect(reply, what).toMatchObject({
      ok: false,
      error: { messageKey: expect.stringMatching(/^error\.(forbiddenSender|unknownMessage|invalidMessage)$/) },
    });
  }
}
