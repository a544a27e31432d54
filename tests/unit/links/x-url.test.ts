import { describe, expect, it } from 'vitest';
import { rewriteToMirror } from '../../../lib/links/mirrors';
import { canonicalXUrl, parseXUrl, type XLink } from '../../../lib/links/x-url';
import { N, ROWS } from './url-table';

describe('parseXUrl + rewriteToMirror (Nitter)', () => {
  it('covers at least 60 URL shapes', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(60);
  });

  it.each(ROWS)('%s', (input, expected, mirrorUrl) => {
    const link = parseXUrl(input);
    expect(link).toMatchObject(expected);
    expect(link === null ? null : rewriteToMirror(link, N)).toBe(mirrorUrl);
  });

  it('keeps nothing but the identifying parameters (tracking parameters vanish)', () => {
    const link = parseXUrl('https://x.com/search?q=a&src=typed_query&s=20&t=x&ref_src=y&cn=z');
    expect(link).toEqual({ kind: 'search', q: 'a', f: null });
  });
});

describe('parseXUrl rejects what is not X', () => {
  it.each([
    'https://nitter.example/jack/status/20',
    'https://xcancel.com/jack',
    'https://example.com/x.com/jack',
    'https://notx.com/jack',
    'https://x.co/jack',
    'https://api.x.com/1.1/statuses/show.json',
    'https://abs.twimg.com/responsive-web/client-web/main.js',
    'https://x.com:8080/jack',
    'ftp://x.com/jack',
    'javascript:alert(1)//x.com',
    'not a url',
    '',
  ])('%s', (input) => {
    expect(parseXUrl(input)).toBeNull();
  });
});

describe('canonicalXUrl', () => {
  it.each([
    ['https://mobile.twitter.com/jack/status/20?s=20', 'https://x.com/jack/status/20'],
    ['https://fxtwitter.com/jack/status/20/photo/2', 'https://x.com/jack/status/20/photo/2'],
    ['https://twitter.com/hashtag/%E6%97%A5%E6%9C%AC', 'https://x.com/hashtag/%E6%97%A5%E6%9C%AC'],
    ['https://x.com/search?q=a+b&f=live&src=typed_query', 'https://x.com/search?q=a%20b&f=live'],
    ['https://twitter.com/share?text=hi', 'https://x.com/intent/tweet?text=hi'],
  ])('%s -> %s', (input, expected) => {
    const link = parseXUrl(input);
    expect(link).not.toBeNull();
    expect(canonicalXUrl(link as XLink)).toBe(expected);
  });

  it('round-trips: parsing the canonical URL gives the same link', () => {
    for (const [input] of ROWS) {
      const link = parseXUrl(input);
      if (link === null || link.kind === 'unknown' || link.kind === 'account') continue;
      const again = parseXUrl(canonicalXUrl(link));
      if (link.kind === 'embed') expect(again).toMatchObject({ kind: 'status', id: link.id });
      else if (link.kind === 'intent' && link.action === 'share')
        expect(again).toMatchObject({ kind: 'intent', action: 'tweet' });
      else expect(again).toEqual(link);
    }
  });
});
