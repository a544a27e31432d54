import { describe, expect, it, vi } from 'vitest';
import { createAutoScroll, PATIENCE, type AutoScrollState } from '../../../lib/bridge/auto-scroll';
import { handleGuesses } from '../../../lib/bridge/match';
import { createPacer, DEFAULT_PACE } from '../../../lib/bridge/pace';
import type { BridgeEntry, Candidate } from '../../../lib/model/bridge';
import { confidenceCounts, resultRows, sureTargets } from '../../../lib/bridge/view';
import { PublishError } from '../../../lib/networks/types';

function clock() {
  let now = 1_000_000;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleeps,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

describe('pacer', () => {
  it('waits for the rate limit reset, for every call to that server, then goes on', async () => {
    const c = clock();
    const waits: Array<number | null> = [];
    const pacer = createPacer({ ...DEFAULT_PACE, now: c.now, sleep: c.sleep, onWait: (u) => waits.push(u) });
    let calls = 0;
    const signal = new AbortController().signal;
    const value = await pacer.run(async () => {
      calls++;
      if (calls === 1) throw new PublishError('rate-limit', 'error.rateLimited', '', c.now() + 30_000);
      return 'ok';
    }, signal);
    expect(value).toBe('ok');
    expect(c.sleeps).toEqual([30_000]);
    expect(waits).toEqual([1_030_000, null]);
  });

  it('backs off on transient failures, then gives up; permanent failures pass through at once', async () => {
    const c = clock();
    const pacer = createPacer({ ...DEFAULT_PACE, now: c.now, sleep: c.sleep });
    const signal = new AbortController().signal;
    const flaky = vi.fn(async () => {
      throw new PublishError('transient', 'error.network', 'reset');
    });
    await expect(pacer.run(flaky, signal)).rejects.toMatchObject({ kind: 'transient' });
    expect(flaky).toHaveBeenCalledTimes(DEFAULT_PACE.transientAttempts);
    expect(c.sleeps).toEqual([1_000, 2_000]);
    const auth = vi.fn(async () => {
      throw new PublishError('auth', 'error.mastodon.auth');
    });
    await expect(pacer.run(auth, signal)).rejects.toMatchObject({ kind: 'auth' });
    expect(auth).toHaveBeenCalledTimes(1);
  });

  it('keeps at most `concurrency` calls in flight', async () => {
    const c = clock();
    const pacer = createPacer({ ...DEFAULT_PACE, concurrency: 2, now: c.now, sleep: c.sleep });
    let inFlight = 0;
    let peak = 0;
    const signal = new AbortController().signal;
    await Promise.all(
      Array.from({ length: 6 }, () =>
        pacer.run(async () => {
          inFlight++;
          peak = Math.max(peak, inFlight);
          await new Promise((r) => setTimeout(r, 5));
          inFlight--;
        }, signal),
      ),
    );
    expect(peak).toBe(2);
  });

  it('stops waiting when the run is stopped', async () => {
    const pacer = createPacer({ ...DEFAULT_PACE, concurrency: 1, now: Date.now, sleep: async () => undefined });
    const controller = new AbortController();
    const first = pacer.run(() => new Promise((r) => setTimeout(r, 20)), controller.signal);
    const second = pacer.run(async () => 'never', controller.signal);
    controller.abort(new Error('stopped'));
    await expect(second).rejects.toThrow('stopped');
    // Not started yet either when the stop came (the slot is taken asynchronously).
    await expect(first).rejects.toThrow('stopped');
  });
});

describe('auto-scroll', () => {
  it('scrolls until the bottom stops giving new accounts, and can be stopped and resumed', () => {
    const timers: Array<() => void> = [];
    const states: AutoScrollState[] = [];
    let count = 0;
    let bottom = false;
    const scroll = createAutoScroll({
      scrollStep: () => {
        count += bottom ? 0 : 10;
        return bottom;
      },
      count: () => count,
      setTimer: (fn) => timers.push(fn),
      clearTimer: () => timers.pop(),
      onState: (s) => states.push(s),
    });
    scroll.start();
    timers.shift()!();
    timers.shift()!();
    expect(count).toBe(20);
    scroll.stop();
    expect(timers).toHaveLength(0);
    scroll.start();
    bottom = true;
    for (let i = 0; i <= PATIENCE && timers.length; i++) timers.shift()!();
    expect(scroll.state()).toBe('done');
    expect(states).toEqual(['running', 'stopped', 'running', 'done']);
  });

  it('waits while the tab is hidden: those turns neither scroll nor end the run', () => {
    const timers: Array<() => void> = [];
    let visible = false;
    let scrolled = 0;
    const scroll = createAutoScroll({
      scrollStep: () => {
        scrolled += 1;
        return true;
      },
      count: () => 0,
      visible: () => visible,
      setTimer: (fn) => timers.push(fn),
      clearTimer: () => timers.pop(),
      onState: () => undefined,
    });
    scroll.start();
    for (let i = 0; i < PATIENCE * 3; i++) timers.shift()!();
    expect(scrolled).toBe(0);
    expect(scroll.state()).toBe('running');
    visible = true;
    for (let i = 0; i <= PATIENCE && timers.length; i++) timers.shift()!();
    expect(scrolled).toBe(PATIENCE);
    expect(scroll.state()).toBe('done');
  });
});

describe('handle guesses', () => {
  it("spells X handles as Bluesky handles on the PDS's own domains", () => {
    expect(handleGuesses('Jane_Doe', ['.test'])).toEqual(['jane-doe.test', 'janedoe.test']);
    expect(handleGuesses('_x_', ['.test'])).toEqual(['x.test']);
    expect(handleGuesses('bob', ['.bsky.social', '.test'])).toEqual(['bob.bsky.social', 'bob.test']);
  });
});

describe('results view', () => {
  const c = (
    id: string,
    confidence: Candidate['confidence'],
    follow: Candidate['follow'] = 'none',
    network: Candidate['network'] = 'bluesky',
  ) => ({ id, handle: id, network, confidence, follow, evidence: [] }) as unknown as Candidate;
  const e = (key: string, at: number, byAccount: Record<string, Candidate[]>): BridgeEntry => ({
    key,
    x: { handle: key, displayName: key.toUpperCase(), bio: '', links: [], website: null },
    sources: [],
    collectedAt: at,
    updatedAt: at,
    matches: Object.fromEntries(
      Object.entries(byAccount).map(([id, candidates]) => [id, { checkedAt: 0, candidates, notes: [] }]),
    ),
  });
  const entries = [
    e('bob', 2, { b: [c('bob.test', 'likely')], m: [c('bob@x.example', 'sure', 'following', 'mastodon')] }),
    e('ana', 1, {
      b: [c('ana.test', 'sure'), c('ana2.test', 'unsure')],
      m: [c('ana@x.example', 'sure', 'none', 'mastodon')],
    }),
    e('cat', 3, {}),
    e('dup', 4, { b: [c('ana.test', 'sure')] }),
  ];

  it('filters by confidence, network and text, in collection order', () => {
    const keys = (o: Parameters<typeof resultRows>[1]) =>
      resultRows(entries, o).map((r) => `${r.entry.key}:${r.candidates.map((x) => x.candidate.id).join('+')}`);
    expect(keys({ accountIds: ['b', 'm'], confidence: 'sure', network: 'all', query: '' })).toEqual([
      'ana:ana.test+ana@x.example',
      'bob:bob@x.example',
      'dup:ana.test',
    ]);
    expect(keys({ accountIds: ['b'], confidence: 'sure', network: 'all', query: '' })).toEqual([
      'ana:ana.test',
      'dup:ana.test',
    ]);
    expect(keys({ accountIds: ['b', 'm'], confidence: 'all', network: 'all', query: '' })).toEqual([
      'ana:ana.test+ana2.test+ana@x.example',
      'bob:bob.test+bob@x.example',
      'cat:',
      'dup:ana.test',
    ]);
    expect(keys({ accountIds: ['b', 'm'], confidence: 'all', network: 'mastodon', query: 'BO' })).toEqual([
      'bob:bob@x.example',
    ]);
    expect(confidenceCounts(entries, ['b', 'm'])).toEqual({ sure: 4, likely: 1, unsure: 1 });
  });

  it('follows every sure match not followed yet, once per account', () => {
    expect(sureTargets(entries, ['b', 'm'])).toEqual([
      { key: 'ana', accountId: 'b', candidateId: 'ana.test' },
      { key: 'ana', accountId: 'm', candidateId: 'ana@x.example' },
    ]);
  });
});
