import { describe, expect, it } from 'vitest';
import type { ImportCost } from '../../../lib/archive/model.ts';
import { RATE_WINDOWS, overfilled, planAccount, planImport } from '../../../lib/archive/schedule.ts';

const HOUR = 3_600_000;

/** Small seeded generator (mulberry32) so a failure is reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomCosts(random: () => number, n: number): ImportCost[] {
  return Array.from({ length: n }, () => ({
    posts: random() < 0.85 ? 1 : 1 + Math.floor(random() * 6),
    media: random() < 0.7 ? 0 : 1 + Math.floor(random() * 4),
  }));
}

describe('rate-aware plan', () => {
  it.each([
    // Bluesky: 5,000 points/h at 3 points a post → 1,666 posts in the first hour (no headroom).
    ['bluesky', 1700, 1, 1666],
    // 35,000 points/day → 11,666 posts in a day.
    ['bluesky', 12_000, 24, 11_666],
    // Mastodon: 300 statuses per 3 hours.
    ['mastodon', 400, 3, 300],
  ] as const)('%s: of %i one-part posts, the first %i hours take %i', (network, n, hours, fit) => {
    const costs = Array.from({ length: n }, () => ({ posts: 1, media: 0 }));
    const { at } = planAccount(costs, RATE_WINDOWS[network], 0, 0);
    expect(at.filter((t) => t < hours * HOUR)).toHaveLength(fit);
    expect(overfilled(at, costs, RATE_WINDOWS[network])).toBeNull();
  });

  it('Mastodon: 30 media uploads per 30 minutes', () => {
    const costs = Array.from({ length: 20 }, () => ({ posts: 1, media: 4 }));
    const { at } = planAccount(costs, RATE_WINDOWS.mastodon, 0, 0);
    // 7 posts (28 media) fit in the first window, the 8th waits for the first to leave it.
    expect(at.slice(0, 8)).toEqual([0, 0, 0, 0, 0, 0, 0, HOUR / 2]);
  });

  it('keeps the headroom by default', () => {
    const costs = Array.from({ length: 400 }, () => ({ posts: 1, media: 0 }));
    expect(planAccount(costs, RATE_WINDOWS.mastodon, 0).at.filter((t) => t === 0)).toHaveLength(270);
  });

  it('refuses a single post over a limit', () => {
    expect(() => planAccount([{ posts: 1, media: 31 }], RATE_WINDOWS.mastodon, 0)).toThrow(RangeError);
  });

  it('property: no sliding window is ever overfilled, times never go back, and the plan is tight', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const random = rng(seed);
      const network = random() < 0.5 ? 'bluesky' : 'mastodon';
      const costs = randomCosts(
        random,
        network === 'bluesky' ? 3000 + Math.floor(random() * 9000) : 200 + Math.floor(random() * 800),
      );
      const headroom = random() < 0.5 ? 0 : 0.1;
      const start = Math.floor(random() * 1e12);
      const { at } = planAccount(costs, RATE_WINDOWS[network], start, headroom);
      expect(at).toHaveLength(costs.length);
      expect(overfilled(at, costs, RATE_WINDOWS[network]), `seed ${seed}`).toBeNull();
      expect(
        at.every((t, i) => i === 0 || t >= at[i - 1]!),
        `seed ${seed}`,
      ).toBe(true);
      expect(at[0]).toBe(start);
      if (headroom === 0) {
        // Tight: a post that waited could not have gone a millisecond earlier.
        const waited = at.flatMap((t, i) => (i > 0 && t > at[i - 1]! ? [i] : [])).slice(0, 20);
        for (const i of waited) {
          const earlier = [...at.slice(0, i), at[i]! - 1];
          expect(
            overfilled(earlier, costs.slice(0, i + 1), RATE_WINDOWS[network]),
            `seed ${seed} post ${i}`,
          ).not.toBeNull();
        }
      }
    }
  });

  it('accounts run in parallel: the import ends with the slowest', () => {
    const costs = Array.from({ length: 900 }, () => ({ posts: 1, media: 0 }));
    const plan = planImport(
      [
        { accountId: 'b', network: 'bluesky', costs },
        { accountId: 'm', network: 'mastodon', costs },
      ],
      0,
      0,
    );
    expect(plan.accounts[0]!.endsAt).toBe(0);
    // 900 statuses at 300 per 3 h: the last hundred go after two full windows.
    expect(plan.accounts[1]!.endsAt).toBe(6 * HOUR);
    expect(plan.hours).toBe(6);
  });
});
