import { describe, expect, it } from 'vitest';
import { defaultDuration, durationChoices, pollLimitsFor } from '../../../lib/compose/poll-limits.ts';

const server = (id: string, polls: { o?: number; c?: number; min?: number; max?: number }) => ({
  id,
  network: 'mastodon' as const,
  serverInfo: {
    limits: {
      pollMaxOptions: polls.o ?? 4,
      pollMaxCharactersPerOption: polls.c ?? 50,
      ...(polls.min === undefined ? {} : { pollMinExpiration: polls.min }),
      ...(polls.max === undefined ? {} : { pollMaxExpiration: polls.max }),
    },
  },
});

describe('pollLimitsFor: the chosen servers\u2019 configuration.polls', () => {
  it.each([
    [
      'no Mastodon account: stock Mastodon',
      [],
      [],
      { maxOptions: 4, maxCharactersPerOption: 50, minExpiration: 300, maxExpiration: 2_629_746 },
    ],
    [
      'a server allowing 8 choices for a week at most',
      [server('a', { o: 8, min: 60, max: 604_800 })],
      ['a'],
      { maxOptions: 8, maxCharactersPerOption: 50, minExpiration: 60, maxExpiration: 604_800 },
    ],
    [
      'an account without server info: stock',
      [{ id: 'a', network: 'mastodon' }],
      ['a'],
      { maxOptions: 4, maxCharactersPerOption: 50, minExpiration: 300, maxExpiration: 2_629_746 },
    ],
    [
      'two servers: the strictest of each',
      [server('a', { o: 8, c: 100, min: 60, max: 604_800 }), server('b', { o: 6, c: 200, min: 600 })],
      ['a', 'b'],
      { maxOptions: 6, maxCharactersPerOption: 100, minExpiration: 600, maxExpiration: 604_800 },
    ],
    [
      'an unticked server does not count',
      [server('a', { o: 8 }), server('b', { o: 2 })],
      ['a'],
      { maxOptions: 8, maxCharactersPerOption: 50, minExpiration: 300, maxExpiration: 2_629_746 },
    ],
    [
      'never fewer than two choices',
      [server('a', { o: 1 })],
      ['a'],
      { maxOptions: 2, maxCharactersPerOption: 50, minExpiration: 300, maxExpiration: 2_629_746 },
    ],
  ] as const)('%s', (_, accounts, targets, limits) => {
    expect(pollLimitsFor(accounts, targets)).toEqual(limits);
  });
});

describe('durationChoices', () => {
  it.each([
    [
      'stock Mastodon',
      300,
      2_629_746,
      undefined,
      [300, 1_800, 3_600, 21_600, 86_400, 259_200, 604_800, 1_209_600, 2_592_000, 2_629_746],
    ],
    [
      'a week at most, a minute at least',
      60,
      604_800,
      undefined,
      [60, 300, 1_800, 3_600, 21_600, 86_400, 259_200, 604_800],
    ],
    ['an hour to a day', 3_600, 86_400, undefined, [3_600, 21_600, 86_400]],
    ['the draft\u2019s own value is kept even out of range', 3_600, 86_400, 300, [300, 3_600, 21_600, 86_400]],
  ] as const)('%s', (_, min, max, current, choices) => {
    expect(durationChoices({ minExpiration: min, maxExpiration: max }, current)).toEqual(choices);
  });

  it.each([
    [300, 2_629_746, 86_400],
    [172_800, 604_800, 172_800],
    [300, 3_600, 3_600],
  ])('a new poll lasts a day, or the nearest allowed (%i..%i: %i)', (min, max, d) => {
    expect(defaultDuration({ minExpiration: min, maxExpiration: max })).toBe(d);
  });
});
