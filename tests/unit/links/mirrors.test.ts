import { describe, expect, it } from 'vitest';
import { isRedirectableMirror } from '../../../lib/links/mirror-routes';
import {
  readLinkMirror,
  BUILT_IN_MIRRORS,
  fillTemplate,
  normalizeOrigin,
  rewriteToMirror,
  templateProblem,
  type Mirror,
  type MirrorForRewriting,
} from '../../../lib/links/mirrors';
import { parseXUrl, type XLink } from '../../../lib/links/x-url';

describe('BUILT_IN_MIRRORS', () => {
  it('are unique, normalized Nitter origins that are not X', () => {
    expect(BUILT_IN_MIRRORS.map((m) => m.origin)).toContain('https://xcancel.com');
    expect(BUILT_IN_MIRRORS.map((m) => m.origin)).toContain('https://nitter.net');
    expect(new Set(BUILT_IN_MIRRORS.map((m) => m.id)).size).toBe(BUILT_IN_MIRRORS.length);
    for (const mirror of BUILT_IN_MIRRORS) {
      expect(mirror).toMatchObject({ scheme: 'nitter', builtIn: true, addedByUser: false, pinned: false });
      expect(normalizeOrigin(mirror.origin)).toBe(mirror.origin);
      expect(parseXUrl(`${mirror.origin}/jack`)).toBeNull();
      expect(isRedirectableMirror(mirror)).toBe(true);
    }
  });
});

describe('normalizeOrigin', () => {
  it.each([
    ['nitter.example', 'https://nitter.example'],
    ['https://Nitter.Example/some/path?x=1', 'https://nitter.example'],
    ['http://localhost:8080/', 'http://localhost:8080'],
    ['localhost:8080/', 'https://localhost:8080'],
    ['https://nitter.example:443', 'https://nitter.example'],
    ['ftp://nitter.example', null],
    ['https://user:pw@nitter.example', null],
    ['javascript:alert(1)', null],
    ['http://', null],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeOrigin(input)).toBe(expected);
  });
});

describe('templates', () => {
  it.each([
    [{ profile: '/u/{user}', status: '/{user}/post/{id}' }, null],
    [{ search: '/find?q={q}&sort=new', hashtag: '/tag/{tag}', list: '/l/{id}', home: '/' }, null],
    [{ profile: 'u/{user}' }, 'profile: a template is a path starting with "/"'],
    [{ status: '/{user}/{tweet}' }, 'status: unknown placeholder {tweet}'],
    [{ profile: '/{}' }, 'profile: unknown placeholder {}'],
    [{ profile: '/a\\1' }, 'profile: backslashes are not allowed'],
    [{ media: '/m' }, 'unknown kind "media"'],
  ])('%j -> %s', (templates, expected) => {
    expect(templateProblem(templates as Mirror['templates'] & object)).toBe(expected);
  });

  it('fills placeholders with percent-encoded values', () => {
    expect(fillTemplate('/s?q={q}&u={user}', { q: '#été & co', user: 'jack' })).toBe(
      '/s?q=%23%C3%A9t%C3%A9%20%26%20co&u=jack',
    );
  });

  const T: MirrorForRewriting = {
    origin: 'https://m.example',
    scheme: 'template',
    templates: {
      home: '/',
      profile: '/u/{user}',
      status: '/{user}/post/{id}',
      search: '/s?q={q}',
      hashtag: '/tag/{tag}',
      list: '/l/{id}',
    },
  };

  it.each<[string, string | null]>([
    ['https://x.com/jack/likes', 'https://m.example/u/jack'],
    ['https://x.com/jack/status/20/photo/1', 'https://m.example/jack/post/20'],
    ['https://x.com/i/web/status/20', 'https://m.example/i/post/20'],
    ['https://platform.twitter.com/embed/Tweet.html?id=20', 'https://m.example/i/post/20'],
    ['https://x.com/search?q=a%20b&f=live', 'https://m.example/s?q=a%20b'],
    ['https://x.com/hashtag/%C3%A9t%C3%A9', 'https://m.example/tag/%C3%A9t%C3%A9'],
    ['https://x.com/i/lists/5', 'https://m.example/l/5'],
    ['https://x.com/jack/lists/slug', null],
    ['https://x.com/home', 'https://m.example/'],
    ['https://t.co/abc', null],
    ['https://pbs.twimg.com/media/a.jpg', null],
    ['https://x.com/i/spaces/1abc', null],
  ])('template rewrite of %s', (url, expected) => {
    expect(rewriteToMirror(parseXUrl(url) as XLink, T)).toBe(expected);
  });

  it('a template mirror without templates shows nothing', () => {
    expect(
      rewriteToMirror(
        { kind: 'profile', user: 'jack', tab: null },
        { origin: 'https://m.example', scheme: 'template' },
      ),
    ).toBeNull();
  });
});

describe('isRedirectableMirror refuses mirrors that would loop or break rules', () => {
  const base: Mirror = {
    id: 'm',
    name: 'm',
    origin: 'https://m.example',
    scheme: 'nitter',
    builtIn: false,
    addedByUser: true,
    pinned: false,
  };
  it.each([
    ['https://x.com', false],
    ['https://mobile.twitter.com', false],
    ['https://fxtwitter.com', false],
    ['https://t.co', false],
    ['https://m.example/', false],
    ['https://M.example', false],
    ['https://m.example', true],
    ['http://localhost:8080', true],
  ])('%s -> %s', (origin, expected) => {
    expect(isRedirectableMirror({ ...base, origin })).toBe(expected);
  });

  it('and template mirrors with broken templates', () => {
    expect(isRedirectableMirror({ ...base, scheme: 'template', templates: { profile: '/u/{who}' } })).toBe(false);
    expect(isRedirectableMirror({ ...base, scheme: 'template', templates: { profile: '/u/{user}' } })).toBe(true);
  });
});

describe('readLinkMirror', () => {
  it.each([
    [
      { origin: 'https://nitter.net', scheme: 'nitter' },
      { origin: 'https://nitter.net', scheme: 'nitter' },
    ],
    [
      { origin: 'http://localhost:8080', scheme: 'nitter' },
      { origin: 'http://localhost:8080', scheme: 'nitter' },
    ],
    [
      { origin: 'https://m.example', scheme: 'template', templates: { profile: '/u/{user}' } },
      { origin: 'https://m.example', scheme: 'template', templates: { profile: '/u/{user}' } },
    ],
    [{ origin: 'https://nitter.net/', scheme: 'nitter' }, null],
    [{ origin: 'https://nitter.net"]', scheme: 'nitter' }, null],
    [{ origin: 'javascript:alert(1)', scheme: 'nitter' }, null],
    [{ origin: 'https://nitter.net', scheme: 'other' }, null],
    [undefined, null],
    ['https://nitter.net', null],
  ])('%j', (value, expected) => {
    expect(readLinkMirror(value)).toEqual(expected);
  });
});
