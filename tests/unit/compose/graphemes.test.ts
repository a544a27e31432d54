import { describe, expect, it } from 'vitest';
import {
  countCodePoints,
  countGraphemes,
  graphemeBoundaries,
  graphemeIndexAt,
  updateGraphemeBoundaries,
  utf8Length,
} from '../../../lib/text/graphemes.ts';

const FAMILY = '👨‍👩‍👧‍👦';

describe('countGraphemes', () => {
  it.each([
    ['empty', '', 0],
    ['ascii', 'hello', 5],
    ['CRLF is one cluster', 'a\r\nb', 3],
    ['emoji family (ZWJ sequence)', FAMILY, 1],
    ['two flags', '🇫🇷🇩🇪', 2],
    ['odd regional indicators', '🇫🇷🇩', 2],
    ['skin tone', '👍🏽', 1],
    ['combining acute', 'e\u0301', 1],
    ['stacked combining marks', 'a\u0301\u0323\u0308', 1],
    ['Arabic', 'مرحبا بالعالم', 13],
    ['Hebrew with niqqud', 'שָׁלוֹם', 4],
    ['Devanagari conjunct', 'क्षि', 1],
    ['CJK', '日本語のテキスト', 8],
    ['Hangul jamo sequence', '\u1100\u1161\u11A8', 1],
    ['keycap', '1️⃣', 1],
    ['lone surrogate', '\uD83D', 1],
  ])('%s', (_name, text, expected) => {
    expect(countGraphemes(text)).toBe(expected);
  });
});

describe('graphemeBoundaries', () => {
  it('lists cluster starts then the length', () => {
    const text = `a${FAMILY}e\u0301🇫🇷`;
    expect([...graphemeBoundaries(text)]).toEqual([0, 1, 1 + FAMILY.length, 3 + FAMILY.length, text.length]);
  });

  it('maps offsets to clusters', () => {
    const text = `x${FAMILY}y`;
    const b = graphemeBoundaries(text);
    expect(graphemeIndexAt(b, 0)).toBe(0);
    expect(graphemeIndexAt(b, 3)).toBe(1); // inside the family
    expect(graphemeIndexAt(b, text.length)).toBe(3);
  });
});

describe('updateGraphemeBoundaries', () => {
  const alphabet = [
    'a',
    ' ',
    '\n',
    'e',
    '\u0301',
    '\u200D',
    '👩',
    '🏽',
    '🇫',
    '🇷',
    '日',
    'ש',
    'ָ',
    '\r',
    '️',
    '\u1100',
    '\u1161',
  ];

  /** Deterministic pseudo-random numbers so a failure can be replayed. */
  function rng(seed: number): () => number {
    let s = seed;
    return () => {
      s = (s * 1103515245 + 12345) & 0x7fffffff;
      return s / 0x7fffffff;
    };
  }

  it('matches a full segmentation after random edits anywhere', () => {
    const rand = rng(7);
    const pick = (): string => alphabet[Math.floor(rand() * alphabet.length)] as string;
    let text = Array.from({ length: 60 }, pick).join('');
    let bounds = graphemeBoundaries(text);
    for (let step = 0; step < 2000; step++) {
      const at = Math.floor(rand() * (text.length + 1));
      const edit = rand();
      const next =
        edit < 0.5
          ? text + pick() // typing at the end, the common case
          : edit < 0.7
            ? text.slice(0, -1)
            : edit < 0.9
              ? text.slice(0, at) + pick() + text.slice(at)
              : text.slice(0, at) + text.slice(at + 1);
      bounds = updateGraphemeBoundaries(text, bounds, next);
      text = next;
      expect([...bounds]).toEqual([...graphemeBoundaries(text)]);
    }
  });

  it('re-pairs regional indicators when one is typed after a lone one', () => {
    const before = '🇫🇷🇩';
    const after = '🇫🇷🇩🇪';
    expect([...updateGraphemeBoundaries(before, graphemeBoundaries(before), after)]).toEqual([0, 4, 8]);
  });

  it('grows an emoji when a skin tone or joiner is typed after it', () => {
    const before = 'hi 👍';
    const after = 'hi 👍🏽';
    expect([...updateGraphemeBoundaries(before, graphemeBoundaries(before), after)]).toEqual([
      0,
      1,
      2,
      3,
      after.length,
    ]);
  });
});

describe('utf8Length', () => {
  const encoder = new TextEncoder();
  it.each([
    ['ascii', 'hello'],
    ['latin-1', 'café'],
    ['CJK (3 bytes each)', '日本語'],
    ['emoji family (25 bytes)', FAMILY],
    ['flag (8 bytes)', '🇫🇷'],
    ['Arabic (2 bytes each)', 'مرحبا'],
    ['lone high surrogate', 'a\uD83Db'],
    ['lone low surrogate', 'a\uDE00b'],
  ])('%s equals TextEncoder', (_name, text) => {
    expect(utf8Length(text)).toBe(encoder.encode(text).length);
  });

  it('measures a slice without copying it', () => {
    expect(utf8Length(`ab${FAMILY}cd`, 2, 2 + FAMILY.length)).toBe(25);
  });
});

describe('countCodePoints', () => {
  it.each([
    ['ascii', 'abc', 3],
    ['astral emoji', '😀', 1],
    ['family: 4 people and 3 joiners', FAMILY, 7],
    ['combining', 'e\u0301', 2],
  ])('%s', (_name, text, expected) => {
    expect(countCodePoints(text)).toBe(expected);
  });
});
