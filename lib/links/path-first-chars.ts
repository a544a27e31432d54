/**
 * Which characters can follow the first `/` of a path a page rule matches,
 * so the page script tests a link only against the rules that could match it.
 * A 10,000-link page otherwise costs some 270,000 regex tests, nearly all
 * certain to fail; in Firefox they were half of the page script's time.
 *
 * Reads the patterns page-rules.ts makes for X's app hosts (`^\/` then the
 * path, matched case-insensitively). The answer may hold characters no match
 * starts with, never leave one out: when the path does not start with a
 * literal or a group of literal-led alternatives, it is null (any character,
 * the rule is always tested). Characters are given case-folded (foldCase).
 */

/** Characters with a meaning of their own outside a class; anything else is itself. */
const SPECIAL = /* @__PURE__ */ new Set([...'^$.|?*+()[]{}\\']);
/** What may repeat the element before it zero times. */
const MAY_BE_ABSENT = /* @__PURE__ */ new Set(['?', '*', '{']);

/**
 * A character as a case-insensitive regex without the `u` flag compares it
 * (ECMAScript's Canonicalize): upper case when that is one character, but
 * never a non-ASCII character turned into an ASCII one. Two characters match
 * under the `i` flag exactly when their foldCase is the same.
 */
export function foldCase(char: string): string {
  const upper = char.toUpperCase();
  if (upper.length !== 1 || (char.charCodeAt(0) >= 128 && upper.charCodeAt(0) < 128)) return char;
  return upper;
}

/** The characters a match of `pattern` has right after its leading `/`, or null when any may come. */
export function pathFirstChars(pattern: string): string | null {
  const start = pattern.startsWith('^\\/') ? 3 : pattern.startsWith('^/') ? 2 : -1;
  // `^/a|b` also matches a `b` anywhere: only a pattern of one alternative is read.
  if (start === -1 || alternatives(pattern, 0).starts.length > 1) return null;
  const chars = firstAt(pattern, start);
  return chars === null ? null : [...new Set(chars)].sort().join('');
}

/** The characters a match of the pattern's element at `i` starts with, or null. */
function firstAt(pattern: string, i: number): string | null {
  const c = pattern[i];
  if (c === undefined) return null;
  if (c === '(') return groupFirst(pattern, i);
  let literal: string;
  let end: number;
  if (c === '\\') {
    const escaped = pattern[i + 1];
    // \w, \d, \b, \1...: a class, an assertion or a backreference.
    if (escaped === undefined || /[A-Za-z0-9]/.test(escaped)) return null;
    literal = escaped;
    end = i + 2;
  } else {
    if (SPECIAL.has(c)) return null;
    literal = c;
    end = i + 1;
  }
  if (MAY_BE_ABSENT.has(pattern[end] ?? '')) return null;
  return foldCase(literal);
}

/**
 * Where each alternative starts, from `first` to the `)` closing the group
 * (`close`: -1 when there is none, as at the pattern's top level).
 */
function alternatives(pattern: string, first: number): { starts: number[]; close: number } {
  const starts = [first];
  let depth = 0;
  for (let j = first; j < pattern.length; j += 1) {
    const c = pattern[j];
    if (c === '\\') j += 1;
    else if (c === '[') {
      // A class ends at its first unescaped `]` (in JavaScript, `[]` is an empty class).
      j += 1;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
    } else if (c === '(') depth += 1;
    else if (c === ')') {
      if (depth === 0) return { starts, close: j };
      depth -= 1;
    } else if (c === '|' && depth === 0) starts.push(j + 1);
  }
  return { starts, close: -1 };
}

/** A group's alternatives, each led by a literal or a group of them; null for lookarounds and optional groups. */
function groupFirst(pattern: string, open: number): string | null {
  if (pattern.startsWith('(?', open) && !pattern.startsWith('(?:', open)) return null;
  const { starts, close } = alternatives(pattern, open + (pattern.startsWith('(?:', open) ? 3 : 1));
  if (close === -1 || MAY_BE_ABSENT.has(pattern[close + 1] ?? '')) return null;
  let chars = '';
  for (const at of starts) {
    // An empty alternative matches whatever follows the group.
    if (pattern[at] === '|' || at === close) return null;
    const found = firstAt(pattern, at);
    if (found === null) return null;
    chars += found;
  }
  return chars;
}
