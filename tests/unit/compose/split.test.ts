import { describe, expect, it } from 'vitest';
import { countBluesky } from '../../../lib/networks/bluesky/text/count.ts';
import { countMastodon } from '../../../lib/networks/mastodon/text/count.ts';
import { MANUAL_SPLIT_MARKER } from '../../../lib/model/draft.ts';
import { countGraphemes, graphemeBoundaries } from '../../../lib/text/graphemes.ts';
import {
  splitForNetwork,
  type BlueskySplitLimits,
  type MastodonSplitLimits,
  type SplitOptions,
  type SplitPart,
} from '../../../lib/compose/split.ts';
import { findTokens } from '../../../lib/compose/tokens.ts';

const FAMILY = '👨‍👩‍👧‍👦';
const MASTODON: MastodonSplitLimits = { network: 'mastodon', maxCharacters: 500, charactersReservedPerUrl: 23 };
const BLUESKY: BlueskySplitLimits = { network: 'bluesky', graphemeLimit: 300, byteLimit: 3000 };

type Limits = MastodonSplitLimits | BlueskySplitLimits;

function fits(part: string, limits: Limits, spoiler = ''): boolean {
  if (limits.network === 'mastodon') {
    return countMastodon(part, spoiler, limits).used <= limits.maxCharacters;
  }
  const c = countBluesky(part);
  return c.graphemes <= limits.graphemeLimit && c.bytes <= limits.byteLimit;
}

/**
 * The invariants every split must keep: each part is a trimmed slice of the
 * text, parts are in order and separated only by whitespace (or a manual
 * marker), numbering is right, and every part not flagged fits.
 */
function checkSplit(text: string, parts: SplitPart[], limits: Limits, options: SplitOptions = {}): void {
  let at = 0;
  parts.forEach((p, i) => {
    expect(p.body).toBe(text.slice(p.start, p.end));
    expect(p.body).toBe(p.body.trim());
    expect(p.body).not.toBe('');
    const gap = text.slice(at, p.start).split(MANUAL_SPLIT_MARKER).join('');
    expect(gap.trim()).toBe('');
    at = p.end;
    const numbered = options.numbering === true && parts.length > 1;
    expect(p.text).toBe(numbered ? `${p.body} ${i + 1}/${parts.length}` : p.body);
    if (!p.over) expect(fits(p.text, limits, options.spoiler)).toBe(true);
  });
  expect(text.slice(at).trim()).toBe('');
}

/** Every cut falls on a grapheme boundary of the whole text. */
function cutsOnClusters(text: string, parts: SplitPart[]): void {
  const bounds = new Set(graphemeBoundaries(text));
  for (const p of parts) {
    expect(bounds.has(p.start)).toBe(true);
    expect(bounds.has(p.end)).toBe(true);
  }
}

/**
 * Every token of the network lies entirely inside one part. Mentions and
 * hashtags longer than a whole part (`longerThan` graphemes) may be cut; links never.
 */
function tokensWhole(text: string, parts: SplitPart[], network: 'mastodon' | 'bluesky', longerThan = Infinity): void {
  for (const t of findTokens(text, network)) {
    if (t.kind !== 'url' && countGraphemes(text.slice(t.start, t.end)) > longerThan) continue;
    const inside = parts.some((p) => p.start <= t.start && t.end <= p.end);
    expect(inside, `${text.slice(t.start, t.end)} was cut`).toBe(true);
  }
}

function sentences(count: number, words = 8): string {
  return Array.from(
    { length: count },
    (_, i) => `${Array.from({ length: words }, (_, w) => `word${i}x${w}`).join(' ')}.`,
  ).join(' ');
}

describe('splitForNetwork: what fits is left alone', () => {
  it.each<[string, string, Limits, string[]]>([
    ['short text', 'hello world', BLUESKY, ['hello world']],
    ['trimmed', '  \n hello \n ', MASTODON, ['hello']],
    ['blank gives no part', ' \n\t', BLUESKY, []],
    ['empty gives no part', '', MASTODON, []],
    ['exactly at the limit', 'a'.repeat(300), BLUESKY, ['a'.repeat(300)]],
    [
      'a long URL is 23 on Mastodon',
      `look https://example.com/${'p'.repeat(600)}`,
      MASTODON,
      [`look https://example.com/${'p'.repeat(600)}`],
    ],
  ])('%s', (_name, text, limits, expected) => {
    expect(splitForNetwork(text, limits, { numbering: true }).map((p) => p.text)).toEqual(expected);
  });
});

