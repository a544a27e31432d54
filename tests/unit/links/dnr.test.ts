import { describe, expect, it } from 'vitest';
import { compileRedirectRules, normalizeException, type LinkRuleSettings } from '../../../lib/links/dnr';
import { LINK_RULE_ID_MAX, LINK_RULE_ID_MIN, ruleIdsFor, type DnrRule } from '../../../lib/links/dnr-rule';
import type { Mirror } from '../../../lib/links/mirrors';
import { RE2_PROGRAM_LIMIT, estimateRe2Program } from '../../../lib/links/re2-cost';
import { takeoverUrl } from '../../../lib/links/takeover';
import { evaluate, sameTarget, type Request } from './dnr-eval';
import { ROWS } from './url-table';

const COMPOSE = 'chrome-extension://abcdefgh/compose.html';
const FALLBACK = 'chrome-extension://abcdefgh/fallback.html';
const NEWS = 'https://news.example.org';

const nitter: Mirror = {
  id: 'nitter.example',
  name: 'Nitter',
  origin: 'https://nitter.example',
  scheme: 'nitter',
  builtIn: false,
  addedByUser: true,
  pinned: false,
};

const base: LinkRuleSettings = {
  enabled: true,
  subFrames: true,
  keepXUsable: false,
  exceptions: [],
  pausedUntil: null,
  now: 1_000,
  shareTakeover: true,
  composeUrl: COMPOSE,
};

const settings = (over: Partial<LinkRuleSettings> = {}): LinkRuleSettings => ({ ...base, ...over });
const go = (rules: DnrRule[], url: string, more: Omit<Request, 'url'> = { initiator: NEWS }) =>
  evaluate(rules, { url: new URL(url).href, ...more });
/** Where the request ends: a redirect's target, or the page the background opens for a navigation Sortie blocked. */
const target = (rules: DnrRule[], url: string, more?: Omit<Request, 'url'>, composeUrl = COMPOSE): string | null => {
  const outcome = go(rules, url, more);
  if (outcome.action === 'block') {
    return takeoverUrl(
      rules,
      { url, type: more?.type ?? 'main_frame', method: more?.method ?? 'get', initiator: more?.initiator },
      { composeUrl, fallbackPage: FALLBACK },
    );
  }
  return outcome.action === 'redirect' ? outcome.url : null;
};
/**
 * Where a navigation ends: Chrome applies the rules again to a redirect the
 * rules made (an embed fixer is sent to x.com, then to the mirror), with the
 * same initiator.
 */
const follow = (rules: DnrRule[], url: string, more: Omit<Request, 'url'> = { initiator: NEWS }) => {
  let outcome = go(rules, url, more);
  for (let hops = 0; outcome.action === 'redirect' && hops < 5; hops++) {
    const next = go(rules, outcome.url, more);
    if (next.action !== 'redirect') return next.action === 'none' ? outcome : next;
    outcome = next;
  }
  return outcome;
};

/** Hosts the rules cover: X's app hosts, t.co, embed frames, images on X's CDN and the main embed fixers. */
const DNR_HOSTS =
  /^https?:\/\/((www|mobile)\.)?(x|twitter)\.com\/|^https?:\/\/t\.co\/|^https?:\/\/platform\.twitter\.com\/|^https?:\/\/pbs\.twimg\.com\/|^https?:\/\/((d|www)\.)?(fxtwitter|vxtwitter|fixupx|fixvx)\.com\//i;
/**
 * Table rows where the network rules knowingly differ from the parser: a
 * trailing-dot host and doubled slashes are rare enough not to spend regex
 * budget on, and a hash-bang path never reaches the network.
 */
const DIVERGENT = new Set([
  'https://x.com./jack',
  'https://x.com//jack//',
  'https://twitter.com/#!/jack',
  'https://twitter.com/#!/jack/status/20',
]);

