import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import { followListSource, parseUserCells, startFollowCollector, visibleText } from '../../../lib/x/follow-collector';
import { materializeButtons, userCell, type XPerson } from '../../e2e/fixtures/x-following-page';

function page(people: XPerson[]) {
  const { document } = parseHTML(
    `<html><body><div id="timeline">${people.map((p, i) => userCell(p, i)).join('')}</div></body></html>`,
  );
  materializeButtons(document);
  // As in X's DOM: the follow button is a <button> inside the row's <button>.
  expect(document.querySelectorAll('button[data-testid="UserCell"] button').length).toBe(people.length);
  return document;
}

describe('parseUserCells', () => {
  it('reads handle, display name with emoji, bio with full link addresses', () => {
    const doc = page([
      {
        handle: 'Jane_Doe',
        name: 'Jane Doe {🦋}',
        bio: 'Writer. {🦋} <https://bsky.app/profile/jane-doe.bsky.social> and <https://piaille.fr/@jane> — ex ^acme',
        verified: true,
        followsYou: true,
      },
    ]);
    expect(parseUserCells(doc)).toEqual([
      {
        handle: 'Jane_Doe',
        displayName: 'Jane Doe 🦋',
        bio: 'Writer. 🦋 bsky.app/profile/jane-doe.bsky.social and piaille.fr/@jane — ex @acme',
        links: ['https://bsky.app/profile/jane-doe.bsky.social', 'https://piaille.fr/@jane'],
        website: null,
      },
    ]);
  });

  it('keeps RTL names and bios as written, and rows without a bio', () => {
    const doc = page([
      { handle: 'nadia', name: '\u202bنادية\u202c {🌙}', bio: 'كاتبة {🦋} nadia.bsky.social' },
      { handle: 'quiet', name: 'Quiet', bio: '' },
    ]);
    const [nadia, quiet] = parseUserCells(doc);
    expect(nadia).toMatchObject({
      handle: 'nadia',
      displayName: '\u202bنادية\u202c 🌙',
      bio: 'كاتبة 🦋 nadia.bsky.social',
    });
    expect(quiet).toMatchObject({ handle: 'quiet', displayName: 'Quiet', bio: '', links: [] });
  });

  it('does not take the "Follows you" badge or the follow button for a bio', () => {
    const [p] = parseUserCells(page([{ handle: 'bob', name: 'Bob', bio: '', followsYou: true }]));
    expect(p!.bio).toBe('');
  });

  it('reads each account once, however many times X renders it', () => {
    const bob: XPerson = { handle: 'bob', name: 'Bob', bio: 'hi' };
    expect(parseUserCells(page([bob, bob, { ...bob, handle: 'BOB' }]))).toHaveLength(1);
  });

  it('visibleText skips hidden and decorative parts', () => {
    const { document } = parseHTML(
      '<div><span aria-hidden="true">hidden</span><svg><text>badge</text></svg><span>seen</span><br><img alt="✨"></div>',
    );
    expect(visibleText(document.querySelector('div')!)).toBe('seen\n✨');
  });
});

describe('followListSource', () => {
  it.each([
    ['https://x.com/Alice/following', 'following:alice'],
    ['https://twitter.com/alice/followers', 'followers:alice'],
    ['https://x.com/alice/verified_followers', 'followers:alice'],
    ['https://mobile.x.com/i/lists/123456/members', 'list:123456'],
    ['https://x.com/home', null],
    ['https://x.com/i/following', null],
    ['https://x.com/settings/followers', null],
    ['https://example.com/alice/following', null],
  ])('%s → %s', (url, expected) => {
    expect(followListSource(new URL(url))).toBe(expected);
  });
});

describe('startFollowCollector', () => {
  it('sends each new row once, in batches, and again after a failed send', async () => {
    const doc = page([
      { handle: 'a', name: 'A', bio: '' },
      { handle: 'b', name: 'B', bio: '' },
    ]);
    const sent: string[][] = [];
    let fail = true;
    const send = vi.fn(async (_source: string, profiles: { handle: string }[]) => {
      if (fail) {
        fail = false;
        throw new Error('extension reloaded');
      }
      sent.push(profiles.map((p) => p.handle));
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    class NoObserver {
      observe() {}
      disconnect() {}
    }
    const controller = new AbortController();
    const collector = startFollowCollector(
      {
        doc: doc as unknown as Document,
        source: 'following:me',
        send,
        Observer: NoObserver as unknown as typeof MutationObserver,
      },
      controller.signal,
    );
    await collector.scan();
    expect(warn).toHaveBeenCalled();
    await collector.scan();
    doc.getElementById('timeline')!.insertAdjacentHTML('beforeend', userCell({ handle: 'c', name: 'C', bio: '' }, 3));
    materializeButtons(doc);
    await collector.scan();
    expect(sent).toEqual([['a', 'b'], ['c']]);
    expect(collector.count()).toBe(3);
    controller.abort();
    warn.mockRestore();
  });
});
