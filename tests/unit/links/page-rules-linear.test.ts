/**
 * Page rules run in JavaScript's backtracking engine, on links a hostile page
 * writes. Without timing anything: no rule regex ever sees more than
 * MAX_PAGE_URL characters or MAX_PAGE_URL_PARAMS `&` (the only places a rule
 * can try again after its atomic captures), every capture of a repeated class
 * is atomic, and no unbounded quantifier wraps another (star height 1: no
 * exponential case).
 * The time a crafted 64k link costs on a real page is in the bench (pages).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_PAGE_URL, MAX_PAGE_URL_PARAMS, mirrorHref } from '../../../lib/links/mirror-href';
import { atomicCaptures, compilePageRules } from '../../../lib/links/page-rules';
import { nitterMirror, pageConfigFor, PAGE_SETTINGS } from './page-fixtures';

const nitter = nitterMirror('https://nitter.example');
const template = nitterMirror('https://t.example', {
  scheme: 'template',
  templates: { profile: '/u/{user}', status: '/p/{id}?by={user}' },
});
const SETTINGS = { ...PAGE_SETTINGS, exceptions: ['/jack', '/i/lists/'] };

/** Runs of what each rule repeats: slashes, percents, digits, query separators, path segments. */
const UNITS = [
  '/',
  '%',
  '1',
  '?',
  '&',
  '=',
  '&q=',
  '&q=&',
  'q=',
  '&id=',
  '&id=1',
  '&f=user',
  '&screen_name=',
  '&tweet_id=',
  'a',
  'a/',
  'jack/status/1/',
  '.',
  '#',
];
const PREFIXES = [
  'https://x.com/',
  'https://x.com/search?',
  'https://x.com/search/?q=',
  'https://x.com/jack/',
  'https://x.com/i/lists/',
  'https://x.com/intent/follow?',
  'https://x.com/intent/like?',
  'https://pbs.twimg.com/',
  'https://t.co/',
  'https://platform.twitter.com/embed/Tweet.html?',
  'https://syndication.twitter.com/a?',
  'https://www.',
];
const crafted = (prefix: string, unit: string, length: number): string =>
  (prefix + unit.repeat(Math.ceil(length / unit.length))).slice(0, length);

describe('page rules on crafted links', () => {
  afterEach(() => vi.restoreAllMocks());

  it('never hand a regex more than MAX_PAGE_URL characters of a 64k link', () => {
    const rules = pageConfigFor(nitter, SETTINGS).rules;
    let longest = 0;
    const watch = (input: unknown) => {
      if (typeof input === 'string') longest = Math.max(longest, input.length);
    };
    const proto = RegExp.prototype as unknown as Record<PropertyKey, (...a: unknown[]) => unknown>;
    for (const key of ['exec', 'test', Symbol.replace, Symbol.match] as const) {
      const original = proto[key] as (...a: unknown[]) => unknown;
      vi.spyOn(proto, key as never).mockImplementation(function (this: RegExp, ...args: unknown[]) {
        watch(args[0]);
        return original.apply(this, args);
      } as never);
    }
    for (const prefix of PREFIXES)
      for (const unit of UNITS) expect(mirrorHref(crafted(prefix, unit, 65_536), rules)).toBeNull();
    expect(longest).toBe(0);
    // At the bound itself the rules still run (a long real link is rewritten).
    const long = `https://x.com/jill/status/20?${'a'.repeat(MAX_PAGE_URL - 40)}`.slice(0, MAX_PAGE_URL);
    expect(mirrorHref(long, rules)).toBe('https://nitter.example/jill/status/20');
    expect(longest).toBeGreaterThan(0);
    expect(longest).toBeLessThanOrEqual(MAX_PAGE_URL);
  });

  it('leave a link with more than MAX_PAGE_URL_PARAMS `&` to the redirect rules, without a regex', () => {
    const rules = pageConfigFor(nitter, SETTINGS).rules;
    const within = `https://x.com/search?q=a${'&x=1'.repeat(MAX_PAGE_URL_PARAMS)}`;
    expect(mirrorHref(within, rules)).toBe('https://nitter.example/search?f=tweets&q=a');
    const calls = vi.spyOn(RegExp.prototype, 'exec');
    const test = vi.spyOn(RegExp.prototype, 'test');
    expect(mirrorHref(`${within}&x=1`, rules)).toBeNull();
    expect(mirrorHref(`https://x.com/search?${'&q='.repeat(600)}`, rules)).toBeNull();
    expect(calls).not.toHaveBeenCalled();
    expect(test).not.toHaveBeenCalled();
  });

  it.each([
    ['nitter', nitter],
    ['template', template],
  ] as const)(
    '%s: every capture of a repeated class is atomic, and no unbounded quantifier wraps another',
    (_name, mirror) => {
      const { host, rules } = compilePageRules(SETTINGS, mirror);
      expect(rules.length).toBeGreaterThan(10);
      for (const pattern of [host, ...rules.map((r) => r.pattern)]) {
        expect(pattern, pattern).not.toMatch(/(?<!\(\?=)\((?:\\[A-Za-z]|\[(?:\\.|[^\]\\])*\])[*+]\)/);
        expect(starHeight(pattern), pattern).toBeLessThanOrEqual(1);
      }
    },
  );
});

/** How deeply unbounded quantifiers (`*`, `+`, `{n,}`) nest in a pattern. */
function starHeight(pattern: string): number {
  const stack: number[] = [0];
  let last = 0;
  let max = 0;
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i];
    let atom = 0;
    if (c === '\\') i += 1;
    else if (c === '[') i += (/^\[(?:\\.|[^\]\\])*\]/.exec(pattern.slice(i))?.[0].length ?? 1) - 1;
    else if (c === '(') {
      stack.push(0);
      continue;
    } else if (c === ')') atom = stack.pop() ?? 0;
    else if (c === '*' || c === '+' || (c === '{' && /^\{\d+,\}/.test(pattern.slice(i)))) {
      const height = last + 1;
      stack[stack.length - 1] = Math.max(stack[stack.length - 1] ?? 0, height);
      max = Math.max(max, height);
      continue;
    } else if (c === '?' || c === '|' || c === '^' || c === '$') {
      continue;
    }
    last = atom;
    stack[stack.length - 1] = Math.max(stack[stack.length - 1] ?? 0, atom);
  }
  return max;
}

describe('atomicCaptures', () => {
  it.each([
    ['^/(\\w+)/status/(\\d+)$', '^/(?=(\\w+))(?:\\1)/status/(?=(\\d+))(?:\\2)$'],
    ['q=([^&#]*)[^#]*&f=user', 'q=(?=([^&#]*))(?:\\1)[^#]*&f=user'],
    // Non-capturing groups and escaped parentheses do not count; a quantified capture is left.
    ['(?:a)\\((x)(/members)?([^\\]#]+)', '(?:a)\\((x)(/members)?(?=([^\\]#]+))(?:\\3)'],
    ['(\\w+)?', '(\\w+)?'],
    ['(with|media)', '(with|media)'],
  ])('%s', (pattern, expected) => {
    expect(atomicCaptures(pattern)).toBe(expected);
  });

  it('keeps what each pattern matches and captures', () => {
    const re = new RegExp(atomicCaptures('^/search/?\\?(?:[^#]*&)?q=([^&#]*)[^#]*&f=user(?:[&#].*)?$'), 'i');
    expect('/search?a=1&q=cats&x=2&f=user'.replace(re, '$1')).toBe('cats');
    expect('/search?q=a&f=user&q=b'.replace(re, '$1')).toBe('a');
    expect(re.test('/search?q=cats')).toBe(false);
  });
});