describe('compileRedirectRules: every redirect lands where rewriteToMirror says', () => {
  const rules = compileRedirectRules(settings(), nitter);
  const covered = ROWS.filter(([url]) => DNR_HOSTS.test(url) && !DIVERGENT.has(url));

  it('covers most of the URL table', () => {
    expect(covered.length).toBeGreaterThan(70);
  });

  it.each(covered)('%s', (url, link, expected) => {
    const outcome = follow(rules, url);
    if (expected === null) {
      // Not for the mirror: left alone, allowed, or (composing intents) taken to the composer.
      if (outcome.action === 'redirect') {
        expect(link.kind).toBe('intent');
        expect(outcome.url.startsWith(`${COMPOSE}?`)).toBe(true);
      }
    } else {
      expect(outcome.action).toBe('redirect');
      if (outcome.action === 'redirect')
        expect(sameTarget(outcome.url, expected), `${outcome.url} vs ${expected}`).toBe(true);
    }
  });

  it('documents its divergences for real: those rows are not redirected like the parser says', () => {
    expect(target(rules, 'https://x.com//jack//')).toBeNull();
    expect(target(rules, 'https://x.com./jack')).toBeNull();
  });
});

describe('embed fixers go through the X rules, never to the fixer', () => {
  it.each([
    [
      'an account page stays an account page (on X, as a fixer would send it)',
      settings(),
      'https://fxtwitter.com/login',
      'allow',
    ],
    [
      'an exception is honoured',
      settings({ exceptions: ['/jack/status/'] }),
      'https://fixupx.com/jack/status/20',
      'allow',
    ],
    [
      'paused: the fixer is left alone',
      settings({ pausedUntil: 5_000 }),
      'https://fxtwitter.com/jack/status/20',
      'none',
    ],
  ] as const)('%s', (_, s, url, action) => {
    expect(follow(compileRedirectRules(s, nitter), url).action).toBe(action);
  });

  it('"I still use X": a fixer typed by the user goes to X itself, one clicked elsewhere to the mirror', () => {
    const rules = compileRedirectRules(settings({ keepXUsable: true }), nitter);
    const typed = follow(rules, 'https://fxtwitter.com/jack/status/20', {});
    expect(typed).toMatchObject({ action: 'redirect', url: 'https://x.com/jack/status/20' });
    expect(target(rules, 'https://fxtwitter.com/jack/status/20')).toBe('https://x.com/jack/status/20');
    const clicked = follow(rules, 'https://fxtwitter.com/jack/status/20');
    expect(clicked.action === 'redirect' && clicked.url).toBe('https://nitter.example/jack/status/20');
  });

  it('other hosts that merely end like a fixer are not matched', () => {
    const rules = compileRedirectRules(settings(), nitter);
    expect(go(rules, 'https://notfxtwitter.com/jack').action).toBe('none');
    expect(go(rules, 'https://fxtwitter.com.evil.example/jack').action).toBe('none');
    expect(go(rules, 'https://pbs.twimg.com.evil.example/media/a.jpg').action).toBe('none');
  });
});

