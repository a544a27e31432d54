/** Posts restored from a backup: held until the user's click, never picked by the worker, released once. */
import { describe, expect, it } from 'vitest';
import type { Job, JobState } from '../../../lib/model/job';
import { isPending, isUnsent } from '../../../lib/model/job';
import { nextWakeAt, runnableJobs, SERVER_SCHEDULE_MIN_MS } from '../../../lib/outbox/plan';
import { holdImported, releaseHeld } from '../../../lib/outbox/state';
import { job } from '../backup/fixtures';

const NOW = 1_800_000_000_000;

describe('holdImported', () => {
  it.each<[JobState, JobState]>([
    ['queued', 'held'],
    ['sending', 'held'],
    ['retrying', 'held'],
    ['held', 'held'],
    ['sent', 'sent'],
    ['failed', 'failed'],
    ['cancelled', 'cancelled'],
  ])('%s becomes %s', (from, to) => {
    expect(holdImported(job('j', { state: from })).state).toBe(to);
  });
});

describe('a held job', () => {
  it('is never runnable and never wakes the worker, however overdue', () => {
    const held = [
      job('a', { state: 'held', nextAttemptAt: 0 }),
      job('b', { state: 'held', sendAt: NOW + 60_000, nextAttemptAt: NOW + 60_000 }),
    ];
    expect(runnableJobs(held, NOW)).toEqual([]);
    expect(nextWakeAt(held, NOW)).toBeNull();
    expect(held.map(isPending)).toEqual([false, false]);
    expect(held.map(isUnsent)).toEqual([true, true]);
  });
});

describe('releaseHeld (the user pressed Send)', () => {
  it.each<[string, Partial<Job>, Partial<Job>]>([
    ['not scheduled: due now', { sendAt: null }, { state: 'queued', nextAttemptAt: NOW, serverScheduled: false }],
    [
      'scheduled in the past: due now',
      { sendAt: NOW - 3_600_000, nextAttemptAt: NOW - 3_600_000 },
      { state: 'queued', nextAttemptAt: NOW },
    ],
    ['scheduled ahead: due at its time', { sendAt: NOW + 60_000 }, { state: 'queued', nextAttemptAt: NOW + 60_000 }],
    [
      'scheduled on the Mastodon server, still far enough ahead: handed over now',
      { sendAt: NOW + 2 * SERVER_SCHEDULE_MIN_MS, serverScheduled: true },
      { state: 'queued', nextAttemptAt: NOW, serverScheduled: true },
    ],
    [
      'scheduled on the Mastodon server, too late for that now: sent from here at its time',
      { sendAt: NOW + 60_000, serverScheduled: true },
      { state: 'queued', nextAttemptAt: NOW + 60_000, serverScheduled: false },
    ],
  ])('%s', (_name, patch, expected) => {
    const released = releaseHeld(job('j', { state: 'held', attempts: 3, result: null, ...patch }), NOW);
    expect(released).toMatchObject({ ...expected, attempts: 0, idempotencyKey: 'key-j', updatedAt: NOW });
    expect(runnableJobs([released], Math.max(NOW, released.nextAttemptAt)).map((r) => r.job.id)).toEqual(['j']);
  });

  it.each<JobState>(['queued', 'sending', 'sent', 'failed', 'cancelled'])(
    'leaves a %s job alone (a second click sends nothing more)',
    (state) => {
      const j = job('j', { state });
      expect(releaseHeld(j, NOW)).toBe(j);
    },
  );
});
