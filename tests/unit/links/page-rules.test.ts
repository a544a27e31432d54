import { describe, expect, it } from 'vitest';
import type { LinkRuleSettings } from '../../../lib/links/dnr';
import type { Mirror } from '../../../lib/links/mirrors';
import { mirrorHref } from '../../../lib/links/mirror-href';
import { compilePageRules, toJsReplacement } from '../../../lib/links/page-rules';
import { FIXER_HOSTS } from '../../../lib/links/x-paths';
import { sameTarget } from './dnr-eval';
import { nitterMirror, pageConfigFor, PAGE_SETTINGS } from './page-fixtures';
import { ROWS } from './url-table';

const SETTINGS = PAGE_SETTINGS;
const nitter = nitterMirror('https://nitter.example');

const rulesFor = (mirror: Mirror, settings: Partial<LinkRuleSettings> = {}) => pageConfigFor(mirror, settings).rules;

/**
 * Rows where pages knowingly differ from the parser: what the navigation rules
 * also leave (a trailing-dot host, doubled slashes, hash-bang paths) and a
 * fixer's direct video file.
 */
const DIVERGENT = new Set([
  // A fixer's direct video file: rare in pages.
  'https://d.fxtwitter.com/jack/status/20.mp4',
  'https://x.com./jack',
  'https://x.com//jack//',
  'https://twitter.com/#!/jack',
  'https://twitter.com/#!/jack/status/20',
]);

describe('page rules send every link where the parser and rewriteToMirror say', () => {
  const rules = rulesFor(nitter);
  const rows = ROWS.filter(([url]) => !DIVERGENT.has(url));

  it('cover the URL table but for the documented rows', () => {
    expect(rows.length).toBeGreaterThan(85);
  });

  it.each(rows)('%s', (url, _link, expected) => {
    // Pages hand over URLs as the browser resolves them (see absolute() in page-rewrite.ts).
    const got = mirrorHref(new URL(url).href, rules);
    if (expected === null) expect(got).toBeNull();
    else expect(got !== null && sameTarget(got, expected), `${got} vs ${expected}`).toBe(true);
  });
});

describe('compilePageRules', () => {
  it('matches every embed fixer host, which copies X\u2019s layout', () => {
    const rules = rulesFor(nitter);
    expect(FIXER_HOSTS.every((h) => h.endsWith('.com'))).toBe(true);
    for (const host of FIXER_HOSTS) {
      expect(mirrorHref(`https://${host}/jack/status/20`, rules)).toBe('https://nitter.example/jack/status/20');
      expect(mirrorHref(`https://d.${host}/jack/status/21`, rules)).toBe('https://nitter.example/jack/status/21');
    }
  });

  it('leaves composing intents to the navigation rules, so a page never sees the extension\u2019s address', () => {
    const rules = rulesFor(nitter);
    expect(mirrorHref('https://x.com/intent/tweet?text=hi', rules)).toBeNull();
    expect(mirrorHref('https://twitter.com/share?url=https://a.example', rules)).toBeNull();
    expect(JSON.stringify(compilePageRules(SETTINGS, nitter))).not.toContain('chrome-extension:');
  });

  it('fills a template mirror\u2019s paths, and has no rule for what it lacks', () => {
    const rules = rulesFor({
      ...nitter,
      origin: 'https://t.example',
      scheme: 'template',
      templates: { profile: '/u/{user}', status: '/p/{id}?by={user}' },
    });
    expect(mirrorHref('https://x.com/jack', rules)).toBe('https://t.example/u/jack');
    expect(mirrorHref('https://x.com/jack/status/20', rules)).toBe('https://t.example/p/20?by=jack');
    expect(mirrorHref('https://x.com/search?q=a', rules)).toBeNull();
  });

  it('turns RE2 replacements into JavaScript ones, literal dollars included', () => {
    expect(toJsReplacement('https://m.example/\\1/status/\\2')).toBe('https://m.example/$1/status/$2');
    expect(toJsReplacement('https://m.example/$x/\\0')).toBe('https://m.example/$$x/$&');
  });

  it('has nothing for a mirror the redirect rules would refuse', () => {
    expect(compilePageRules(SETTINGS, { ...nitter, origin: 'https://x.com' }).rules).toEqual([]);
  });
});
