/**
 * Where a long text may be cut into thread parts, and how good each place is.
 *
 * Positions are grapheme-cluster indices (see graphemes.ts), so a cut can
 * never fall inside a cluster. A break says where the previous part ends and
 * where the next one starts; the whitespace in between belongs to neither.
 */

/** Lower is better: a paragraph break beats a line break, and so on. */
export const BREAK_LEVELS = {
  paragraph: 0,
  line: 1,
  sentence: 2,
  clause: 3,
  word: 4,
} as const;

export type BreakLevel = (typeof BREAK_LEVELS)[keyof typeof BREAK_LEVELS];
export const BREAK_LEVEL_COUNT = 5;

export interface Breaks {
  /** Cluster index where the part before the break ends (exclusive), ascending. */
  end: Int32Array;
  /** Cluster index where the part after the break starts. */
  next: Int32Array;
  level: Uint8Array;
  /** True when the break is a run of whitespace (parts on both sides are cut cleanly). */
  spaced: Uint8Array;
  count: number;
}

/** Per-cluster whitespace kind: not whitespace, a space, a line break, a paragraph separator. */
export const WS_NONE = 0;
export const WS_SPACE = 1;
export const WS_LINE = 2;
export const WS_PARAGRAPH = 3;

const SENTENCE_END = '.!?…‽؟۔।॥።。！？｡';
const CLAUSE_END = ',;:—–،؛、，；：';
/** Closing quotes and brackets that may follow a sentence's final punctuation. */
const CLOSERS = '"\')]}»›”’」』）】〕〉》｝';
const CJK_SENTENCE_END = '。！？｡';
const CJK_CLAUSE_END = '、，；：';
/** Kinsoku: characters a CJK line (here, a part) must not start with. */
const NO_BREAK_BEFORE = '、。，．・：；？！ー」』）】〕〉》｝…‥々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ゛゜';
/** ...and opening brackets it must not end with. */
const NO_BREAK_AFTER = '「『（【〔〈《｛';

export function whitespaceKind(text: string, from: number, to: number): number {
  const c = text.charCodeAt(from);
  if (to - from === 2 && c === 0x0d && text.charCodeAt(from + 1) === 0x0a) return WS_LINE;
  if (to - from !== 1) return WS_NONE;
  if (c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c || c === 0x85 || c === 0x2028) return WS_LINE;
  if (c === 0x2029) return WS_PARAGRAPH;
  if (c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)) return WS_SPACE;
  if (c === 0x202f || c === 0x205f || c === 0x3000) return WS_SPACE;
  return WS_NONE;
}

/** Han, kana, Hangul, CJK punctuation and full-width forms: scripts written without spaces between words. */
export function isCjk(cp: number): boolean {
  return (
    (cp >= 0x2e80 && cp <= 0x9fff) ||
    (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xff00 && cp <= 0xffef) ||
    (cp >= 0x20000 && cp <= 0x3ffff)
  );
}

function firstChar(text: string, bounds: Int32Array, i: number): string {
  return String.fromCodePoint(text.codePointAt(bounds[i] as number) ?? 0);
}

/** The level of a break at a whitespace run that follows cluster `before`. */
function spacedLevel(
  text: string,
  bounds: Int32Array,
  before: number,
  newlines: number,
  paragraph: boolean,
): BreakLevel {
  if (paragraph || newlines >= 2) return BREAK_LEVELS.paragraph;
  if (newlines === 1) return BREAK_LEVELS.line;
  let i = before;
  // Look through closing quotes: 'He said "no." Then' ends a sentence.
  for (let k = 0; k < 3 && i > 0 && CLOSERS.includes(firstChar(text, bounds, i)); k++) i--;
  const ch = firstChar(text, bounds, i);
  if (SENTENCE_END.includes(ch)) return BREAK_LEVELS.sentence;
  if (CLAUSE_END.includes(ch)) return BREAK_LEVELS.clause;
  return BREAK_LEVELS.word;
}

/** The level of a break between two non-space clusters, or -1 when there is none (Latin inside a word). */
function unspacedLevel(text: string, bounds: Int32Array, i: number): number {
  const here = text.codePointAt(bounds[i] as number) ?? 0;
  const after = text.codePointAt(bounds[i + 1] as number) ?? 0;
  if (!isCjk(here) && !isCjk(after)) return -1;
  const a = String.fromCodePoint(after);
  const h = String.fromCodePoint(here);
  if (NO_BREAK_BEFORE.includes(a) || NO_BREAK_AFTER.includes(h)) return -1;
  if (CJK_SENTENCE_END.includes(h)) return BREAK_LEVELS.sentence;
  if (CLOSERS.includes(h) && i > 0 && CJK_SENTENCE_END.includes(firstChar(text, bounds, i - 1))) {
    return BREAK_LEVELS.sentence;
  }
  if (CJK_CLAUSE_END.includes(h)) return BREAK_LEVELS.clause;
  return BREAK_LEVELS.word;
}

/**
 * Every break in the text, in order. Whitespace at the very start or end is
 * not a break (trimming removes it). `ws` is filled with each cluster's
 * whitespace kind as a side product, since the scan computes it anyway.
 */
export function findBreaks(text: string, bounds: Int32Array, ws: Uint8Array): Breaks {
  const g = bounds.length - 1;
  for (let i = 0; i < g; i++) ws[i] = whitespaceKind(text, bounds[i] as number, bounds[i + 1] as number);
  const end = new Int32Array(g);
  const next = new Int32Array(g);
  const level = new Uint8Array(g);
  const spaced = new Uint8Array(g);
  let n = 0;
  let i = 0;
  while (i < g) {
    if (ws[i] !== WS_NONE) {
      let j = i;
      let newlines = 0;
      let paragraph = false;
      for (; j < g && ws[j] !== WS_NONE; j++) {
        if (ws[j] === WS_LINE) newlines++;
        else if (ws[j] === WS_PARAGRAPH) paragraph = true;
      }
      if (i > 0 && j < g) {
        end[n] = i;
        next[n] = j;
        level[n] = spacedLevel(text, bounds, i - 1, newlines, paragraph);
        spaced[n] = 1;
        n++;
      }
      i = j;
      continue;
    }
    if (i + 1 < g && ws[i + 1] === WS_NONE) {
      const l = unspacedLevel(text, bounds, i);
      if (l >= 0) {
        end[n] = i + 1;
        next[n] = i + 1;
        level[n] = l;
        n++;
      }
    }
    i++;
  }
  return { end, next, level, spaced, count: n };
}
