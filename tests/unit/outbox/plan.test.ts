import { describe, expect, it } from 'vitest';
import { emptyDraft } from '../../../lib/model/draft';
import type { Job } from '../../../lib/model/job';
import { createJobs, jobsToCancel, nextWakeAt, runnableJobs, SERVER_SCHEDULE_MIN_MS } from '../../../lib/outbox/plan';
import { backoffDelay, DEFAULT_RETRY_POLICY, retryAtFromHeaders } from '../../../lib/outbox/retry';
import { cancelJob, editAndResend, markFailed, markSent, retryNow, startSending } from '../../../lib/outbox/state';
import { TID } from '@atproto/common-web';
import { newTid, TID_PATTERN } from '../../../lib/tid';

const NOW = 1_800_000_000_000;
let keyN = 0;
const newKey = (n: string) => `${n}-key-${++keyN}`;

function jobsFor(parts: { m?: string[]; b?: string[] }, patch: Partial<ReturnType<typeof emptyDraft>> = {}) {
  const draft = { ...emptyDraft('d1', NOW), ...patch };
  const targets = [
    ...(parts.m ? [{ accountId: 'M', network: 'mastodon' as const, parts: parts.m }] : []),
    ...(parts.b ? [{ accountId: 'B', network: 'bluesky' as const, parts: parts.b }] : []),
  ];
  return createJobs({ postId: 'p1', draft, targets, now: NOW, newKey, threadRestUnlisted: true });
}

describe('createJobs', () => {
  it('makes one job per account per part, each with its own key fixed now', () => {
    const jobs = jobsFor({ m: ['a', 'b'], b: ['a', 'b', 'c'] });
    expect(jobs.map((j) => j.id)).toEqual(['p1:M:0', 'p1:M:1', 'p1:B:0', 'p1:B:1', 'p1:B:2']);
    expect(new Set(jobs.map((j) => j.idempotencyKey)).size).toBe(5);
    expect(jobs.every((j) => j.state === 'queued' && j.attempts === 0)).toBe(true);
  });

  it('puts media, poll and reply target on the first part only, and unlists later Mastodon parts', () => {
    const draft = {
      images: [{ mediaId: 'i', alt: 'x', mime: 'image/png', width: 1, height: 1, size: 1 }],
      poll: { options: ['a', 'b'], expiresInSeconds: 300, multiple: false },
      replyTo: { mastodon: 'https://m.example/@a/1' },
    };
    const [first, second] = jobsFor({ m: ['a', 'b'] }, draft);
    expect(first).toMatchObject({
      images: draft.images,
      poll: draft.poll,
      replyTo: 'https://m.example/@a/1',
      visibility: 'public',
    });
    expect(second).toMatchObject({ images: [], poll: null, replyTo: null, visibility: 'unlisted' });
  });

  it('a content warning marks the post sensitive', () => {
    expect(jobsFor({ m: ['a'] }, { contentWarning: 'spoiler' })[0]!.sensitive).toBe(true);
  });

  it.each([
    ['mastodon single post ≥ 5 min ahead: server schedules', { m: ['a'] }, SERVER_SCHEDULE_MIN_MS, true],
    ['mastodon single post < 5 min ahead: local alarm', { m: ['a'] }, SERVER_SCHEDULE_MIN_MS - 1, false],
    ['mastodon thread: local alarms (parts need their parent id)', { m: ['a', 'b'] }, 3_600_000, false],
    ['bluesky: always local', { b: ['a'] }, 3_600_000, false],
  ])('%s', (_name, parts, ahead, server) => {
    const jobs = jobsFor(parts, { scheduledAt: new Date(NOW + ahead).toISOString() });
    expect(jobs[0]!.serverScheduled).toBe(server);
    expect(jobs[0]!.nextAttemptAt).toBe(server ? NOW : NOW + ahead);
  });
});

describe('runnableJobs', () => {
  const ref = (id: string) => ({ id, url: `https://x/${id}` });
  const sent = (j: Job, id: string): Job => markSent(startSending(j, NOW), ref(id), NOW);

  it('runs the first part of every chain at once, never a later part first', () => {
    const jobs = jobsFor({ m: ['a', 'b'], b: ['a', 'b'] });
    expect(runnableJobs(jobs, NOW).map((r) => r.job.id)).toEqual(['p1:M:0', 'p1:B:0']);
  });

  it('gives part N its parent (part N-1) and root (part 0)', () => {
    const [m0, m1, m2] = jobsFor({ m: ['a', 'b', 'c'] });
    const jobs = [sent(m0!, 'one'), sent(m1!, 'two'), m2!];
    expect(runnableJobs(jobs, NOW)).toEqual([{ job: m2, parent: ref('two'), root: ref('one') }]);
  });

  it('resumes a thread at the part that broke, leaving the other network alone', () => {
    const [m0, m1, b0, b1] = jobsFor({ m: ['a', 'b'], b: ['a', 'b'] });
    const brokenB1 = markFailed(
      startSending(b1!, NOW),
      { kind: 'transient', messageKey: 'error.network', detail: '', retryAt: null },
      NOW,
      DEFAULT_RETRY_POLICY,
      () => 0,
    );
    const jobs = [sent(m0!, 'm0'), sent(m1!, 'm1'), sent(b0!, 'b0'), brokenB1];
    expect(runnableJobs(jobs, NOW)).toEqual([]);
    expect(nextWakeAt(jobs, NOW)).toBe(brokenB1.nextAttemptAt);
    expect(runnableJobs(jobs, brokenB1.nextAttemptAt).map((r) => r.job.id)).toEqual(['p1:B:1']);
  });

  it('re-runs a job left "sending" by a crash, with the same key', () => {
    const [m0] = jobsFor({ m: ['a'] });
    const crashed = startSending(m0!, NOW);
    const [run] = runnableJobs([crashed], NOW);
    expect(run?.job.idempotencyKey).toBe(m0!.idempotencyKey);
  });

  it('a failed or cancelled part blocks the rest of its thread', () => {
    const [m0, m1] = jobsFor({ m: ['a', 'b'] });
    expect(runnableJobs([cancelJob(m0!, NOW), m1!], NOW)).toEqual([]);
    expect(jobsToCancel([m0!, m1!], m0!).map((j) => j.id)).toEqual(['p1:M:0', 'p1:M:1']);
  });
});

