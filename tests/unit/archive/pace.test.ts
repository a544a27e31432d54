import { describe, expect, it } from 'vitest';
import { estimateFinish } from '../../../lib/archive/estimate';
import { assignSlots, earliestFit, paceFor, type RateWindow } from '../../../lib/archive/pace';
import { emptyCounts } from '../../../lib/archive/store';
import type { ImportRun } from '../../../lib/model/import';

const HOUR = 3_600_000;

/** Most events found in any window of this length (a window ending at each event). */
function busiest(times: number[], windowMs: number): number {
  let best = 0;
  let from = 0;
  for (let i = 0; i < times.length; i++) {
    while ((times[from] as number) <= (times[i] as number) - windowMs) from++;
    best = Math.max(best, i - from + 1);
  }
  return best;
}

describe('rate windows of an import', () => {
  it.each([
    // network, posts, media per post, published limits that must hold: [window hours, max]
    [
      'bluesky',
      4_000,
      0,
      [
        [1, 5_000 / 3],
        [24, 35_000 / 3],
      ],
    ],
    [
      'bluesky',
      13_000,
      0,
      [
        [1, 5_000 / 3],
        [24, 35_000 / 3],
      ],
    ],
    ['mastodon', 700, 0, [[3, 300]]],
    ['mastodon', 200, 4, [[3, 300]]],
  ] as const)('%s: %i posts with %i media each never exceed the published limits', (network, count, media, limits) => {
    const pace = paceFor(network);
    const { slots } = assignSlots(
      pace,
      { posts: [], media: [] },
      Array.from({ length: count }, () => ({ media })),
      0,
    );
    expect(slots).toHaveLength(count);
    expect(slots.every((t, i) => i === 0 || t >= (slots[i - 1] as number))).toBe(true);
    for (const [hours, max] of limits) expect(busiest(slots, hours * HOUR)).toBeLessThanOrEqual(Math.floor(max));
    if (media > 0) {
      const uploads = slots.flatMap((t) => Array<number>(media).fill(t));
      expect(busiest(uploads, HOUR / 2)).toBeLessThanOrEqual(30);
    }
  });

  it('lets a small import go at once and spaces a large one only when a window is full', () => {
    const pace = paceFor('bluesky');
    const { slots } = assignSlots(
      pace,
      { posts: [], media: [] },
      Array.from({ length: 1_600 }, () => ({ media: 0 })),
      1_000,
    );
    const hourly = pace.posts[0]!.max;
    expect(slots.slice(0, hourly).every((t) => t === 1_000)).toBe(true);
    expect(slots[hourly]).toBe(1_000 + HOUR);
  });

  it('counts what was already given out (a resumed import keeps the pace)', () => {
    const pace = paceFor('mastodon');
    const max = pace.posts[0]!.max;
    const history = Array<number>(max).fill(0);
    const { slots } = assignSlots(pace, { posts: history, media: [] }, [{ media: 0 }], 60_000);
    expect(slots[0]).toBe(3 * HOUR);
  });

  it('waits for the media window as well as the posts window', () => {
    const windows: RateWindow[] = [{ windowMs: 1_000, max: 2 }];
    expect(earliestFit([0, 500], windows, 1, 600)).toBe(1_000);
    expect(earliestFit([0, 500], windows, 2, 600)).toBe(1_500);
    expect(() => earliestFit([], windows, 3, 0)).toThrow(RangeError);
  });
});

describe('time left of an import', () => {
  it('is where the allowed pace puts the last planned post, per account, the slowest one winning', () => {
    const run = {
      counts: { ...emptyCounts(), planned: 1_200, total: 1_200 },
      work: { M: { records: 600, parts: 600, media: 0 }, B: { records: 600, parts: 600, media: 0 } },
      pace: {},
    } as unknown as ImportRun;
    const networks = new Map<string, 'mastodon' | 'bluesky'>([
      ['M', 'mastodon'],
      ['B', 'bluesky'],
    ]);
    // Mastodon: 270 statuses per 3 hours → 270 now, 270 at 3 h, the last 60 at 6 h. Bluesky takes all 600 at once.
    expect(estimateFinish(run, networks, 1_000)).toBe(1_000 + 6 * HOUR);
    expect(estimateFinish({ ...run, counts: emptyCounts() } as ImportRun, networks, 1_000)).toBeNull();
  });
});
