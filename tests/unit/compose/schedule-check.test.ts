import { describe, expect, it } from 'vitest';
import { FAR_AHEAD_MS, PAST_SLACK_MS, scheduleNote } from '../../../lib/compose/schedule-check.ts';

const NOW = Date.parse('2026-12-04T13:22:00.000Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();

describe('scheduleNote', () => {
  it.each<[string, string | null, ReturnType<typeof scheduleNote>]>([
    ['no time set', null, null],
    ['an unreadable time', 'not a date', null],
    ['the minute being typed in', at(-30_000), null],
    ['exactly the slack back', at(-PAST_SLACK_MS), null],
    ['just past the slack', at(-PAST_SLACK_MS - 1), 'past'],
    ['yesterday', at(-24 * 3600_000), 'past'],
    ['in ten minutes', at(10 * 60_000), null],
    ['in eleven months', at(335 * 24 * 3600_000), null],
    ['exactly at the far bound', at(FAR_AHEAD_MS), null],
    ['just beyond it', at(FAR_AHEAD_MS + 1), 'far'],
    ['a year typed as 6120', '6120-12-04T13:22:00.000Z', 'far'],
    ['a year typed as 0202', '0202-12-04T13:22:00.000Z', 'past'],
  ])('%s', (_name, scheduledAt, expected) => {
    expect(scheduleNote(scheduledAt, NOW)).toBe(expected);
  });
});