describe('compileRedirectRules: what is never redirected', () => {
  const rules = compileRedirectRules(
    settings({ exceptions: ['/i/bookmarks', '/jack/status/', 'https://x.com/elonmusk', '/Café'] }),
    nitter,
  );

  it.each([
    'https://x.com/login',
    'https://twitter.com/logout',
    'https://x.com/i/flow/login?redirect_after_login=%2Fjack',
    'https://x.com/i/flow/signup',
    'https://x.com/i/oauth2/authorize?client_id=a&redirect_uri=b',
    'https://api.twitter.com/oauth/authorize?oauth_token=a',
    'https://x.com/oauth/authorize?oauth_token=a',
    'https://x.com/settings',
    'https://x.com/settings/your_twitter_data/data',
    'https://x.com/account/access',
    'https://mobile.twitter.com/account/begin_password_reset',
    'https://x.com/messages',
    'https://x.com/notifications',
    'https://x.com/compose/post',
    'https://x.com/i/bookmarks',
    'https://x.com/i/verified-choose',
    'https://x.com/explore/tabs/trending',
    'https://x.com/tos',
    'https://x.com/i/topics/123',
    'https://x.com/i',
    'https://x.com/intent/tweet/complete',
    // the user's exceptions
    'https://x.com/jack/status/20',
    'https://twitter.com/jack/status/20/photo/1',
    'https://mobile.x.com/elonmusk',
    'https://x.com/ElonMusk/with_replies',
    'https://x.com/caf%C3%A9',
  ])('%s', (url) => {
    expect(go(rules, url).action).not.toBe('redirect');
  });

  it('an exception is a prefix up to a boundary, not any longer name', () => {
    expect(target(rules, 'https://x.com/elonmusk2')).toBe('https://nitter.example/elonmusk2');
    expect(target(rules, 'https://x.com/jack')).toBe('https://nitter.example/jack');
  });

  it('never matches a mirror URL, so a redirect cannot loop', () => {
    const mirrorUrls = ROWS.map(([, , mirrorUrl]) => mirrorUrl).filter((u): u is string => u !== null);
    expect(mirrorUrls.length).toBeGreaterThan(50);
    for (const url of mirrorUrls) {
      for (const rule of rules) {
        if (rule.action.type === 'redirect')
          expect(new RegExp(rule.condition.regexFilter ?? '^$', 'i').test(url)).toBe(false);
      }
      expect(go(rules, url).action).toBe('none');
    }
  });

  it('leaves non-X sites that mention X in their URL alone', () => {
    for (const url of [
      'https://example.com/x.com/jack',
      'https://notx.com/jack',
      'https://news.example/?u=https://x.com/jack',
    ]) {
      expect(go(rules, url).action).toBe('none');
    }
  });

  it('gives a mirror on an X host no mirror rules at all', () => {
    const loop = compileRedirectRules(settings(), { ...nitter, origin: 'https://x.com' });
    expect(loop.every((r) => r.action.type === 'allow' || r.condition.regexFilter?.includes('intent'))).toBe(true);
    expect(target(loop, 'https://x.com/jack')).toBeNull();
  });

  it('redirects POST navigations nowhere', () => {
    expect(
      go(compileRedirectRules(settings(), nitter), 'https://x.com/jack', { initiator: NEWS, method: 'post' }).action,
    ).toBe('none');
  });
});

describe('compileRedirectRules: share takeover', () => {
  it.each([
    [
      'https://twitter.com/intent/tweet?text=Hi%20there&url=https%3A%2F%2Fa.example%2F&hashtags=a,b&via=jack',
      `${COMPOSE}?text=Hi%20there&url=https%3A%2F%2Fa.example%2F&hashtags=a,b&via=jack`,
    ],
    ['https://x.com/intent/post?text=Hi', `${COMPOSE}?text=Hi`],
    ['https://twitter.com/share?url=https%3A%2F%2Fa.example', `${COMPOSE}?url=https%3A%2F%2Fa.example`],
    ['https://www.twitter.com/intent/tweet', COMPOSE],
  ])('%s', (url, expected) => {
    expect(target(compileRedirectRules(settings(), nitter), url)).toBe(expected);
    // Even typed or opened from X itself, and while the mirror rules are paused or off.
    expect(target(compileRedirectRules(settings({ keepXUsable: true }), nitter), url, {})).toBe(expected);
    expect(target(compileRedirectRules(settings({ pausedUntil: 5_000 }), nitter), url)).toBe(expected);
    expect(target(compileRedirectRules(settings({ enabled: false }), nitter), url)).toBe(expected);
  });

  it('keeps the composer URL own query', () => {
    const rules = compileRedirectRules(settings({ composeUrl: `${COMPOSE}?from=share` }), nitter);
    expect(target(rules, 'https://x.com/intent/tweet?text=a', undefined, `${COMPOSE}?from=share`)).toBe(
      `${COMPOSE}?from=share&text=a`,
    );
  });

  it.each(['', 'https://evil.example/compose', 'compose.html', 'chrome-extension://id/a\\b'])(
    'is absent for a composer outside the extension: %j',
    (composeUrl) => {
      const rules = compileRedirectRules(settings({ composeUrl }), nitter);
      expect(target(rules, 'https://x.com/intent/tweet?text=a')).toBeNull();
    },
  );

  it('accepts Firefox extension pages', () => {
    const rules = compileRedirectRules(settings({ composeUrl: 'moz-extension://4b1f-99/compose.html' }), nitter);
    expect(target(rules, 'https://x.com/intent/tweet?text=a', undefined, 'moz-extension://4b1f-99/compose.html')).toBe(
      'moz-extension://4b1f-99/compose.html?text=a',
    );
  });

  it('is absent when shareTakeover is off', () => {
    const rules = compileRedirectRules(settings({ shareTakeover: false }), nitter);
    expect(target(rules, 'https://twitter.com/intent/tweet?text=a')).toBeNull();
    expect(compileRedirectRules(settings({ shareTakeover: false, enabled: false }), nitter)).toEqual([]);
  });
});

