import { describe, expect, it } from 'vitest';
import { admitBatch, COLLECT_LIMITS, profileChars, trimProfile } from '../../../lib/bridge/collect-limits.ts';
import type { XProfile } from '../../../lib/model/bridge.ts';

const plain: XProfile = {
  handle: 'ada',
  displayName: 'Ada',
  bio: 'Maths. 🦋 ada.bsky.social',
  links: ['https://ada.example/'],
  website: 'https://ada.example/',
};
/** The largest profile the message shape lets through: what a hostile page makes the collector send. */
const fat = (i: number): XProfile => ({
  handle: `fat_${i}`,
  displayName: 'N'.repeat(200),
  bio: 'B'.repeat(2_000),
  links: Array.from({ length: 20 }, (_, j) => `https://e.example/${j}/${'l'.repeat(1_900)}`),
  website: `https://w.example/${'w'.repeat(1_900)}`,
});

describe('trimProfile', () => {
  it.each([
    ['a real profile is kept as it is', plain, plain],
    [
      'every field of a fat one is cut to the limits',
      fat(1),
      { handle: 'fat_1', displayName: 'N'.repeat(100), bio: 'B'.repeat(1_000), links: [], website: null },
    ],
    [
      'too many links: the first five that fit',
      { ...plain, links: Array.from({ length: 9 }, (_, i) => `https://l.example/${i}`) },
      { ...plain, links: Array.from({ length: 5 }, (_, i) => `https://l.example/${i}`) },
    ],
  ])('%s', (_, input, expected) => {
    expect(trimProfile(input)).toEqual(expected);
  });

  it('bounds every profile', () => {
    const max =
      50 +
      COLLECT_LIMITS.displayName +
      COLLECT_LIMITS.bio +
      COLLECT_LIMITS.website +
      COLLECT_LIMITS.links * COLLECT_LIMITS.linkLength;
    expect(profileChars(trimProfile(fat(2)))).toBeLessThanOrEqual(max);
    expect(max).toBeLessThan(4_000);
  });
});

describe('admitBatch', () => {
  it.each([
    ['a batch under the limits passes whole', { profiles: 0, chars: 0 }, 100, 100, false],
    [
      'a run at its profile cap takes nothing more',
      { profiles: COLLECT_LIMITS.profilesPerRun, chars: 0 },
      100,
      0,
      true,
    ],
    ['a run near its cap takes what fits', { profiles: COLLECT_LIMITS.profilesPerRun - 30, chars: 0 }, 100, 30, true],
    ['a run at its size cap takes nothing more', { profiles: 0, chars: COLLECT_LIMITS.charsPerRun - 10 }, 100, 0, true],
  ])('%s', (_, tally, size, admitted, full) => {
    const result = admitBatch(
      Array.from({ length: size }, (_, i) => fat(i)),
      tally,
    );
    expect(result.admitted).toHaveLength(admitted);
    expect(result.full).toBe(full);
    expect(result.tally.profiles).toBe(tally.profiles + admitted);
  });

  it('6,000 fat profiles in batches of 100 store at most the caps', () => {
    let tally = { profiles: 0, chars: 0 };
    let stored = 0;
    for (let start = 0; start < 6_000; start += 100) {
      const result = admitBatch(
        Array.from({ length: 100 }, (_, k) => fat(start + k)),
        tally,
      );
      tally = result.tally;
      stored += result.admitted.length;
    }
    expect(stored).toBeLessThanOrEqual(COLLECT_LIMITS.profilesPerRun);
    expect(tally.chars).toBeLessThanOrEqual(COLLECT_LIMITS.charsPerRun);
  });
});