describe('splitForNetwork: where it cuts', () => {
  it('prefers a paragraph break', () => {
    const p1 = sentences(3); // about 200 characters each: together over 300
    const p2 = sentences(3);
    const text = `${p1}\n\n${p2}`;
    const parts = splitForNetwork(text, BLUESKY);
    expect(parts.map((p) => p.body)).toEqual([p1, p2]);
    checkSplit(text, parts, BLUESKY);
  });

  it('prefers a sentence end to a later space', () => {
    const text = sentences(12);
    const parts = splitForNetwork(text, BLUESKY);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.body.endsWith('.')).toBe(true);
    checkSplit(text, parts, BLUESKY);
  });

  it('prefers a line break to a sentence end', () => {
    const line = sentences(2); // two sentences per line
    const text = Array.from({ length: 6 }, () => line).join('\n');
    const parts = splitForNetwork(text, BLUESKY);
    for (const p of parts) expect(p.body.endsWith(line)).toBe(true);
    checkSplit(text, parts, BLUESKY);
  });

  it('does not keep a paragraph break that would leave a part less than half full', () => {
    const intro = 'Thread 🧵';
    const text = `${intro}\n\n${sentences(8)}`;
    const parts = splitForNetwork(text, BLUESKY);
    expect(parts[0]?.body.startsWith(`${intro}\n\nword0x0`)).toBe(true);
    expect(parts[0]?.body.endsWith('.')).toBe(true);
    // ...unless asked to honour any paragraph break.
    expect(splitForNetwork(text, BLUESKY, { minFill: 0 })[0]?.body).toBe(intro);
  });

  it('falls back to spaces, never cutting a word', () => {
    const words = Array.from({ length: 200 }, (_, i) => `w${i}`);
    const text = words.join(' ');
    const parts = splitForNetwork(text, { network: 'bluesky', graphemeLimit: 50, byteLimit: 3000 });
    expect(parts.flatMap((p) => p.body.split(' '))).toEqual(words);
    checkSplit(text, parts, { network: 'bluesky', graphemeLimit: 50, byteLimit: 3000 });
  });

  it('cuts an over-long word between graphemes, as a last resort', () => {
    const text = `start ${FAMILY.repeat(700)} end`;
    const parts = splitForNetwork(text, BLUESKY);
    expect(parts.every((p) => !p.over)).toBe(true);
    expect(
      parts
        .map((p) => p.body)
        .join('')
        .replace(/ /g, ''),
    ).toBe(text.replace(/ /g, ''));
    cutsOnClusters(text, parts);
    checkSplit(text, parts, BLUESKY);
  });

  it('always cuts at a manual marker, even when the text fits', () => {
    const text = `first${MANUAL_SPLIT_MARKER}second${MANUAL_SPLIT_MARKER}${MANUAL_SPLIT_MARKER}  third`;
    const parts = splitForNetwork(text, MASTODON, { numbering: true });
    expect(parts.map((p) => p.text)).toEqual(['first 1/3', 'second 2/3', 'third 3/3']);
    checkSplit(text, parts, MASTODON, { numbering: true });
  });
});

