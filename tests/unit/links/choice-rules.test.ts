/**
 * The rules Sortie installs in each state of the welcome question: before
 * the person answers, after "I'm leaving X", after "I still use X". Run
 * through the DNR model on the navigations that tell them apart.
 */
import { describe, expect, it } from 'vitest';
import { compileLinkRules } from '../../../lib/links/background/dnr-rules';
import type { Mirror } from '../../../lib/links/mirrors';
import { takeoverUrl } from '../../../lib/links/takeover';
import { choicePatch, DEFAULT_SETTINGS, mergeSettings, type Settings, type XChoice } from '../../../lib/settings';
import { evaluate, type Request } from './dnr-eval';

const COMPOSE = 'chrome-extension://abcdefgh/compose.html';
const FALLBACK = 'chrome-extension://abcdefgh/fallback.html';
const mirror: Mirror = {
  id: 'nitter.example',
  name: 'Nitter',
  origin: 'https://nitter.example',
  scheme: 'nitter',
  builtIn: false,
  addedByUser: true,
  pinned: false,
};

const inState = (choice: XChoice, shareTakeover?: boolean): Settings =>
  mergeSettings(DEFAULT_SETTINGS, choicePatch(choice, shareTakeover));

/** Where a navigation ends: the redirect's target, the page the background opens for a blocked one, or null (it stays). */
function lands(settings: Settings, url: string, request: Omit<Request, 'url'> = {}): string | null {
  const rules = compileLinkRules(settings, COMPOSE, { kind: 'mirror', mirror }, 1_000);
  const outcome = evaluate(rules, { url, ...request });
  if (outcome.action === 'redirect') return outcome.url;
  if (outcome.action === 'block') {
    return takeoverUrl(
      rules,
      { url, type: request.type ?? 'main_frame', method: 'get', initiator: request.initiator },
      { composeUrl: COMPOSE, fallbackPage: FALLBACK },
    );
  }
  return null;
}

const blocksEmbedScript = (settings: Settings) =>
  evaluate(compileLinkRules(settings, COMPOSE, { kind: 'mirror', mirror }, 1_000), {
    url: 'https://platform.twitter.com/widgets.js',
    type: 'script',
    initiator: 'https://news.example.org',
  }).action === 'block';

const TYPED = {};
const FROM_X = { initiator: 'https://x.com' };
const FROM_A_SITE = { initiator: 'https://www.lemonde.fr' };
const SHARE = 'https://x.com/intent/tweet?text=Bonjour%20%F0%9F%91%8B';

describe('the rules in each state of the welcome question', () => {
  it('a fresh install is undecided', () => {
    expect(DEFAULT_SETTINGS.choice).toBe('undecided');
    expect(DEFAULT_SETTINGS.onboarded).toBe(false);
  });

  it.each([
    // state, typed x.com, clicked on X, link on another site, share intent, fixer link typed (ends on X itself when X is kept), embeds blocked
    ['undecided', null, null, 'https://nitter.example/jack', null, 'https://x.com/jack/status/20', false],
    ['staying', null, null, 'https://nitter.example/jack', null, 'https://x.com/jack/status/20', false],
    [
      'leaving',
      'https://nitter.example/jack',
      'https://nitter.example/jack',
      'https://nitter.example/jack',
      'compose',
      'https://nitter.example/jack/status/20',
      true,
    ],
  ] as const)('%s', (choice, typed, fromX, fromSite, share, fixerTyped, embeds) => {
    const settings = inState(choice);
    expect(lands(settings, 'https://x.com/jack', TYPED)).toBe(typed);
    expect(lands(settings, 'https://x.com/jack', FROM_X)).toBe(fromX);
    expect(lands(settings, 'https://x.com/jack', FROM_A_SITE)).toBe(fromSite);
    expect(lands(settings, 'https://twitter.com/jack', { initiator: 'https://blog.example.com' })).toBe(fromSite);
    const shared = lands(settings, SHARE, FROM_A_SITE);
    if (share === null) expect(shared).toBeNull();
    else expect(shared).toMatch(new RegExp(`^${COMPOSE}`));
    const fixer = lands(settings, 'https://fxtwitter.com/jack/status/20', TYPED)!;
    expect(lands(settings, fixer, TYPED) ?? fixer).toBe(fixerTyped);
    expect(blocksEmbedScript(settings)).toBe(embeds);
  });

  it('undecided: an X account page, a fixer link from a site and X images still behave', () => {
    const settings = inState('undecided');
    expect(lands(settings, 'https://x.com/i/flow/login', FROM_A_SITE)).toBeNull();
    expect(lands(settings, 'https://fxtwitter.com/jack/status/20', FROM_A_SITE)).toBe('https://x.com/jack/status/20');
  });

  it('"Share on X" follows its own switch in either answer', () => {
    expect(lands(inState('staying', true), SHARE, FROM_A_SITE)).toMatch(new RegExp(`^${COMPOSE}`));
    expect(lands(inState('leaving', false), SHARE, FROM_A_SITE)).toBeNull();
  });

  it('each answer marks the welcome as done; the overlay offer waits for an answer', () => {
    expect(inState('undecided').xOverlay).toBe(false);
    for (const choice of ['leaving', 'staying'] as const) {
      expect(inState(choice)).toMatchObject({ choice, onboarded: true, xOverlay: true });
    }
  });

  it('going back to undecided restores the state before the question', () => {
    const back = mergeSettings(inState('leaving'), choicePatch('undecided'));
    expect(lands(back, 'https://x.com/jack', TYPED)).toBeNull();
    expect(lands(back, SHARE, FROM_A_SITE)).toBeNull();
  });
});
