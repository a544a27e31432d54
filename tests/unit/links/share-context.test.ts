/**
 * The composer opened for a blocked "Share on X" intent learns the intent's own address (to offer "post on X
 * anyway", once), and the intent's query cannot put another address in its place.
 */
import { describe, expect, it } from 'vitest';
import { compileRedirectRules, type LinkRuleSettings } from '../../../lib/links/dnr.ts';
import type { Mirror } from '../../../lib/links/mirrors.ts';
import { composeUrlForShare, SHARED_FROM_X_PARAM, takeoverUrl } from '../../../lib/links/takeover.ts';

const COMPOSE = 'chrome-extension://abcdefgh/compose.html';
const FALLBACK = 'chrome-extension://abcdefgh/fallback.html';

const NITTER: Mirror = {
  id: 'nitter.example',
  name: 'Nitter',
  origin: 'https://nitter.example',
  scheme: 'nitter',
  builtIn: false,
  addedByUser: true,
  pinned: false,
};
const SETTINGS: LinkRuleSettings = {
  enabled: true,
  subFrames: true,
  keepXUsable: false,
  exceptions: [],
  pausedUntil: null,
  now: 1_000,
  shareTakeover: true,
  composeUrl: COMPOSE,
};
const rules = () => compileRedirectRules(SETTINGS, NITTER);

function opened(intent: string): URLSearchParams | null {
  const url = takeoverUrl(
    rules(),
    { url: intent, type: 'main_frame', method: 'get', initiator: 'https://news.example.org' },
    { composeUrl: composeUrlForShare(COMPOSE, intent), fallbackPage: FALLBACK },
  );
  return url === null ? null : new URL(url).searchParams;
}

describe('the share intent reaches the composer with its own address', () => {
  it.each([
    ['https://x.com/intent/tweet?text=Bonjour%20%F0%9F%8C%B1&url=https%3A%2F%2Fa.example%2F', 'Bonjour 🌱'],
    ['https://twitter.com/intent/post?text=%D9%85%D8%B1%D8%AD%D8%A8%D8%A7', 'مرحبا'],
    ['https://twitter.com/share', null],
    // A page that adds our parameter to its intent cannot choose the address the composer offers.
    [`https://x.com/intent/tweet?${SHARED_FROM_X_PARAM}=https%3A%2F%2Fx.com%2Fevil&text=hi`, 'hi'],
  ])('%s', (intent, text) => {
    const params = opened(intent);
    expect(params).not.toBeNull();
    expect(params!.get(SHARED_FROM_X_PARAM)).toBe(intent);
    expect(params!.get('text')).toBe(text);
  });

  it('keeps a composer address that has its own query', () => {
    expect(composeUrlForShare(`${COMPOSE}?from=a`, 'https://x.com/share')).toBe(
      `${COMPOSE}?from=a&xshare=https%3A%2F%2Fx.com%2Fshare`,
    );
  });
});
