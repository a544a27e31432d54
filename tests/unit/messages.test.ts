import { describe, expect, it } from 'vitest';
import { classifySender, mayHandle, MESSAGES, type MessageName } from '../../lib/messages';
import { dispatch } from '../../lib/background/router';
import type { Handlers } from '../../lib/messaging/router';
import { SortieError } from '../../lib/messaging/errors';

const ID = 'abcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;
const page = { id: ID, url: `${ORIGIN}/options.html` };
const content = { id: ID, url: 'https://x.com/home', tab: { id: 3 } };
const IMPORT = '0b6f7c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e';
const archiveStart = {
  importId: IMPORT,
  accountIds: ['bluesky:https://pds.example:did:plc:x'],
  filters: {
    years: [2018, 2019],
    ownPosts: true,
    ownThreads: true,
    repliesToOthers: false,
    retweets: false,
    withMedia: true,
    withoutMedia: true,
  },
  timeZone: 'Europe/Paris',
  mirror: { origin: 'https://nitter.example', scheme: 'nitter' },
};

describe('classifySender', () => {
  it.each([
    [page, 'extension'],
    [{ id: ID, url: `${ORIGIN}/compose.html`, tab: { id: 2 } }, 'extension'],
    [content, 'content'],
    [{ id: ID, url: 'https://evil.example/' }, 'content'],
    [{ id: 'other-extension', url: `${ORIGIN}/options.html` }, null],
    [{ url: `${ORIGIN}/options.html` }, null],
  ] as const)('%o -> %s', (sender, kind) => {
    expect(classifySender(sender, ID, ORIGIN)).toBe(kind);
  });
});

describe('who may send what', () => {
  const privileged: MessageName[] = ['settings.get', 'settings.update', 'accounts.list', 'accounts.remove'];
  it.each(privileged)('%s is refused to content scripts', (name) => {
    expect(mayHandle(name, 'content')).toBe(false);
    expect(mayHandle(name, 'extension')).toBe(true);
  });
  it('only a short list of harmless messages is open to content scripts', () => {
    const open = Object.entries(MESSAGES)
      .filter(([, s]) => s.from === 'any')
      .map(([n]) => n)
      .sort();
    // links.mirrorFailed: a mirror page reports its own failure; it can only move the sender's tab to another mirror.
    // bridge.*: an x.com follow list hands over the public profiles it shows, asks for its panel's texts, opens the bridge page.
    // overlay.ticket: the x.com content script's one-time hand-off secret; the handler itself refuses any
    // sender not on X, and any request while the overlay option is off.
    expect(open).toEqual([
      'bridge.collect',
      'bridge.open',
      'bridge.panel',
      'compose.open',
      'links.mirrorFailed',
      'overlay.ticket',
      'page.config',
    ]);
  });
});

describe('dispatch', () => {
  const calls: string[] = [];
  const handlers = new Proxy({} as Handlers, {
    get: (_t, name: string) => async (req: unknown) => {
      calls.push(name);
      if (name === 'accounts.remove') throw new SortieError('error.generic', 'boom');
      return { name, req };
    },
  });
  const run = (message: unknown, sender: object = page) => dispatch(handlers, message, sender, ID, ORIGIN);

  it('ignores messages that are not Sortie envelopes', () => {
    expect(run({ engine: 'drain' })).toBeUndefined();
    expect(run('hello')).toBeUndefined();
  });

  it('passes a valid archive.start from a page on as it is', async () => {
    const reply = await run({ sortie: 1, name: 'archive.start', body: { ...archiveStart, file: 'ignored' } });
    expect(reply).toEqual({ ok: true, value: { name: 'archive.start', req: archiveStart } });
  });

  it('answers a valid request from a page, with unknown keys dropped', async () => {
    const reply = await run({ sortie: 1, name: 'settings.update', body: { shareTakeover: false, token: 'x' } });
    expect(reply).toEqual({ ok: true, value: { name: 'settings.update', req: { shareTakeover: false } } });
  });

  it.each([
    [{ sortie: 1, name: 'accounts.list' }, content, 'error.forbiddenSender'],
    [{ sortie: 1, name: 'nope' }, page, 'error.unknownMessage'],
    [{ sortie: 1, name: 'settings.update', body: { language: 'de' } }, page, 'error.invalidMessage'],
    [
      { sortie: 1, name: 'settings.update', body: { links: { exceptions: ['no-slash'] } } },
      page,
      'error.invalidMessage',
    ],
    [{ sortie: 1, name: 'compose.open', body: { text: 5 } }, content, 'error.invalidMessage'],
    [{ sortie: 1, name: 'accounts.list' }, { id: 'other', url: page.url }, 'error.forbiddenSender'],
    [{ sortie: 1, name: 'accounts.remove', body: { id: 'a' } }, page, 'error.generic'],
    [{ sortie: 1, name: 'archive.start', body: archiveStart }, content, 'error.forbiddenSender'],
    [{ sortie: 1, name: 'archive.undo', body: { importId: IMPORT } }, content, 'error.forbiddenSender'],
    [
      { sortie: 1, name: 'archive.start', body: { ...archiveStart, importId: '../../etc' } },
      page,
      'error.invalidMessage',
    ],
    [
      {
        sortie: 1,
        name: 'archive.start',
        body: { ...archiveStart, filters: { ...archiveStart.filters, years: [1999] } },
      },
      page,
      'error.invalidMessage',
    ],
    [
      {
        sortie: 1,
        name: 'archive.start',
        body: { ...archiveStart, filters: { ...archiveStart.filters, retweets: 'yes' } },
      },
      page,
      'error.invalidMessage',
    ],
    [
      { sortie: 1, name: 'archive.start', body: { ...archiveStart, accountIds: Array(21).fill('a') } },
      page,
      'error.invalidMessage',
    ],
    [{ sortie: 1, name: 'archive.pause', body: {} }, page, 'error.invalidMessage'],
    [
      { sortie: 1, name: 'archive.start', body: { ...archiveStart, timeZone: '"><img>' } },
      page,
      'error.invalidMessage',
    ],
  ])('refuses %o from %o with %s', async (message, sender, key) => {
    const reply = await run(message, sender);
    expect(reply).toMatchObject({ ok: false, error: { messageKey: key } });
  });
});
