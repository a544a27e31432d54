import { describe, expect, it } from 'vitest';
import { findMastodonUrls, scanMastodonUrls } from '../../../lib/networks/mastodon/text/urls.ts';
import { oracleMastodonUrls } from './twitter-text-oracle.ts';

/** Deterministic pseudo-random numbers so a failure can be replayed from its seed. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;

const SCHEMES = ['https://', 'http://', 'HTTPS://', 'gemini://', 'dat://', 'ftp://', 'xhttps://', '://', ''];
const LABELS = [
  'example',
  'a',
  'x1',
  'www',
  'sub_domain',
  'my-site',
  '-a',
  'a-',
  '_',
  'é',
  '日本',
  'мир',
  '👨‍👩‍👧‍👦',
  '＠',
  'b',
  '',
];
const JOINS = ['.', '.', '.', '-', '_', '..'];
const TLDS = [
  'com',
  'co',
  'uk',
  'org',
  'jp',
  'zz',
  'comsec',
  'xn--p1ai',
  'xn--',
  'みんな',
  'рф',
  'РФ',
  'テスト',
  '嘉里',
  '嘉里大酒店',
  'COM',
  'com-x',
  'come',
  'comé',
];
const TAILS = [
  '',
  ':8080',
  ':',
  '/',
  '/path',
  '/a.b',
  '/(x)',
  '/wiki/Foo_(bar)',
  '/を参照',
  '?',
  '?q=1',
  '?q=1&b=2',
  '/p?q=(1)',
  '/p.',
  '/p,',
  '/p!',
  '/p)',
  "/p'",
  '/@alice',
];
const NOISE = [
  '',
  ' ',
  '\n',
  '\u3000',
  '\u00a0',
  '日本語',
  'see',
  'foo.co/',
  'é',
  'e\u0301',
  '🇫🇷',
  'مرحبا',
  '\u200f',
  '42',
  '@',
  '#',
  '$',
  '(',
  ')',
  '.',
  ',',
  '!',
];

/** A text made of URL-like runs (valid or nearly so) and the characters around them. */
function randomText(rand: () => number): string {
  let text = '';
  const runs = 1 + Math.floor(rand() * 4);
  for (let r = 0; r < runs; r++) {
    text += pick(rand, NOISE);
    if (rand() < 0.8) {
      text += pick(rand, SCHEMES);
      const labels = 1 + Math.floor(rand() * 3);
      for (let l = 0; l < labels; l++) text += pick(rand, LABELS) + pick(rand, JOINS);
      text += pick(rand, TLDS) + pick(rand, TAILS) + (rand() < 0.3 ? pick(rand, TAILS) : '');
    }
    text += pick(rand, NOISE);
  }
  return text;
}

describe('findMastodonUrls agrees with the gem’s regex', () => {
  it('on 20,000 random texts', () => {
    const rand = rng(2024);
    let found = 0;
    for (let n = 0; n < 20_000; n++) {
      const text = randomText(rand);
      const ours = scanMastodonUrls(text).map(({ start, end }) => [start, end]);
      const theirs = oracleMastodonUrls(text).map(({ start, end }) => [start, end]);
      expect(ours, JSON.stringify(text)).toEqual(theirs);
      found += theirs.length;
    }
    // The generator must actually produce links, or the comparison proves nothing.
    expect(found).toBeGreaterThan(1_000);
  });

  it.each([
    ['label ending in a joiner', 'https://a-.com https://a_.b.com https://_a.com'],
    ['underscore only in subdomains', 'https://a_b.example.com https://a_b.com x_y.b.com/https://c.org'],
    [
      'TLD followed by a letter it does not stop at',
      'https://example.comé https://example.com-x https://example.com+1',
    ],
    ['IDN TLD prefix of a longer one', 'https://x.嘉里大酒店/ https://x.嘉里酒店'],
    ['punycode TLD', 'https://example.xn--p1ai/ https://example.xn--'],
    ['scheme inside a CJK run with dots before', '版本1.5。詳細はhttps://example.com/を参照'],
    ['scheme swallowed by an earlier dotted word', 'see foo.co/https://example.com and ok'],
  ])('%s', (_name, text) => {
    expect(scanMastodonUrls(text).map(({ start, end }) => [start, end])).toEqual(
      oracleMastodonUrls(text).map(({ start, end }) => [start, end]),
    );
  });
});

describe('findMastodonUrls is linear', () => {
  it.each([
    ['long unspaced CJK with a dot and a link', `日本語.${'漢'.repeat(20_000)}https://example.com/x`],
    ['long hyphenated dotted run without TLD', `${'a-'.repeat(10_000)}a.zz https://example.com`],
    ['many dotted labels', `${'a.'.repeat(10_000)}https://example.com`],
  ])('%s', (_name, text) => {
    const start = performance.now();
    expect(findMastodonUrls(text)).toHaveLength(1);
    // The gem's regex takes seconds here; a linear scan takes a few milliseconds.
    expect(performance.now() - start).toBeLessThan(200);
  });
});