describe('compileRedirectRules: settings', () => {
  it('paused: only the share rules until pausedUntil, everything again after', () => {
    const paused = compileRedirectRules(settings({ pausedUntil: 5_000, now: 4_999 }), nitter);
    expect(paused.map((r) => r.condition.regexFilter?.includes('intent/(?:tweet|post)'))).toEqual([true]);
    expect(
      target(compileRedirectRules(settings({ pausedUntil: 5_000, now: 5_000 }), nitter), 'https://x.com/jack'),
    ).toBe('https://nitter.example/jack');
  });

  it('keepXUsable: typed navigations and X itself stay on X; links from other sites go to the mirror', () => {
    const rules = compileRedirectRules(settings({ keepXUsable: true }), nitter);
    expect(target(rules, 'https://x.com/jack', {})).toBeNull();
    expect(target(rules, 'https://x.com/jack', { initiator: 'https://x.com' })).toBeNull();
    expect(target(rules, 'https://x.com/jack', { initiator: 'https://mobile.twitter.com' })).toBeNull();
    expect(target(rules, 'https://x.com/jack', { initiator: NEWS })).toBe('https://nitter.example/jack');
    expect(target(rules, 'https://x.com/jack', { initiator: 'https://www.lemonde.fr' })).toBe(
      'https://nitter.example/jack',
    );
    expect(target(rules, 'https://x.com/jack', { initiator: 'https://blog.example.technology' })).toBeNull();
  });

  it('without keepXUsable even typed navigations go to the mirror', () => {
    expect(target(compileRedirectRules(settings(), nitter), 'https://x.com/jack', {})).toBe(
      'https://nitter.example/jack',
    );
  });

  it("a click on the mirror's own 'open on X' link is honoured", () => {
    for (const keepXUsable of [true, false]) {
      const rules = compileRedirectRules(settings({ keepXUsable }), nitter);
      expect(target(rules, 'https://x.com/jack/status/20', { initiator: 'https://nitter.example' })).toBeNull();
    }
  });

  it('frames: embedded tweets go to the mirror embed only when subFrames is on', () => {
    const embed = 'https://platform.twitter.com/embed/Tweet.html?dnt=false&id=20&lang=en';
    expect(target(compileRedirectRules(settings(), nitter), embed, { initiator: NEWS, type: 'sub_frame' })).toBe(
      'https://nitter.example/i/status/20/embed',
    );
    expect(target(compileRedirectRules(settings(), nitter), embed)).toBe('https://nitter.example/i/status/20');
    const off = compileRedirectRules(settings({ subFrames: false }), nitter);
    expect(target(off, embed, { initiator: NEWS, type: 'sub_frame' })).toBeNull();
    expect(target(off, 'https://x.com/jack', { initiator: NEWS, type: 'sub_frame' })).toBeNull();
  });

  it('template mirrors get rules only for the kinds they describe', () => {
    const mirror: Mirror = {
      ...nitter,
      scheme: 'template',
      origin: 'https://mirror.example:8443',
      templates: { profile: '/u/{user}', status: '/{user}/post/{id}', search: '/find?query={q}' },
    };
    const rules = compileRedirectRules(settings(), mirror);
    expect(target(rules, 'https://x.com/jack?s=1')).toBe('https://mirror.example:8443/u/jack');
    expect(target(rules, 'https://x.com/jack/status/20?s=1')).toBe('https://mirror.example:8443/jack/post/20');
    expect(target(rules, 'https://x.com/i/web/status/20')).toBe('https://mirror.example:8443/i/post/20');
    expect(target(rules, 'https://x.com/search?q=a%20b&f=live')).toBe('https://mirror.example:8443/find?query=a%20b');
    expect(target(rules, 'https://x.com/hashtag/a')).toBeNull();
    expect(target(rules, 'https://x.com/i/lists/1')).toBeNull();
    expect(target(rules, 'https://t.co/abc')).toBeNull();
    const broken = compileRedirectRules(settings(), { ...mirror, templates: { profile: 'no-slash' } });
    expect(target(broken, 'https://x.com/jack')).toBeNull();
  });
});

