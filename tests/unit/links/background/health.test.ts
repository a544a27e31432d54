import { describe, expect, it } from 'vitest';
import { dueForRound, dueOnDemand, probeMirror, probeMirrors } from '../../../../lib/links/background/health';
import type { MirrorHealth } from '../../../../lib/links/health';
import type { Mirror } from '../../../../lib/links/mirrors';

const HOUR = 3_600_000;
const mirror: Mirror = {
  id: 'n.example',
  name: 'n',
  origin: 'https://n.example',
  scheme: 'nitter',
  builtIn: true,
  addedByUser: false,
  pinned: false,
};
const health = (state: MirrorHealth['state'], checkedAt: number, failures = 0): MirrorHealth => ({
  state,
  reason: null,
  latencyMs: 100,
  checkedAt,
  failures,
});

describe('when to check a mirror', () => {
  it('the hourly round checks a healthy mirror at most hourly and backs off dead ones up to a day', () => {
    expect(dueForRound(undefined, 0)).toBe(true);
    expect(dueForRound(health('up', 0), HOUR / 2)).toBe(false);
    expect(dueForRound(health('up', 0), HOUR)).toBe(true);
    expect(dueForRound(health('down', 0, 3), 3 * HOUR)).toBe(false);
    expect(dueForRound(health('down', 0, 3), 4 * HOUR)).toBe(true);
    expect(dueForRound(health('down', 0, 30), 24 * HOUR)).toBe(true);
  });

  it('a failure elsewhere re-checks a mirror not checked in the last five minutes', () => {
    expect(dueOnDemand(undefined, 0)).toBe(true);
    expect(dueOnDemand(health('down', 0), 60_000)).toBe(false);
    expect(dueOnDemand(health('up', 0), 5 * 60_000)).toBe(true);
  });
});

describe('probeMirror', () => {
  const clock = (() => {
    let t = 0;
    return () => (t += 50);
  })();

  it('fetches the profile page without cookies and reads it with classifyProbe', async () => {
    let seen: [string, RequestInit] | null = null;
    const { verdict } = await probeMirror(
      mirror,
      async (url, init) => {
        seen = [url, init];
        return new Response('<div class="timeline-item">x</div>', { status: 200 });
      },
      clock,
    );
    expect(verdict.state).toBe('up');
    expect(seen![0]).toBe('https://n.example/jack');
    expect(seen![1]).toMatchObject({ credentials: 'omit', cache: 'no-store' });
  });

  it('counts a refused connection, a timeout and a rate limit as down', async () => {
    const refused = await probeMirror(mirror, async () => Promise.reject(new TypeError('Failed to fetch')), clock);
    expect(refused.verdict).toMatchObject({ state: 'down', reason: 'http-error' });
    const timeout = await probeMirror(mirror, async () => Promise.reject(new DOMException('t', 'TimeoutError')), clock);
    expect(timeout.verdict).toMatchObject({ state: 'down', reason: 'slow' });
    const limited = await probeMirror(mirror, async () => new Response('Too many requests', { status: 429 }), clock);
    expect(limited.verdict).toMatchObject({ state: 'down', reason: 'rate-limited' });
  });

  it('folds verdicts into the health map', async () => {
    const next = await probeMirrors(
      [mirror],
      {},
      async () => new Response('<div class="timeline-item">x</div>'),
      clock,
    );
    expect(next[mirror.id]).toMatchObject({ state: 'up', failures: 0 });
  });
});
