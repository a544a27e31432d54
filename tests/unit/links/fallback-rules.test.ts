import { describe, expect, it } from 'vitest';
import { compileFallbackRules, compileRedirectRules, embedScriptRules, fallbackTarget, type LinkRuleSettings } from '../../../lib/links/dnr';
import type { Mirror } from '../../../lib/links/mirrors';
import { evaluate } from './dnr-eval';

const FALLBACK = 'chrome-extension://abcdefgh/fallback.html';
const settings: LinkRuleSettings = {
  enabled: true,
  subFrames: false,
  keepXUsable: false,
  exceptions: ['/i/bookmarks'],
  pausedUntil: null,
  now: 1_000,
  shareTakeover: true,
  composeUrl: 'chrome-extension://abcdefgh/compose.html',
};
const nitter: Mirror = { id: 'n', name: 'n', origin: 'https://nitter.example', scheme: 'nitter', builtIn: false, addedByUser: true, pinned: false };

const outcome = (url: string, initiator?: string) =>
  evaluate(compileFallbackRules(settings, FALLBACK), { url, ...(initiator === undefined ? {} : { initiator }) });

describe('compileFallbackRules', () => {
  it.each([
    'https://x.com/jack',
    'https://twitter.com/jack/status/20?s=20&t=abc',
    'https://mobile.twitter.com/search?q=a%20b&f=live',
    'https://x.com/i/web/status/123',
    'https://t.co/abc123',
    'https://x.com/jack/likes',
  ])('sends %s to the fallback page with the URL as it was', (url) => {
    const result = outcome(url, 'https://news.example.org');
    expect(result).toMatchObject({ action: 'redirect' });
    if (result.action !== 'redirect') return;
    expect(result.url).toBe(`${FALLBACK}?url=${url}`);
    expect(fallbackTarget(result.url)).toBe(url);
  });

  it('covers exactly the routes the mirror rules cover', () => {
    const mirrorRules = compileRedirectRules(settings, nitter).filter((r) => r.action.type === 'redirect' && r.id >= 7_200);
    const fallbackRules = compileFallbackRules(settings, FALLBACK).filter((r) => r.action.type === 'redirect' && r.id >= 7_200);
    expect(fallbackRules.map((r) => [r.id, r.condition.regexFilter])).toEqual(mirrorRules.map((r) => [r.id, r.condition.regexFilter]));
  });

  it('keeps account pages, exceptions and share intents as they are with a mirror', () => {
    expect(outcome('https://x.com/settings/account')).toMatchObject({ action: 'allow' });
    expect(outcome('https://x.com/i/bookmarks')).toMatchObject({ action: 'allow' });
    const share = outcome('https://x.com/intent/tweet?text=hi');
    expect(share.action === 'redirect' && share.url).toBe('chrome-extension://abcdefgh/compose.html?text=hi');
  });

  it('redirects nothing when off or paused, and refuses a page that is not the extension own', () => {
    const only = (s: Partial<LinkRuleSettings>, page = FALLBACK) =>
      compileFallbackRules({ ...settings, ...s }, page).filter((r) => r.id >= 7_200).length;
    expect(only({ enabled: false })).toBe(0);
    expect(only({ pausedUntil: 2_000 })).toBe(0);
    expect(only({}, 'https://evil.example/fallback.html')).toBe(0);
    expect(only({}, `${FALLBACK}?x=1`)).toBe(0);
    expect(only({})).toBeGreaterThan(20);
  });
});

describe('fallbackTarget', () => {
  it('reads everything after ?url=, fragment and query included', () => {
    expect(fallbackTarget(`${FALLBACK}?url=https://x.com/search?q=a&f=live#top`)).toBe('https://x.com/search?q=a&f=live#top');
    expect(fallbackTarget(FALLBACK)).toBeNull();
    expect(fallbackTarget(`${FALLBACK}?url=`)).toBeNull();
  });
});

describe('embedScriptRules', () => {
  it("blocks X's widgets.js on both hosts, scripts only, inside the link id block", () => {
    const rules = embedScriptRules();
    expect(rules.map((r) => r.condition.urlFilter)).toEqual(['||platform.twitter.com/widgets.js', '||platform.x.com/widgets.js']);
    for (const rule of rules) {
      expect(rule.action.type).toBe('block');
      expect(rule.condition.resourceTypes).toEqual(['script']);
      expect(rule.id).toBeGreaterThanOrEqual(7_000);
      expect(rule.id).toBeLessThan(7_100);
    }
  });
});
