import { describe, expect, it } from 'vitest';
import { applyRules } from '../../../lib/links/mirror-href';
import { foldCase, pathFirstChars } from '../../../lib/links/path-first-chars';
import type { PageRules } from '../../../lib/links/rewrite-config';
import { escapeRegex } from '../../../lib/links/x-regex';
import { nitterMirror, pageConfigFor } from './page-fixtures';
import { ROWS } from './url-table';

describe('pathFirstChars', () => {
  it.each<[string, string | null]>([
    // Literal-led paths and groups of them, as page-rules.ts writes them.
    ['^/(?:login|logout|signup)(?:[/?#]|$)', 'LS'],
    ['^\\/(?:login|logout)(?:[/?#]|$)', 'L'],
    ['^/(?:intent/(?:tweet|post)|share)/?(?:\\?(.*))?$', 'IS'],
    ['^/search/?(?:\\?(?:[^#]*&)?q=(?=([^&#]*))(?:\\1))?', 'S'],
    ['^/jack(?:[^\\w\\-.%]|$)', 'J'],
    ['^/%c3%89t%c3%a9/x', '%'],
    ['^/\\.well-known', '.'],
    ['^/(a|b)c', 'AB'],
    ['^/(?:(?:a|b)|c)', 'ABC'],
    ['^/a+b', 'A'],
    // A class holding `|` or `)` does not split or close the group; an escaped `|` is a character.
    ['^/(?:a[|)]|b)', 'AB'],
    ['^/(?:a\\|b|c)', 'AC'],
    // Letters as the `i` flag compares them.
    ['^/été', 'É'],
    ['^/(?:σ|x)', 'XΣ'],
    // Anything else: any character may come.
    ['^/(?:(?:home|explore)/?)?(?:[?#].*)?$', null],
    ['^/(?=(\\w+))(?:\\1)/status', null],
    ['^/\\w+/article', null],
    ['^/\\d', null],
    ['^/a?b', null],
    ['^/a*b', null],
    ['^/a{0,2}b', null],
    ['^/(?:a|)x', null],
    ['^/(?:|a)x', null],
    ['^/(?:a|b)?x', null],
    ['^/(?!a)b', null],
    ['^/(?<n>a)', null],
    ['^/[ab]', null],
    ['^/.', null],
    ['^/$', null],
    ['^/', null],
    ['^/(?:a|b', null],
    // A top-level alternative is not anchored after the slash.
    ['^/a|b', null],
    ['^/(?:a)|b', null],
    ['^/a[|]', 'A'],
    ['^https?://t\\.co/', null],
    ['/jack', null],
  ])('%s → %s', (pattern, expected) => {
    expect(pathFirstChars(pattern)).toBe(expected);
  });

  it('never leaves out a character a match can start with (every pattern above, every BMP character)', () => {
    const patterns = ['^/(?:login|logout)', '^/(?:intent/(?:tweet|post)|share)', '^/été', '^/(?:σ|x)', '^/a+b'];
    for (const pattern of patterns) {
      const firsts = pathFirstChars(pattern)!;
      const re = new RegExp(pattern, 'i');
      for (let code = 0; code < 0x10000; code++) {
        const c = String.fromCharCode(code);
        // Complete the path as the pattern needs after its first character, then ask the regex.
        const tails = ['ogin', 'ntent/tweet', 'hare', 'té', '', 'b', 'ab'];
        if (tails.some((tail) => re.test(`/${c}${tail}`))) expect(firsts, `${pattern} ${code}`).toContain(foldCase(c));
      }
    }
  });
});

describe('foldCase', () => {
  it.each([
    ['a', 'A'],
    ['A', 'A'],
    ['1', '1'],
    ['/', '/'],
    ['é', 'É'],
    ['ς', 'Σ'],
    ['σ', 'Σ'],
    // Never a non-ASCII character turned ASCII, nor one that upper-cases to two.
    ['ſ', 'ſ'],
    ['\u212a', '\u212a'],
    ['ß', 'ß'],
    ['ﬀ', 'ﬀ'],
  ])('%s → %s', (char, folded) => {
    expect(foldCase(char)).toBe(folded);
  });

  it('says two characters match under the i flag exactly when the regex engine does', () => {
    const literals = [...'azAZ09/_-%.éÉσςΣßſıİkKsS\u212a\u00b5\u039c'];
    for (const literal of literals) {
      const re = new RegExp(`^${escapeRegex(literal)}$`, 'i');
      for (let code = 0; code < 0x10000; code++) {
        const c = String.fromCharCode(code);
        if (re.test(c) !== (foldCase(c) === foldCase(literal))) expect.fail(`${literal} vs U+${code.toString(16)}`);
      }
    }
  });
});

