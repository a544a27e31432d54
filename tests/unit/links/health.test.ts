import { describe, expect, it } from 'vitest';
import {
  chooseMirror,
  classifyProbe,
  nextMirrorAfterFailure,
  probeUrl,
  recordProbe,
  type HealthMap,
  type MirrorHealth,
  type ProbeReason,
  type ProbeResponse,
} from '../../../lib/links/health';
import { BUILT_IN_MIRRORS, type Mirror } from '../../../lib/links/mirrors';

const TIMELINE =
  '<div class="timeline"><div class="timeline-item " data-username="jack"><div class="tweet-body">' +
  'Rate limits are fine here, just a moment of thought.</div></div></div>';
const page = (body: string): string =>
  `<!DOCTYPE html><html><head><title>Nitter</title></head><body>${body}</body></html>`;
const panel = (text: string): string => page(`<div class="error-panel"><span>${text}</span></div>`);

const respond = (over: Partial<ProbeResponse>): ProbeResponse => ({
  status: 200,
  body: page(TIMELINE),
  headers: {},
  elapsedMs: 400,
  ...over,
});

describe('classifyProbe', () => {
  it.each<[string, Partial<ProbeResponse>, 'up' | 'down', ProbeReason]>([
    ['a timeline', {}, 'up', 'ok'],
    ['a timeline whose posts mention rate limits and moments', { body: page(TIMELINE) }, 'up', 'ok'],
    ['HTTP 429', { status: 429, body: '' }, 'down', 'rate-limited'],
    [
      'Nitter rate-limit page',
      { status: 429, body: panel('Instance has been rate limited.<br>Use <a href="x">another instance</a>') },
      'down',
      'rate-limited',
    ],
    ['rate-limit page served as 200', { body: panel('Instance has been rate limited.') }, 'down', 'rate-limited'],
    [
      'no sessions',
      { status: 429, body: panel('Instance has no auth tokens, or is fully rate limited.') },
      'down',
      'no-sessions',
    ],
    [
      'Cloudflare challenge header',
      { status: 403, headers: { 'CF-Mitigated': 'challenge' }, body: page('') },
      'down',
      'bot-challenge',
    ],
    [
      'Cloudflare "Just a moment..."',
      { status: 503, body: '<html><head><title>Just a moment...</title></head><body>cf-chl-opt</body></html>' },
      'down',
      'bot-challenge',
    ],
    [
      'Anubis',
      {
        body: '<html><head><title>Making sure you&#39;re not a bot!</title></head><body><script src="/.within.website/x/cmd/anubis/static/js/main.mjs"></script></body></html>',
      },
      'down',
      'bot-challenge',
    ],
    [
      'Anubis with a plain apostrophe',
      { body: page("<h1>Making sure you're not a bot!</h1>") },
      'down',
      'bot-challenge',
    ],
    ['DDoS-Guard', { status: 403, body: page('DDoS-Guard checking your browser') }, 'down', 'bot-challenge'],
    ['user not found', { status: 404, body: panel('User "jack" not found') }, 'down', 'http-error'],
    ['error page served as 200', { body: panel('Tweet not found') }, 'down', 'error-page'],
    ['bad gateway', { status: 502, body: '<html>502 Bad Gateway</html>' }, 'down', 'http-error'],
    [
      'empty timeline',
      { body: page('<div class="timeline"><div class="timeline-footer">No items found</div></div>') },
      'down',
      'empty-timeline',
    ],
    ['a parked domain', { body: page('This domain is for sale') }, 'down', 'unexpected-page'],
    ['too slow', { elapsedMs: 9_000 }, 'down', 'slow'],
  ])('%s', (_, over, state, reason) => {
    expect(classifyProbe(respond(over))).toMatchObject({ state, reason });
  });

  it('reports the page message as detail', () => {
    expect(classifyProbe(respond({ body: panel('Tweet not found') })).detail).toBe('Tweet not found');
  });

  it('takes a custom marker and slowness threshold', () => {
    expect(classifyProbe(respond({ body: '<article class="post">' }), { marker: 'class="post"' }).state).toBe('up');
    expect(classifyProbe(respond({ elapsedMs: 3_000 }), { slowMs: 2_000 }).reason).toBe('slow');
  });
});

describe('probeUrl', () => {
  it('is the profile page of a well-known account, configurable', () => {
    expect(probeUrl({ origin: 'https://nitter.net', scheme: 'nitter' })).toBe('https://nitter.net/jack');
    expect(probeUrl({ origin: 'https://nitter.net', scheme: 'nitter' }, 'nasa')).toBe('https://nitter.net/nasa');
    expect(probeUrl({ origin: 'https://m.example', scheme: 'template', templates: { profile: '/u/{user}' } })).toBe(
      'https://m.example/u/jack',
    );
    expect(probeUrl({ origin: 'https://m.example', scheme: 'template', templates: {} })).toBeNull();
  });
});

