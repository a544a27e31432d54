/**
 * An upper estimate of the RE2 program size of a `regexFilter`.
 *
 * Chrome compiles every regexFilter with RE2 in Latin-1 mode under a 2 KB
 * memory cap (`kRegexMaxMemKb`) and silently skips a rule whose program does
 * not fit; measured, the cap allows about 116 instructions. Source length is a
 * poor proxy (`[0-9a-f]{56}` is short and far too big), so this walks the
 * pattern and prices each construct the way RE2 compiles it:
 * - a literal byte, `^`, `$`, `\b`: one instruction;
 * - a class: one instruction per maximal byte range plus one per join
 *   (case-folded ranges like A-Z/a-z share one instruction);
 * - `?`, `*`, `+`: one more; `{n,m}` is unrolled;
 * - each extra alternation branch: one;
 * - a capturing group: two, but only when the rule has a substitution
 *   (Chrome compiles with `never_capture` otherwise);
 * - four for the program's Fail/Match and unanchored `.*?` loop.
 * RE2 optimisations that shrink programs (literal-prefix stripping, factoring
 * common prefixes of alternatives) are ignored, so real programs are smaller.
 * Only the RE2 syntax the rule compiler emits is understood.
 */

/** Chrome's measured ceiling. */
export const RE2_PROGRAM_LIMIT = 116;

type ByteSet = Uint8Array;

function fold(set: ByteSet, lo: number, hi: number): void {
  for (let c = lo; c <= hi; c += 1) {
    set[c] = 1;
    if (c >= 0x41 && c <= 0x5a) set[c + 32] = 1;
    if (c >= 0x61 && c <= 0x7a) set[c - 32] = 1;
  }
}

function perl(letter: string): ByteSet | null {
  const set = new Uint8Array(256);
  const lower = letter.toLowerCase();
  if (lower === 'd') fold(set, 0x30, 0x39);
  else if (lower === 'w') {
    fold(set, 0x30, 0x39);
    fold(set, 0x41, 0x5a);
    fold(set, 0x5f, 0x5f);
  } else if (lower === 's') {
    fold(set, 0x09, 0x0a);
    fold(set, 0x0c, 0x0d);
    fold(set, 0x20, 0x20);
  } else return null;
  if (letter !== lower) for (let c = 0; c < 256; c += 1) set[c] = set[c] === 1 ? 0 : 1;
  return set;
}

/** Instructions for a byte class: k ranges cost k + (k - 1), case twins counted once. */
function classCost(set: ByteSet): number {
  const ranges: [number, number][] = [];
  for (let c = 0; c < 256; c += 1) {
    if (set[c] !== 1) continue;
    const last = ranges[ranges.length - 1];
    if (last !== undefined && last[1] === c - 1) last[1] = c;
    else ranges.push([c, c]);
  }
  if (ranges.length === 0) return 1;
  const twins = ranges.filter(
    ([lo, hi]) => lo >= 0x41 && hi <= 0x5a && ranges.some(([l, h]) => l === lo + 32 && h === hi + 32),
  ).length;
  const k = ranges.length - twins;
  return 2 * k - 1;
}

class Walker {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly capturing: boolean,
  ) {}

  private peek(): string {
    return this.src[this.i] ?? '';
  }

  run(): number {
    const cost = this.alternation();
    if (this.i < this.src.length) throw new SyntaxError(`unbalanced ")" at ${this.i} in ${this.src}`);
    return cost;
  }

  private alternation(): number {
    let cost = this.sequence();
    while (this.peek() === '|') {
      this.i += 1;
      cost += this.sequence() + 1;
    }
    return cost;
  }

  private sequence(): number {
    let cost = 0;
    while (this.i < this.src.length && this.peek() !== '|' && this.peek() !== ')') cost += this.quantified();
    return cost;
  }

  private quantified(): number {
    const atom = this.atom();
    const q = this.peek();
    if (q === '?' || q === '*' || q === '+') {
      this.i += 1;
      if (this.peek() === '?') this.i += 1;
      return atom + 1;
    }
    if (q === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (match === null) throw new SyntaxError(`bad repetition at ${this.i} in ${this.src}`);
      this.i += match[0].length;
      const min = Number(match[1]);
      if (match[2] === undefined) return atom * min;
      if (match[3] === '') return atom * Math.max(min, 1) + 1;
      const max = Number(match[3]);
      return atom * max + (max - min);
    }
    return atom;
  }

  private atom(): number {
    const c = this.peek();
    this.i += 1;
    if (c === '(') return this.group();
    if (c === '[') return classCost(this.charClass());
    if (c === '.') {
      const set = new Uint8Array(256).fill(1);
      set[0x0a] = 0;
      return classCost(set);
    }
    if (c === '\\') {
      const e = this.peek();
      this.i += 1;
      const set = perl(e);
      return set === null ? 1 : classCost(set);
    }
    return 1;
  }

  private group(): number {
    let captures = true;
    if (this.peek() === '?') {
      const rest = this.src.slice(this.i);
      const prefix = /^\?(?::|P?<\w+>|[imsU-]+:)/.exec(rest);
      if (prefix === null) throw new SyntaxError(`unsupported group at ${this.i} in ${this.src}`);
      captures = prefix[0].includes('<');
      this.i += prefix[0].length;
    }
    const inner = this.alternation();
    if (this.peek() !== ')') throw new SyntaxError(`unclosed group in ${this.src}`);
    this.i += 1;
    return inner + (captures && this.capturing ? 2 : 0);
  }

  private charClass(): ByteSet {
    const set = new Uint8Array(256);
    const negated = this.peek() === '^';
    if (negated) this.i += 1;
    let first = true;
    while (this.i < this.src.length && (this.peek() !== ']' || first)) {
      first = false;
      let lo = this.src.charCodeAt(this.i);
      if (this.peek() === '\\') {
        const e = this.src[this.i + 1] ?? '';
        const p = perl(e);
        this.i += 2;
        if (p !== null) {
          for (let b = 0; b < 256; b += 1) if (p[b] === 1) set[b] = 1;
          continue;
        }
        lo = e.charCodeAt(0);
      } else this.i += 1;
      let hi = lo;
      if (this.peek() === '-' && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length) {
        const escaped = this.src[this.i + 1] === '\\';
        hi = this.src.charCodeAt(this.i + (escaped ? 2 : 1));
        this.i += escaped ? 3 : 2;
      }
      fold(set, lo, hi);
    }
    if (this.peek() !== ']') throw new SyntaxError(`unclosed class in ${this.src}`);
    this.i += 1;
    if (negated) for (let b = 0; b < 256; b += 1) set[b] = set[b] === 1 ? 0 : 1;
    return set;
  }
}

/**
 * Estimated instruction count of `regex` compiled by Chrome. `capturing` is
 * true for rules with a `regexSubstitution`.
 */
export function estimateRe2Program(regex: string, capturing: boolean): number {
  return 4 + new Walker(regex, capturing).run();
}