/** The same rules tested one by one in order, as before the lists per first character. */
const linear = (rules: PageRules): PageRules => ({
  ...rules,
  byFirst: new Map(),
  otherFirst: rules.list,
  offHost: rules.list,
});

/** A deterministic stream of numbers in [0, 1). */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

const HOSTS = [
  'https://x.com',
  'http://X.COM',
  'https://twitter.com',
  'https://mobile.twitter.com',
  'https://fxtwitter.com',
  'https://d.fxtwitter.com',
  'https://t.co',
  'https://pbs.twimg.com',
  'https://platform.twitter.com',
  'https://syndication.twitter.com',
  'https://cdn.syndication.twimg.com',
  'https://x.community.example',
  'https://example.org',
];
const PIECES = [
  '/',
  'jack',
  'Jack',
  'JACK',
  'status',
  'statuses',
  '20',
  'i',
  'I',
  'lists',
  'web',
  'intent',
  'tweet',
  'follow',
  'user',
  'search',
  'hashtag',
  'home',
  'explore',
  'settings',
  'ſettings',
  'été',
  '%C3%A9t%C3%A9',
  'σ',
  'ς',
  'with_replies',
  'media',
  'photo',
  'srv',
  'embed',
  'Tweet.html',
  '?',
  '?q=a',
  '&f=user',
  '&id=20',
  'screen_name=jack',
  '#',
  ':8080',
  '.',
  '',
];

function corpus(count: number): string[] {
  const next = seeded(7);
  const urls = ROWS.map(([url]) => new URL(url).href);
  for (let i = 0; i < count; i++) {
    let path = '';
    const parts = 1 + Math.floor(next() * 5);
    for (let p = 0; p < parts; p++) path += PIECES[Math.floor(next() * PIECES.length)];
    const host = HOSTS[Math.floor(next() * HOSTS.length)]!;
    urls.push(`${host}${next() < 0.8 ? '/' : ''}${path}`);
  }
  return urls;
}

describe('the rule lists per first path character', () => {
  const mirrors = [
    nitterMirror('https://nitter.example'),
    nitterMirror('https://t.example', {
      scheme: 'template',
      templates: { profile: '/u/{user}', status: '/p/{id}?by={user}' },
    }),
  ];
  const settings = [
    {},
    { keepXUsable: true },
    { exceptions: ['/jack', '/i/lists/', '/été', '/σ', '/Settings'] },
    { shareTakeover: false },
  ];
  const urls = corpus(4_000);

  it.each(mirrors.flatMap((mirror) => settings.map((s) => [mirror.origin, JSON.stringify(s), mirror, s] as const)))(
    'give every link the same target as testing each rule in order (%s, %s)',
    (_origin, _label, mirror, s) => {
      const rules = pageConfigFor(mirror, s).rules;
      const oracle = linear(rules);
      let rewritten = 0;
      for (const url of urls) {
        const expected = applyRules(url, oracle);
        expect(applyRules(url, rules), url).toEqual(expected);
        if (expected !== null) rewritten += 1;
      }
      // The corpus reaches many rules, not only "leave it".
      expect(rewritten).toBeGreaterThan(urls.length / 10);
    },
  );

  it('test far fewer rules on the usual links', () => {
    const rules = pageConfigFor(mirrors[0]!).rules;
    expect(rules.byFirst.get('S')!.length).toBeLessThan(rules.list.length * 0.7);
    expect(rules.byFirst.get('H')!.length).toBeLessThan(rules.list.length / 2);
    expect(rules.otherFirst.length).toBeLessThan(rules.list.length / 2);
    expect(rules.offHost.every((rule) => !rule.onHost)).toBe(true);
  });
});
