import { describe, expect, it } from 'vitest';
import { guardTarget, matchesException, readLinkGuard, type LinkGuardConfig } from '../../../lib/links/sw-guard';

const config: LinkGuardConfig = {
  enabled: true,
  mirror: { origin: 'https://nitter.example', scheme: 'nitter' },
  keepXUsable: false,
  exceptions: ['/i/bookmarks', '/jack/'],
  pausedUntil: null,
  allowOnce: [{ url: 'https://x.com/nasa', until: 5_000 }],
};
const go = (href: string, over: Partial<LinkGuardConfig> = {}, referrer = '', now = 1_000) =>
  guardTarget(href, referrer, { ...config, ...over }, now);

describe('guardTarget: the decision the redirect rules would have made', () => {
  it('sends X pages to the mirror', () => {
    expect(go('https://x.com/elonmusk')).toBe('https://nitter.example/elonmusk');
    expect(go('https://twitter.com/a/status/1?s=20')).toBe('https://nitter.example/a/status/1');
  });

  it('leaves account pages, share intents and unknown paths on X', () => {
    expect(go('https://x.com/settings/account')).toBeNull();
    expect(go('https://x.com/i/flow/login')).toBeNull();
    expect(go('https://x.com/intent/tweet?text=hi')).toBeNull();
    expect(go('https://x.com/tos')).toBeNull();
  });

  it('honours exceptions, pause, "open on X once" and the switch', () => {
    expect(go('https://x.com/i/bookmarks')).toBeNull();
    expect(go('https://x.com/jack/status/1')).toBeNull();
    expect(go('https://x.com/jackson')).toBe('https://nitter.example/jackson');
    expect(go('https://x.com/a', { pausedUntil: 2_000 })).toBeNull();
    expect(go('https://x.com/a', { pausedUntil: 500 })).toBe('https://nitter.example/a');
    expect(go('https://x.com/nasa')).toBeNull();
    expect(go('https://x.com/nasa', {}, '', 6_000)).toBe('https://nitter.example/nasa');
    expect(go('https://x.com/a', { enabled: false })).toBeNull();
  });

  it('keeps X usable: typed and in-X navigations stay, links from other sites go', () => {
    expect(go('https://x.com/a', { keepXUsable: true })).toBeNull();
    expect(go('https://x.com/a', { keepXUsable: true }, 'https://x.com/home')).toBeNull();
    expect(go('https://x.com/a', { keepXUsable: true }, 'https://news.example.org/story')).toBe(
      'https://nitter.example/a',
    );
  });

  it('without a working mirror, loads readable pages again so the rules block them (the background opens the fallback page)', () => {
    expect(go('https://x.com/a/status/1', { mirror: null })).toBe('https://x.com/a/status/1');
    expect(go('https://x.com/settings', { mirror: null })).toBeNull();
  });
});

describe('matchesException', () => {
  it('matches a prefix up to a boundary, like the rules urlFilter', () => {
    const url = (s: string) => new URL(s);
    expect(matchesException(url('https://x.com/i/bookmarks?x=1'), '/i/bookmarks')).toBe(true);
    expect(matchesException(url('https://x.com/i/bookmarksfoo'), '/i/bookmarks')).toBe(false);
    expect(matchesException(url('https://x.com/Jack/status/1'), '/jack/')).toBe(true);
  });
});

describe('readLinkGuard', () => {
  it('reads what the background stores and refuses the rest', () => {
    expect(readLinkGuard(config)).toEqual(config);
    expect(
      readLinkGuard({ ...config, mirror: { origin: 'javascript:alert(1)', scheme: 'nitter' } })?.mirror,
    ).toBeNull();
    expect(readLinkGuard(null)).toBeNull();
    expect(readLinkGuard({ enabled: 'yes' })).toBeNull();
  });
});