describe('compiled rules are valid for Chrome', () => {
  const all = [
    ...compileRedirectRules(settings({ exceptions: ['/a', '/b/'] }), nitter),
    ...compileRedirectRules(settings({ keepXUsable: true }), nitter),
  ];

  it('every regexFilter fits RE2 and its 2 KB budget', () => {
    for (const rule of all) {
      const regex = rule.condition.regexFilter;
      if (regex === undefined) continue;
      expect(regex).not.toMatch(/\(\?[=!<]|\\[1-9]/); // no lookaround, no backreference
      expect(() => new RegExp(regex)).not.toThrow();
      const capturing = rule.action.type === 'redirect';
      expect(estimateRe2Program(regex, capturing), regex).toBeLessThanOrEqual(RE2_PROGRAM_LIMIT - 16);
    }
  });

  it('substitutions only name groups that exist', () => {
    for (const rule of all) {
      if (rule.action.type !== 'redirect') continue;
      const groups = new RegExp(`${rule.condition.regexFilter ?? ''}|`).exec('')?.length ?? 1;
      const refs = [...rule.action.redirect.regexSubstitution.matchAll(/\\(\d)/g)].map((m) => Number(m[1]));
      for (const ref of refs) expect(ref).toBeLessThan(groups);
    }
  });

  it('ids are unique, in the link block, and every rule is case-insensitive', () => {
    for (const rules of [compileRedirectRules(settings({ exceptions: ['/a', '/b/', '/c'] }), nitter)]) {
      const ids = rules.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const rule of rules) {
        expect(rule.id).toBeGreaterThanOrEqual(LINK_RULE_ID_MIN);
        expect(rule.id).toBeLessThanOrEqual(LINK_RULE_ID_MAX);
        expect(rule.condition.isUrlFilterCaseSensitive).toBe(false);
      }
      expect(rules.filter((r) => r.condition.regexFilter !== undefined).length).toBeLessThan(100);
    }
  });

  it('ids are stable: the same kind of rule keeps its id across settings', () => {
    const idOf = (rules: DnrRule[], url: string): number | null => {
      const outcome = go(rules, url);
      return outcome.action === 'none' ? null : outcome.ruleId;
    };
    const a = compileRedirectRules(settings(), nitter);
    const b = compileRedirectRules(settings({ keepXUsable: true, exceptions: ['/x'] }), {
      ...nitter,
      origin: 'https://other.example',
    });
    for (const url of [
      'https://x.com/jack',
      'https://x.com/jack/status/1',
      'https://x.com/login',
      'https://x.com/intent/tweet',
    ]) {
      expect(idOf(a, url)).toBe(idOf(b, url));
    }
  });
});

describe('rule ids for atomic updates', () => {
  it('ruleIdsFor keeps only the link block', () => {
    expect(ruleIdsFor([{ id: 1 }, { id: 7_000 }, { id: 7_999 }, { id: 8_000 }, { id: 7_123 }])).toEqual([
      7_000, 7_999, 7_123,
    ]);
  });
});

describe('normalizeException', () => {
  it.each([
    ['/i/bookmarks', '/i/bookmarks'],
    ['  /Jack/status/  ', '/jack/status/'],
    ['/jack*', '/jack'],
    ['https://x.com/i/lists/12?s=1', '/i/lists/12'],
    ['/été', '/%c3%a9t%c3%a9'],
    ['/caf%C3%A9', '/caf%c3%a9'],
    ['i/bookmarks', null],
    ['/', null],
    ['/a b', null],
    ['/a|b', null],
    ['https://example.com/jack', null],
    ['/%E0%A4%A', null],
  ])('%s -> %s', (raw, expected) => {
    expect(normalizeException(raw)).toBe(expected);
  });
});