const mirror = (id: string): Mirror => ({
  id,
  name: id,
  origin: `https://${id}`,
  scheme: 'nitter',
  builtIn: true,
  addedByUser: false,
  pinned: false,
});
const [A, B, C] = [mirror('a.example'), mirror('b.example'), mirror('c.example')] as const;
const MIRRORS = [A, B, C];
const up = (latencyMs: number | null): MirrorHealth => ({
  state: 'up',
  reason: 'ok',
  latencyMs,
  checkedAt: 0,
  failures: 0,
});
const downHealth: MirrorHealth = { state: 'down', reason: 'rate-limited', latencyMs: 300, checkedAt: 0, failures: 2 };

describe('chooseMirror', () => {
  const health: HealthMap = { 'a.example': up(100), 'b.example': up(300), 'c.example': downHealth };

  it('keeps the pinned mirror while it is healthy, whatever the draw', () => {
    for (const r of [0, 0.5, 0.99]) expect(chooseMirror(MIRRORS, health, 'b.example', () => r)).toBe(B);
  });

  it('leaves a pinned mirror that is down for a healthy one', () => {
    expect(chooseMirror(MIRRORS, health, 'c.example', () => 0.99)).toBe(B);
  });

  it.each([
    // weights 1/100 and 1/300: a gets 3/4 of the draws
    [0, A],
    [0.74, A],
    [0.76, B],
    [0.999, B],
    [1, B],
  ])('draw %d picks by latency weight', (r, expected) => {
    expect(chooseMirror(MIRRORS, health, null, () => r)).toBe(expected);
  });

  it('spreads draws in proportion to speed', () => {
    const picks = { a: 0, b: 0 };
    for (let i = 0; i < 1000; i += 1) {
      const chosen = chooseMirror(MIRRORS, health, null, () => i / 1000);
      if (chosen === A) picks.a += 1;
      else if (chosen === B) picks.b += 1;
    }
    expect(picks).toEqual({ a: 750, b: 250 });
  });

  it('returns null when nothing is up (unknown does not count)', () => {
    const unknown: MirrorHealth = { state: 'unknown', reason: null, latencyMs: null, checkedAt: 0, failures: 0 };
    expect(chooseMirror(MIRRORS, { 'a.example': downHealth, 'b.example': unknown }, 'a.example', () => 0.3)).toBeNull();
    expect(chooseMirror([], {}, null, () => 0.3)).toBeNull();
  });

  it('works with the built-in list', () => {
    const first = BUILT_IN_MIRRORS[0] as Mirror;
    expect(chooseMirror(BUILT_IN_MIRRORS, { [first.id]: up(null) }, null, () => 0.5)).toBe(first);
  });
});

describe('recordProbe and nextMirrorAfterFailure', () => {
  it('smooths latency, counts consecutive failures, resets them on success', () => {
    let health: HealthMap = {};
    health = recordProbe(health, 'a.example', { state: 'up', reason: 'ok', detail: '' }, 1_000, 10);
    expect(health['a.example']).toEqual({ state: 'up', reason: 'ok', latencyMs: 1_000, checkedAt: 10, failures: 0 });
    health = recordProbe(health, 'a.example', { state: 'up', reason: 'ok', detail: '' }, 0, 20);
    expect(health['a.example']?.latencyMs).toBe(700);
    health = recordProbe(health, 'a.example', { state: 'down', reason: 'slow', detail: '' }, 9_000, 30);
    health = recordProbe(health, 'a.example', { state: 'down', reason: 'rate-limited', detail: '' }, 50, 40);
    expect(health['a.example']).toMatchObject({ state: 'down', reason: 'rate-limited', latencyMs: 700, failures: 2 });
    health = recordProbe(health, 'a.example', { state: 'up', reason: 'ok', detail: '' }, 700, 50);
    expect(health['a.example']?.failures).toBe(0);
  });

  it('marks the failed mirror down and never picks it, even pinned', () => {
    const health: HealthMap = { 'a.example': up(100), 'b.example': up(300), 'c.example': up(200) };
    const next = nextMirrorAfterFailure(MIRRORS, health, 'a.example', 'a.example', () => 0, 99);
    expect(next.mirror).toBe(B);
    expect(next.health['a.example']).toMatchObject({
      state: 'down',
      reason: 'navigation-failed',
      checkedAt: 99,
      failures: 1,
    });
    expect(next.health['b.example']).toBe(health['b.example']);
  });

  it('records the given verdict and returns null when nothing is left', () => {
    const next = nextMirrorAfterFailure([A], { 'a.example': up(100) }, 'a.example', null, () => 0, 5, {
      state: 'down',
      reason: 'bot-challenge',
      detail: 'anubis',
    });
    expect(next).toMatchObject({ mirror: null, health: { 'a.example': { reason: 'bot-challenge' } } });
  });
});