describe('state machine', () => {
  const [job] = jobsFor({ b: ['a'] });
  const fail = (kind: 'auth' | 'validation' | 'transient' | 'rate-limit', retryAt: number | null = null) =>
    markFailed(
      startSending(job!, NOW),
      { kind, messageKey: 'error.network', detail: 'x', retryAt },
      NOW,
      DEFAULT_RETRY_POLICY,
      () => 0.5,
    );

  it.each(['auth', 'validation'] as const)('%s errors fail at once', (kind) => {
    expect(fail(kind).state).toBe('failed');
  });

  it('transient errors retry with backoff', () => {
    const j = fail('transient');
    expect(j.state).toBe('retrying');
    expect(j.nextAttemptAt).toBeGreaterThan(NOW);
  });

  it('a rate limit waits at least until the server says', () => {
    expect(fail('rate-limit', NOW + 3_600_000).nextAttemptAt).toBe(NOW + 3_600_000);
  });

  it('gives up after the attempt limit', () => {
    let j = job!;
    for (let i = 0; i < DEFAULT_RETRY_POLICY.maxAttempts; i++) {
      j = markFailed(
        startSending(j, NOW),
        { kind: 'transient', messageKey: 'error.network', detail: '', retryAt: null },
        NOW,
        DEFAULT_RETRY_POLICY,
        () => 0,
      );
    }
    expect(j).toMatchObject({ state: 'failed', lastError: { messageKey: 'error.tooManyAttempts' } });
  });

  it('retry now and edit-and-resend keep the key', () => {
    const failed = fail('validation');
    expect(retryNow(failed, NOW + 1)).toMatchObject({
      state: 'queued',
      idempotencyKey: job!.idempotencyKey,
      nextAttemptAt: NOW + 1,
    });
    expect(editAndResend(failed, 'shorter', NOW)).toMatchObject({
      state: 'queued',
      text: 'shorter',
      idempotencyKey: job!.idempotencyKey,
    });
    expect(editAndResend(job!, 'x', NOW)).toBe(job); // only failed jobs can be edited
  });
});

describe('retry policy', () => {
  it.each([
    [1, 1_000, 2_000],
    [2, 2_000, 4_000],
    [5, 16_000, 32_000],
    [30, 450_000, 900_000],
  ])('attempt %i waits between %i and %i ms', (attempts, min, max) => {
    expect(backoffDelay(attempts, DEFAULT_RETRY_POLICY, () => 0)).toBe(min);
    expect(backoffDelay(attempts, DEFAULT_RETRY_POLICY, () => 1)).toBe(max);
  });

  it.each([
    [{ 'Retry-After': '120' }, NOW + 120_000],
    [{ 'retry-after': new Date(NOW + 5_000).toUTCString() }, NOW + 5_000],
    [{ 'X-RateLimit-Reset': new Date(NOW + 60_000).toISOString() }, NOW + 60_000],
    [{ 'RateLimit-Reset': String((NOW + 30_000) / 1000) }, NOW + 30_000],
    [{ 'RateLimit-Reset': '30' }, NOW + 30_000],
    [{}, null],
    [{ 'X-RateLimit-Reset': 'garbage' }, null],
  ])('%o -> %s', (headers, at) => {
    expect(retryAtFromHeaders(headers, NOW)).toBe(at);
  });
});

describe('TID record keys', () => {
  it('are valid, unique and sortable even within one millisecond', () => {
    const keys = Array.from({ length: 500 }, () => newTid(NOW));
    for (const k of keys) {
      expect(k).toMatch(TID_PATTERN);
      expect(TID.is(k)).toBe(true); // atproto's own check agrees
      expect(Math.abs(TID.fromStr(k).timestamp() / 1000 - NOW)).toBeLessThan(10_000);
    }
    expect(new Set(keys).size).toBe(500);
    expect([...keys].sort()).toEqual(keys);
    expect(newTid(NOW + 10_000) > keys.at(-1)!).toBe(true);
  });
});
