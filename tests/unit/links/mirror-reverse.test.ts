import { describe, expect, it } from 'vitest';
import { xUrlFromMirrorUrl } from '../../../lib/links/mirror-reverse';
import { rewriteToMirror, type MirrorForRewriting } from '../../../lib/links/mirrors';
import { parseXUrl } from '../../../lib/links/x-url';

const NITTER: MirrorForRewriting = { origin: 'https://nitter.example', scheme: 'nitter' };
const OTHER: MirrorForRewriting = {
  origin: 'http://127.0.0.1:8080',
  scheme: 'template',
  templates: { profile: '/u/{user}', status: '/p/{user}/{id}', search: '/find?q={q}', home: '/' },
};

/** Mirror URL -> X URL -> the same page on another mirror: what failover does. */
const roundTrip = (xUrl: string, from: MirrorForRewriting, to: MirrorForRewriting): string | null => {
  const there = rewriteToMirror(parseXUrl(xUrl)!, from)!;
  const back = xUrlFromMirrorUrl(there, from);
  return back === null ? null : rewriteToMirror(parseXUrl(back)!, to);
};

describe('xUrlFromMirrorUrl', () => {
  it.each([
    ['https://x.com/jack', 'https://x.com/jack'],
    ['https://x.com/jack/with_replies', 'https://x.com/jack/with_replies'],
    ['https://x.com/jack/status/20', 'https://x.com/jack/status/20'],
    ['https://x.com/i/web/status/20', 'https://x.com/i/web/status/20'],
    ['https://x.com/search?q=a%20b', 'https://x.com/search?q=a%20b'],
    ['https://x.com/search?q=a&f=user', 'https://x.com/search?q=a&f=user'],
    ['https://t.co/abc', 'https://t.co/abc'],
    ['https://x.com/i/lists/123', 'https://x.com/i/lists/123'],
    ['https://x.com/home', 'https://x.com/home'],
  ])('Nitter page for %s reads back as %s', (xUrl, expected) => {
    const mirrorUrl = rewriteToMirror(parseXUrl(xUrl)!, NITTER)!;
    expect(xUrlFromMirrorUrl(mirrorUrl, NITTER)).toBe(expected);
  });

  it('reads pages of template mirrors through their templates', () => {
    expect(xUrlFromMirrorUrl('http://127.0.0.1:8080/u/jack', OTHER)).toBe('https://x.com/jack');
    expect(xUrlFromMirrorUrl('http://127.0.0.1:8080/p/jack/20', OTHER)).toBe('https://x.com/jack/status/20');
    expect(xUrlFromMirrorUrl('http://127.0.0.1:8080/find?q=a%20b', OTHER)).toBe('https://x.com/search?q=a%20b');
    expect(xUrlFromMirrorUrl('http://127.0.0.1:8080/nothing/here/at/all', OTHER)).toBeNull();
  });

  it('returns null for another origin, account-like paths and garbage', () => {
    expect(xUrlFromMirrorUrl('https://other.example/jack', NITTER)).toBeNull();
    expect(xUrlFromMirrorUrl('https://nitter.example/settings', NITTER)).toBeNull();
    expect(xUrlFromMirrorUrl('not a url', NITTER)).toBeNull();
  });

  it('moves a reader to the same page on the next mirror', () => {
    expect(roundTrip('https://x.com/jack/status/20?s=20', NITTER, OTHER)).toBe('http://127.0.0.1:8080/p/jack/20');
    expect(roundTrip('https://twitter.com/jack', OTHER, NITTER)).toBe('https://nitter.example/jack');
  });
});
