/**
 * A job remembers since when an attempt may have created its post without
 * an answer being read, through failures, "Retry now" and backups, and
 * forgets it only when an answer names the post.
 */
import { describe, expect, it } from 'vitest';
import { emptyDraft } from '../../../lib/model/draft';
import type { Job } from '../../../lib/model/job';
import { createJobs } from '../../../lib/outbox/plan';
import { DEFAULT_RETRY_POLICY } from '../../../lib/outbox/retry';
import {
  holdImported,
  markFailed,
  markSent,
  releaseHeld,
  retryNow,
  startSending,
  unansweredSince,
  type Failure,
} from '../../../lib/outbox/state';
import { jobSchema } from '../../../lib/backup/schemas';

function newJob(): Job {
  return createJobs({
    postId: 'p',
    draft: emptyDraft('d', 0),
    targets: [{ accountId: 'M', network: 'mastodon', parts: ['hello'] }],
    now: 100,
    newKey: () => 'k',
    threadRestUnlisted: false,
  })[0]!;
}

const lost: Failure = { kind: 'transient', messageKey: 'error.network', detail: '', retryAt: null };
const refused: Failure = { kind: 'validation', messageKey: 'error.mastodon.validation', detail: '', retryAt: null };
const fail = (job: Job, f: Failure, now: number) => markFailed(job, f, now, DEFAULT_RETRY_POLICY, () => 0);

describe('unansweredSince', () => {
  it('is null until a request may leave, then the start of the first unanswered attempt', () => {
    const job = newJob();
    expect(unansweredSince(job)).toBeNull();
    const first = fail(startSending(job, 1_000), lost, 1_500);
    expect(unansweredSince(first)).toBe(1_000);
    const second = fail(startSending(first, 9_000), lost, 9_500);
    expect(unansweredSince(second)).toBe(1_000);
  });

  it('survives a refusal, "Retry now" and the reset of the attempt count', () => {
    const job = fail(startSending(fail(startSending(newJob(), 1_000), lost, 1_500), 2_000), refused, 2_100);
    expect(job.state).toBe('failed');
    const again = retryNow(job, 3_000);
    expect(again.attempts).toBe(0);
    expect(unansweredSince(again)).toBe(1_000);
  });

  it('goes when an answer names the post', () => {
    const sent = markSent(startSending(newJob(), 1_000), { id: '1', url: 'u' }, 1_100);
    expect(unansweredSince(sent)).toBeNull();
    expect('unansweredSince' in sent).toBe(false);
  });

  it('travels through a backup file and a held release', () => {
    const inFlight = startSending(newJob(), 1_000);
    const restored = jobSchema(JSON.parse(JSON.stringify(holdImported(inFlight))));
    expect(unansweredSince(releaseHeld(restored, 5_000))).toBe(1_000);
  });

  it('a job stored before the field existed counts as possibly landed since it was created, once tried', () => {
    const { unansweredSince: _absent, ...legacy } = { ...newJob(), state: 'retrying' as const, attempts: 2 };
    expect(unansweredSince(legacy)).toBe(100);
    expect(unansweredSince(retryNow(legacy, 5_000))).toBe(100);
    expect(unansweredSince({ ...legacy, state: 'queued', attempts: 0, lastError: null })).toBeNull();
  });
});