describe('splitForNetwork: what it never cuts', () => {
  const small: BlueskySplitLimits = { network: 'bluesky', graphemeLimit: 40, byteLimit: 3000 };
  const unspaced = [
    'https://example.com/some/path',
    '@alice.bsky.social',
    '#hashtag',
    FAMILY,
    '🇫🇷',
    'e\u0301',
    '👍🏽',
    '日本語',
  ];

  it.each([10, 17, 25, 33, 40])('tokens and clusters stay whole with %i-grapheme parts', (limit) => {
    // Every third token is glued to the next one, so some runs have no space to cut at.
    const text = Array.from({ length: 60 }, (_, i) => `${unspaced[i % unspaced.length]}${i % 3 === 0 ? '' : ' '}`).join(
      '',
    );
    const limits: BlueskySplitLimits = { ...small, graphemeLimit: limit };
    const parts = splitForNetwork(text, limits);
    tokensWhole(text, parts, 'bluesky', limit);
    cutsOnClusters(text, parts);
    checkSplit(text, parts, limits);
  });

  it('keeps Mastodon links, mentions and hashtags whole', () => {
    const text = Array.from(
      { length: 80 },
      (_, i) =>
        ['see https://en.wikipedia.org/wiki/Foo_(bar)', '@alice@mastodon.social', '#café', `${FAMILY}🇫🇷`][i % 4],
    ).join(' ');
    const parts = splitForNetwork(text, MASTODON, { numbering: true, spoiler: 'CW' });
    expect(parts.length).toBeGreaterThan(1);
    tokensWhole(text, parts, 'mastodon');
    checkSplit(text, parts, MASTODON, { numbering: true, spoiler: 'CW' });
  });

  it('does not take a CJK break inside a link', () => {
    // The window ends inside the link's Japanese path, where unspaced CJK would otherwise offer breaks.
    const text = `${'abc '.repeat(5)}https://x.jp/日本語の記事名です ${'def '.repeat(10)}`;
    const limits: BlueskySplitLimits = { network: 'bluesky', graphemeLimit: 40, byteLimit: 3000 };
    const parts = splitForNetwork(text, limits);
    expect(parts.some((p) => p.body.includes('https://x.jp/日本語の記事名です'))).toBe(true);
    tokensWhole(text, parts, 'bluesky');
    checkSplit(text, parts, limits);
  });

  it('moves a last-resort cut to the start of a hashtag it would fall in', () => {
    const text = `${'😀'.repeat(6)}#hashtag${'😀'.repeat(6)}`;
    const limits: MastodonSplitLimits = { ...MASTODON, maxCharacters: 10 };
    const parts = splitForNetwork(text, limits);
    expect(parts.map((p) => p.body)).toEqual(['😀'.repeat(6), `#hashtag${'😀'.repeat(2)}`, '😀'.repeat(4)]);
    checkSplit(text, parts, limits);
  });

  it('cuts a hashtag longer than a whole post rather than flag it', () => {
    const tag = `#${'a'.repeat(1200)}`;
    const parts = splitForNetwork(`intro ${tag}`, MASTODON);
    expect(parts.map((p) => p.over)).toEqual([false, false, false, false]);
    expect(
      parts
        .slice(1)
        .map((p) => p.body)
        .join(''),
    ).toBe(tag);
    checkSplit(`intro ${tag}`, parts, MASTODON);
  });

  it('gives a Bluesky link longer than a post a part of its own, flagged', () => {
    const url = `https://example.com/${'x'.repeat(400)}`;
    const text = `${sentences(2)} ${url} ${sentences(2)}`;
    const parts = splitForNetwork(text, BLUESKY);
    expect(parts.map((p) => p.over)).toEqual([false, true, false]);
    expect(parts[1]?.body).toBe(url);
    checkSplit(text, parts, BLUESKY);
  });

  it('flags a single part when the content warning leaves no room', () => {
    const parts = splitForNetwork('some text', { ...MASTODON, maxCharacters: 10 }, { spoiler: 'a'.repeat(10) });
    expect(parts).toHaveLength(1);
    expect(parts[0]?.over).toBe(true);
  });
});

