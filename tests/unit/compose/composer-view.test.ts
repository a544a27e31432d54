/**
 * What the composer draws from a draft: the counter's phrases, the runs of a
 * preview's text (links, mentions and tags as each network will link them)
 * and the placeholder avatar. Emoji, RTL and multi-byte text included.
 */
import { describe, expect, it } from 'vitest';
import { hueOf, initialsOf } from '../../../lib/compose/avatar.ts';
import { counterPhrases, pluralOf, type CounterFacts } from '../../../lib/compose/counter.ts';
import type { Network } from '../../../lib/model/draft.ts';
import { richRuns } from '../../../lib/compose/rich.ts';

describe('counterPhrases', () => {
  const base: CounterFacts = { posts: 1, limit: 500, totalUsed: 0, caretPart: -1, partUsed: () => 0 };
  it.each<[string, Partial<CounterFacts>, string[]]>([
    ['empty: 0 of the limit, not an error', {}, ['one 0/500']],
    ['one post', { totalUsed: 120 }, ['one 120/500']],
    ['one post over the limit is still one post', { totalUsed: 501 }, ['one 501/500']],
    ['a thread, caret elsewhere', { posts: 3, totalUsed: 1240 }, ['thread 3 1240', 'perPost 500']],
    [
      'a thread, caret in post 2',
      { posts: 3, totalUsed: 1240, caretPart: 1, partUsed: (k) => [480, 120, 40][k] ?? 0 },
      ['thread 3 1240', 'part 2 120/500'],
    ],
    [
      'a caret past the last post is not a part',
      { posts: 2, totalUsed: 600, caretPart: 2 },
      ['thread 2 600', 'perPost 500'],
    ],
  ])('%s', (_name, patch, expected) => {
    const said = counterPhrases({ ...base, ...patch }).map((p) => {
      switch (p.key) {
        case 'compose.counter.one':
          return `one ${p.params.used}/${p.params.limit}`;
        case 'compose.counter.thread':
          return `thread ${p.params.n} ${p.params.used}`;
        case 'compose.counter.part':
          return `part ${p.params.k} ${p.params.used}/${p.params.limit}`;
        case 'compose.counter.perPost':
          return `perPost ${p.params.limit}`;
      }
    });
    expect(said).toEqual(expected);
  });

  it.each([
    ['en', 1, 'one'],
    ['en', 0, 'other'],
    ['en', 3, 'other'],
    ['fr', 0, 'one'],
    ['fr', 1, 'one'],
    ['fr', 2, 'other'],
  ] as const)('pluralOf(%s, %i) = %s', (lang, n, expected) => {
    expect(pluralOf(lang, n)).toBe(expected);
  });
});

describe('richRuns: the preview links what the network will link', () => {
  it.each<[string, Network, string, Array<[string, string]>]>([
    ['plain', 'mastodon', 'bonjour', [['text', 'bonjour']]],
    [
      'link, mention and tag on Mastodon',
      'mastodon',
      'Vu sur https://exemple.org/a par @alice@piaille.fr #Sortie !',
      [
        ['text', 'Vu sur '],
        ['url', 'https://exemple.org/a'],
        ['text', ' par '],
        ['mention', '@alice@piaille.fr'],
        ['text', ' '],
        ['hashtag', '#Sortie'],
        ['text', ' !'],
      ],
    ],
    [
      'Bluesky links a bare domain and a handle',
      'bluesky',
      'voir exemple.org et @bob.bsky.social',
      [
        ['text', 'voir '],
        ['url', 'exemple.org'],
        ['text', ' et '],
        ['mention', '@bob.bsky.social'],
      ],
    ],
    ['Mastodon does not link a bare domain', 'mastodon', 'voir exemple.org', [['text', 'voir exemple.org']]],
    [
      'emoji before a tag keeps UTF-16 offsets right',
      'mastodon',
      '👩‍👩‍👧 #famille 🇫🇷',
      [
        ['text', '👩‍👩‍👧 '],
        ['hashtag', '#famille'],
        ['text', ' 🇫🇷'],
      ],
    ],
    [
      'RTL text around a tag',
      'bluesky',
      'مرحبا #سلام عالم',
      [
        ['text', 'مرحبا '],
        ['hashtag', '#سلام'],
        ['text', ' عالم'],
      ],
    ],
    ['empty', 'bluesky', '', []],
  ])('%s', (_name, network, text, expected) => {
    const runs = richRuns(text, network);
    expect(runs.map((r) => [r.kind, r.text])).toEqual(expected);
    expect(runs.map((r) => r.text).join('')).toBe(text);
  });
});

describe('placeholder avatar', () => {
  it.each([
    ['Camille Dupont', '@camille@piaille.fr', 'CD'],
    ['  élise  ', 'elise.bsky.social', 'É'],
    ['', '@zoé@exemple.social', 'Z'],
    ['', 'émile.bsky.social', 'É'],
    ['🌻 Jardin partagé', 'jardin.bsky.social', '🌻J'],
    ['سارة أحمد', 'sara.bsky.social', 'سأ'],
    ['', '', '?'],
  ])('initialsOf(%j, %j) = %j', (name, handle, expected) => {
    expect(initialsOf(name, handle)).toBe(expected);
  });

  it('gives a handle the same hue every time, within 0–359', () => {
    const hue = hueOf('@alice@piaille.fr');
    expect(hueOf('@ALICE@piaille.fr')).toBe(hue);
    for (const h of ['a', 'bob.bsky.social', '👩‍👩‍👧']) expect(hueOf(h)).toBeGreaterThanOrEqual(0);
    expect(hueOf('x'.repeat(1000))).toBeLessThan(360);
  });
});
