/**
 * The engine's channel checks what the background's router checks: the
 * sender, the operation's name (own names only) and its arguments, before any
 * handler runs; every refusal is a typed error.
 */
import { describe, expect, it, vi } from 'vitest';
import { ENGINE_MESSAGES, isEngineOp, type EngineOp } from '../../../lib/engine/protocol';
import { dispatchEngine, isEngineCaller, type EngineHandlers } from '../../../lib/engine/router';
import { SortieError } from '../../../lib/messaging/errors';

const ID = 'abcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;
const BACKGROUND = { id: ID, url: `${ORIGIN}/background.js`, origin: ORIGIN };

function fakeHandlers() {
  const calls: Array<[string, unknown]> = [];
  const handlers = Object.fromEntries(
    (Object.keys(ENGINE_MESSAGES) as EngineOp[]).map((op) => [
      op,
      vi.fn(async (args: unknown) => {
        calls.push([op, args]);
        return op === 'outbox.enqueue' ? { postId: 'p', jobs: 1, dueAt: null } : { started: true };
      }),
    ]),
  ) as unknown as EngineHandlers;
  return { handlers, calls };
}

const send = (handlers: EngineHandlers, message: unknown, sender: object = BACKGROUND) =>
  dispatchEngine(handlers, message, sender, ID, ORIGIN);
const envelope = (op: string, args: unknown = {}) => ({ sortieEngine: 1, op, args });

describe('engine operation names', () => {
  it.each([
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'valueOf',
    'isPrototypeOf',
    '',
    'drain ',
    'DRAIN',
  ])('%j is unknown, and nothing runs', async (op) => {
    const { handlers, calls } = fakeHandlers();
    expect(isEngineOp(op)).toBe(false);
    expect(await send(handlers, envelope(op))).toEqual({
      ok: false,
      error: { messageKey: 'error.unknownMessage', detail: op },
    });
    expect(calls).toEqual([]);
  });

  it('a name off an object with its own prototype chain tricks nothing either', async () => {
    const { handlers, calls } = fakeHandlers();
    const reply = await send(
      handlers,
      JSON.parse('{"sortieEngine":1,"op":"__proto__","args":{"__proto__":{"draftId":"x"}}}'),
    );
    expect(reply).toMatchObject({ ok: false, error: { messageKey: 'error.unknownMessage' } });
    expect(calls).toEqual([]);
  });
});

describe('engine request bodies', () => {
  it.each<[string, unknown]>([
    ['outbox.enqueue', {}],
    ['outbox.enqueue', { draftId: 42 }],
    ['outbox.enqueue', { draftId: { length: 1 } }],
    ['outbox.enqueue', { draftId: 'x'.repeat(101) }],
    ['outbox.enqueue', null],
    ['outbox.enqueue', 'draft-1'],
    ['drain', { now: true }],
    ['bridge.stop', [1]],
    ['account.connect', { network: 'bluesky', input: { identifier: 'a', password: '' } }],
    ['account.connect', { network: 'friendica', input: { identifier: 'a', password: 'b' } }],
    [
      'account.connect',
      { network: 'mastodon', input: { origin: 'https://m.example', accessToken: 't', clientId: '' } },
    ],
    ['account.updateGates', { accountId: 'a', postId: 'at://x', interaction: { reply: 'anyone', allowQuotes: true } }],
    ['account.updateGates', { accountId: 'a', postId: '', interaction: { reply: 'everyone', allowQuotes: true } }],
    ['account.unresolvedMentions', { accountId: 'a', text: 'x'.repeat(50_001) }],
    ['account.disconnect', { id: ['a'] }],
    ['bridge.match', { accountIds: [] }],
    ['bridge.match', { accountIds: [42], recheck: false }],
    [
      'bridge.follow',
      { targets: Array.from({ length: 20_001 }, () => ({ key: 'k', accountId: 'a', candidateId: 'c' })) },
    ],
  ])('%s with a malformed body (#%#) is refused before its handler', async (op, args) => {
    const { handlers, calls } = fakeHandlers();
    const reply = await send(handlers, envelope(op, args));
    expect(reply).toMatchObject({ ok: false, error: { messageKey: 'error.invalidMessage' } });
    expect(calls).toEqual([]);
  });

  it.each<unknown>([
    null,
    'drain',
    42,
    { op: 'drain' },
    { sortieEngine: 2, op: 'drain', args: {} },
    { sortieEngine: 1, op: 7, args: {} },
  ])('no engine envelope (%j) is refused', async (message) => {
    const { handlers, calls } = fakeHandlers();
    expect(await send(handlers, message)).toMatchObject({ ok: false, error: { messageKey: 'error.invalidMessage' } });
    expect(calls).toEqual([]);
  });

  it('a valid request reaches its handler with only the keys its schema knows', async () => {
    const { handlers, calls } = fakeHandlers();
    expect(await send(handlers, envelope('outbox.enqueue', { draftId: 'd1', extra: 'dropped' }))).toEqual({
      ok: true,
      value: { postId: 'p', jobs: 1, dueAt: null },
    });
    expect(await send(handlers, envelope('drain', {}))).toEqual({ ok: true, value: { started: true } });
    expect(calls).toEqual([
      ['outbox.enqueue', { draftId: 'd1' }],
      ['drain', {}],
    ]);
  });

  it('a handler\u2019s own error comes back typed', async () => {
    const { handlers } = fakeHandlers();
    handlers['account.disconnect'] = async () => {
      throw new SortieError('error.accountGone', 'a1');
    };
    handlers.drain = async () => {
      throw new Error('boom');
    };
    expect(await send(handlers, envelope('account.disconnect', { id: 'a1' }))).toEqual({
      ok: false,
      error: { messageKey: 'error.accountGone', detail: 'a1' },
    });
    expect(await send(handlers, envelope('drain'))).toEqual({
      ok: false,
      error: { messageKey: 'error.generic', detail: 'boom' },
    });
  });
});

describe('engine callers', () => {
  it.each<[string, object]>([
    ['a content script on a page', { id: ID, url: 'https://x.com/home', origin: 'https://x.com', tab: { id: 3 } }],
    ['a content script in a frame without a tab id', { id: ID, url: 'https://evil.example/', tab: {} }],
    [
      'Sortie\u2019s composer in a tab (a site can frame it)',
      { id: ID, url: `${ORIGIN}/compose.html`, origin: ORIGIN, tab: { id: 3 } },
    ],
    ['another extension', { id: 'zzzzzzzz', url: 'chrome-extension://zzzzzzzz/background.js' }],
    ['no id', { url: `${ORIGIN}/background.js` }],
    ['our id with a look-alike origin', { id: ID, url: `${ORIGIN}evil/background.js` }],
    ['our id with no URL', { id: ID }],
    ['our id with an unparsable URL', { id: ID, url: 'not a url' }],
  ])('%s is refused, and nothing runs', async (_what, sender) => {
    const { handlers, calls } = fakeHandlers();
    expect(isEngineCaller(sender, ID, ORIGIN)).toBe(false);
    expect(await send(handlers, envelope('drain'), sender)).toEqual({
      ok: false,
      error: { messageKey: 'error.forbiddenSender', detail: 'not the background' },
    });
    expect(calls).toEqual([]);
  });

  it.each<[string, object]>([
    ['the background service worker (Chrome)', BACKGROUND],
    [
      'the background page that frames the engine (Firefox)',
      { id: ID, url: `${ORIGIN}/_generated_background_page.html` },
    ],
  ])('%s is answered', async (_what, sender) => {
    expect(isEngineCaller(sender, ID, ORIGIN)).toBe(true);
  });
});