describe('splitForNetwork: scripts', () => {
  it('splits unspaced Japanese after 。 and never before closing punctuation', () => {
    const sentence = '今日はとても良い天気なので、友達と一緒に公園へ散歩に行きました。';
    const text = sentence.repeat(40);
    const parts = splitForNetwork(text, BLUESKY);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.body.endsWith('。')).toBe(true);
    expect(parts.map((p) => p.body).join('')).toBe(text);
    checkSplit(text, parts, BLUESKY);
  });

  it('splits Chinese without any punctuation between characters', () => {
    const text = '中文没有空格'.repeat(120);
    const parts = splitForNetwork(text, BLUESKY);
    expect(parts.map((p) => p.body).join('')).toBe(text);
    expect(parts[0]?.body).toHaveLength(300);
    checkSplit(text, parts, BLUESKY);
  });

  it('does not start a CJK part with 」 or 、', () => {
    const text = `${'あ'.repeat(299)}」、${'い'.repeat(100)}`;
    const parts = splitForNetwork(text, BLUESKY);
    for (const p of parts) expect('」、').not.toContain(p.body[0]);
    checkSplit(text, parts, BLUESKY);
  });

  it.each([
    ['Arabic', 'هذه جملة عربية طويلة للاختبار، وهي تتكرر كثيرا؟ '],
    ['Hebrew', 'זהו משפט ארוך בעברית לבדיקה, והוא חוזר שוב ושוב. '],
  ])('splits %s at sentence ends', (_name, sentence) => {
    const text = sentence.repeat(30).trim();
    const parts = splitForNetwork(text, BLUESKY);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(/[.؟]$/.test(p.body)).toBe(true);
    checkSplit(text, parts, BLUESKY);
  });
});

describe('splitForNetwork: numbering', () => {
  it('reserves room for " k/n" and numbers every part', () => {
    const text = sentences(30);
    const parts = splitForNetwork(text, BLUESKY, { numbering: true });
    expect(parts.length).toBeGreaterThan(2);
    checkSplit(text, parts, BLUESKY, { numbering: true });
  });

  it('re-splits when the count crosses into two digits', () => {
    // Ten words that each fill a part without numbering; " 1/10" then no longer fits beside 296 of them.
    const words = Array.from({ length: 10 }, (_, i) => String(i).repeat(296));
    const text = words.join(' ');
    const plain = splitForNetwork(text, BLUESKY);
    expect(plain).toHaveLength(10);
    const numbered = splitForNetwork(text, BLUESKY, { numbering: true });
    expect(numbered.length).toBeGreaterThan(10);
    expect(numbered.at(-1)?.text.endsWith(`${numbered.length}/${numbered.length}`)).toBe(true);
    checkSplit(text, numbered, BLUESKY, { numbering: true });
  });

  it.each([40, 120, 333, 1000])('every numbered part fits, for %i sentences', (n) => {
    const text = sentences(n, 5);
    for (const limits of [BLUESKY, MASTODON] as const) {
      const parts = splitForNetwork(text, limits, { numbering: true, spoiler: 'CW' });
      checkSplit(text, parts, limits, { numbering: true, spoiler: 'CW' });
    }
  });
});

describe('splitForNetwork: a 5,000-character emoji-heavy draft', () => {
  const fragments = [
    'Leaving for the mountains 🏔️ with the family 👨‍👩‍👧‍👦! ',
    'Café crème e\u0301te\u0301 🇫🇷🇮🇹🇯🇵 ',
    'Thumbs 👍🏽👋🏿✌🏼. ',
    'Read https://en.wikipedia.org/wiki/Sortie_(military) and ping @alice@mastodon.social or @bob.bsky.social. ',
    'مرحبا بالعالم، كيف حالك؟ ',
    'שלום עולם. ',
    '今日は良い天気ですね。散歩に行きましょう！',
    '#hiking #山登り 🧗‍♀️🧗‍♂️\n\n',
  ];
  let text = '';
  for (let i = 0; text.length < 5000; i++) text += fragments[i % fragments.length];
  text = text.slice(0, 5000);

  it.each<[string, Limits, SplitOptions]>([
    ['Mastodon', MASTODON, {}],
    ['Mastodon, numbered, with a content warning', MASTODON, { numbering: true, spoiler: 'Long ⚠️ post' }],
    ['Bluesky', BLUESKY, {}],
    ['Bluesky, numbered', BLUESKY, { numbering: true }],
  ])('%s: every part fits and the parts give back the text', (_name, limits, options) => {
    const parts = splitForNetwork(text, limits, options);
    expect(parts.length).toBeGreaterThan(5);
    expect(parts.some((p) => p.over)).toBe(false);
    checkSplit(text, parts, limits, options);
    cutsOnClusters(text, parts);
    tokensWhole(text, parts, limits.network);
    expect(
      parts
        .map((p) => p.body)
        .join('')
        .replace(/\s/g, ''),
    ).toBe(text.replace(/\s/g, ''));
  });
});
