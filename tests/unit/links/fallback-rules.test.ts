import { describe, expect, it } from 'vitest';
import {
  compileFallbackRules,
  compileRedirectRules,
  embedScriptRules,
  fallbackTarget,
  type LinkRuleSettings,
} from '../../../lib/links/dnr';
import type { Mirror } from '../../../lib/links/mirrors';
import { takeoverUrl } from '../../../lib/links/takeover';
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
const nitter: Mirror = {
  id: 'n',
  name: 'n',
  origin: 'https://nitter.example',
  scheme: 'nitter',
  builtIn: false,
  addedByUser: true,
  pinned: false,
};

const COMPOSE = 'chrome-extension://abcdefgh/compose.html';
const rules = compileFallbackRules(settings);
/** What Chrome does with the request, then where the background sends the tab it blocked. */
const outcome = (url: string, initiator?: string) => {
  const result = evaluate(rules, { url, ...(initiator === undefined ? {} : { initiator }) });
  const landing = takeoverUrl(
    rules,
    { url, type: 'main_frame', method: 'GET', initiator },
    { composeUrl: COMPOSE, fallbackPage: FALLBACK },
  );
  return { ...result, landing };
};

describe('compileFallbackRules', () => {
  it.each([
    'https://x.com/jack',
    'https://twitter.com/jack/status/20?s=20&t=abc',
    'https://mobile.twitter.com/search?q=a%20b&f=live',
    'https://x.com/i/web/status/123',
    'https://t.co/abc123',
    'https://x.com/jack/likes',
  ])('blocks %s, and the background opens the fallback page with the URL as it was', (url) => {
    const result = outcome(url, 'https://news.example.org');
    expect(result).toMatchObject({ action: 'block', landing: `${FALLBACK}?url=${url}` });
    expect(fallbackTarget(result.landing!)).toBe(url);
  });

  it('never redirects to an extension page (that would need it web-accessible)', () => {
    const targets = rules.flatMap((r) =>
      r.action.type === 'redirect' ? [r.action.redirect?.regexSubstitution ?? ''] : [],
    );
    // The only redirects left are embed fixers sent to the same path on x.com, which the block rules then stop.
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) expect(target).toMatch(/^https:\/\/x\.com/);
  });

  it('covers exactly the routes the mirror rules cover', () => {
    const mirrorRules = compileRedirectRules(settings, nitter).filter(
      (r) => r.action.type === 'redirect' && r.id >= 7_200,
    );
    const fallbackRules = compileFallbackRules(settings).filter((r) => r.action.type === 'block' && r.id >= 7_200);
    expect(fallbackRules.map((r) => [r.id, r.condition.regexFilter])).toEqual(
      mirrorRules.map((r) => [r.id, r.condition.regexFilter]),
    );
  });

  it('keeps account pages, exceptions and share intents as they are with a mirror', () => {
    expect(outcome('https://x.com/settings/account')).toMatchObject({ action: 'allow' });
    expect(outcome('https://x.com/i/bookmarks')).toMatchObject({ action: 'allow' });
    expect(outcome('https://x.com/intent/tweet?text=hi')).toMatchObject({
      action: 'block',
      landing: `${COMPOSE}?text=hi`,
    });
  });

  it('blocks nothing when off or paused', () => {
    const only = (s: Partial<LinkRuleSettings>) =>
      compileFallbackRules({ ...settings, ...s }).filter((r) => r.id >= 7_200).length;
    expect(only({ enabled: false })).toBe(0);
    expect(only({ pausedUntil: 2_000 })).toBe(0);
    expect(only({})).toBeGreaterThan(20);
  });
});

describe('fallbackTarget', () => {
  it('reads everything after ?url=, fragment and query included', () => {
    expect(fallbackTarget(`${FALLBACK}?url=https://x.com/search?q=a&f=live#top`)).toBe(
      'https://x.com/search?q=a&f=live#top',
    );
    expect(fallbackTarget(FALLBACK)).toBeNull();
    expect(fallbackTarget(`${FALLBACK}?url=`)).toBeNull();
  });
});

describe('embedScriptRules', () => {
  it("blocks X's widgets.js on both hosts, scripts only, inside the link id block", () => {
    const rules = embedScriptRules();
    expect(rules.map((r) => r.condition.urlFilter)).toEqual([
      '||platform.twitter.com/widgets.js',
      '||platform.x.com/widgets.js',
    ]);
    for (const rule of rules) {
      expect(rule.action.type).toBe('block');
      expect(rule.condition.resourceTypes).toEqual(['script']);
      expect(rule.id).toBeGreaterThanOrEqual(7_000);
      expect(rule.id).toBeLessThan(7_100);
    }
  });
});

describe('takeoverUrl on rules as each browser reads them back', () => {
  /** Firefox's getDynamicRules fills every condition field a rule was not given with null; Chrome leaves it out. */
  const CONDITION_FIELDS = [
    'urlFilter',
    'regexFilter',
    'initiatorDomains',
    'excludedInitiatorDomains',
    'requestDomains',
    'excludedRequestDomains',
    'requestMethods',
    'excludedRequestMethods',
    'domainType',
    'tabIds',
    'excludedTabIds',
  ];
  const asFirefoxReturnsThem = (list: typeof rules) =>
    list.map((r) => ({
      ...r,
      condition: { ...Object.fromEntries(CONDITION_FIELDS.map((k) => [k, null])), ...r.condition },
    })) as unknown as typeof rules;
  const firefoxRules = asFirefoxReturnsThem(rules);

  it.each([
    ['https://x.com/intent/post?text=hi', undefined, `${COMPOSE}?text=hi`],
    ['https://x.com/intent/tweet?text=hi', 'https://news.example.org', `${COMPOSE}?text=hi`],
    ['https://x.com/jack', undefined, `${FALLBACK}?url=https://x.com/jack`],
    ['https://x.com/settings/account', undefined, null],
  ])('%s (initiator %s) lands on %s in Firefox as in Chrome', (url, initiator, landing) => {
    const request = { url, type: 'main_frame', method: 'GET', initiator };
    const pages = { composeUrl: COMPOSE, fallbackPage: FALLBACK };
    expect(takeoverUrl(firefoxRules, request, pages)).toBe(landing);
    expect(takeoverUrl(rules, request, pages)).toBe(landing);
  });
});
