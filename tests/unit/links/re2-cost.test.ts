import { describe, expect, it } from 'vitest';
import { RE2_PROGRAM_LIMIT, estimateRe2Program } from '../../../lib/links/re2-cost';

describe('estimateRe2Program', () => {
  it.each([
    // [regex, capturing, instructions] — 4 is the fixed Fail/Match/unanchored-loop overhead
    ['abc', false, 7],
    ['\\.', false, 5],
    ['\\d', false, 5],
    ['\\w', false, 9], // 0-9, A-Z/a-z folded into one, _  -> 3 ranges
    ['[a-z]', false, 5], // folded case twins share an instruction
    ['[^#]', false, 7], // two ranges around '#'
    ['[^&#]', false, 9],
    ['.', false, 7], // everything but \n: two ranges
    ['a?', false, 6],
    ['a*', false, 6],
    ['a{3}', false, 7],
    ['a{2,4}', false, 10], // 4 copies + 2 optional alternatives
    ['a{2,}', false, 7],
    ['(?:a|bc)', false, 8],
    ['(a)', false, 5], // Chrome compiles rules without substitution with never_capture
    ['(a)', true, 7],
    ['(?:a)', true, 5],
    ['^a$', false, 7],
  ] as const)('%s (capturing: %s) -> %i', (regex, capturing, expected) => {
    expect(estimateRe2Program(regex, capturing)).toBe(expected);
  });

  it('agrees with what Chrome measurably accepts and refuses', () => {
    // Chrome accepts a{112} and refuses a{113} unanchored; [0-9a-f]{56} is far over.
    expect(estimateRe2Program('a{112}', false)).toBeLessThanOrEqual(RE2_PROGRAM_LIMIT);
    expect(estimateRe2Program('a{113}', false)).toBeGreaterThan(RE2_PROGRAM_LIMIT);
    expect(estimateRe2Program('[0-9a-f]{56}', false)).toBeGreaterThan(RE2_PROGRAM_LIMIT);
  });

  it.each(['(a', 'a)', '[ab', 'a{x}', '(?=a)'])('refuses what it cannot price: %s', (regex) => {
    expect(() => estimateRe2Program(regex, false)).toThrow(SyntaxError);
  });
});
