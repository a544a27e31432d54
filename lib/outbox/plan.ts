/**
 * Which jobs to create when the user presses Post, and which may run now.
 * Pure: the worker feeds it what IndexedDB holds and the clock.
 */
import type { Draft, Network } from '../model/draft.ts';
import { MASTODON_SCHEDULE_AHEAD_MS } from '../networks/mastodon/meta.ts';
import { NETWORKS } from '../networks/registry.ts';
import type { PostRef } from '../networks/types.ts';
import type { Job } from '../model/job.ts';

/** How far ahead a post must be for a server to schedule it (only Mastodon schedules on the server). */
export const SERVER_SCHEDULE_MIN_MS = MASTODON_SCHEDULE_AHEAD_MS;

export interface TargetParts {
  accountId: string;
  network: Network;
  /** The draft's text adapted and split for this target (lib/compose). */
  parts: string[];
  /** False when the server is known to ignore `scheduled_at` (Hollo, GoToSocial): Sortie holds the post itself. */
  serverCanSchedule?: boolean;
}

export interface CreateJobsInput {
  postId: string;
  draft: Draft;
  targets: TargetParts[];
  now: number;
  newKey: (network: Network) => string;
  /** Mastodon threads: parts after the first are unlisted. */
  threadRestUnlisted: boolean;
}

export function createJobs({ postId, draft, targets, now, newKey, threadRestUnlisted }: CreateJobsInput): Job[] {
  const sendAt = draft.scheduledAt ? Date.parse(draft.scheduledAt) : null;
  const jobs: Job[] = [];
  for (const target of targets) {
    const count = target.parts.length;
    // Only a single post can wait on the Mastodon server: later parts need their parent's id.
    const ahead = NETWORKS[target.network].serverScheduleAheadMs;
    const serverScheduled =
      ahead !== null && target.serverCanSchedule !== false && count === 1 && sendAt !== null && sendAt - now >= ahead;
    target.parts.forEach((text, partIndex) => {
      const first = partIndex === 0;
      jobs.push({
        id: `${postId}:${target.accountId}:${partIndex}`,
        postId,
        draftId: draft.id,
        accountId: target.accountId,
        network: target.network,
        partIndex,
        partCount: count,
        text,
        images: first ? draft.images : [],
        contentWarning: draft.contentWarning,
        sensitive: draft.sensitive || draft.contentWarning.trim() !== '',
        labels: draft.labels,
        langs: draft.langs.slice(0, 3),
        visibility: !first && threadRestUnlisted && draft.visibility === 'public' ? 'unlisted' : draft.visibility,
        poll: first ? draft.poll : null,
        interaction: draft.interaction,
        replyTo: first ? (draft.replyTo[target.network] ?? null) : null,
        idempotencyKey: newKey(target.network),
        sendAt,
        serverScheduled,
        state: 'queued',
        attempts: 0,
        nextAttemptAt: serverScheduled || sendAt === null ? now : sendAt,
        lastError: null,
        result: null,
        createdAt: now,
        updatedAt: now,
      });
    });
  }
  return jobs;
}

export interface RunnableJob {
  job: Job;
  /** The previous part's post, for part N > 0. */
  parent: PostRef | null;
  /** The first part's post, for part N > 0. */
  root: PostRef | null;
}

/** Jobs of one thread on one account, in part order. */
function chains(jobs: Job[]): Job[][] {
  const byChain = new Map<string, Job[]>();
  for (const job of jobs) {
    const key = `${job.postId}\u0000${job.accountId}`;
    const chain = byChain.get(key);
    if (chain) chain.push(job);
    else byChain.set(key, [job]);
  }
  return [...byChain.values()].map((chain) => chain.sort((a, b) => a.partIndex - b.partIndex));
}

/** The one job of each chain that is next in line (its predecessors all sent), if any. */
function heads(jobs: Job[]): Array<{ job: Job; chain: Job[] }> {
  const out: Array<{ job: Job; chain: Job[] }> = [];
  for (const chain of chains(jobs)) {
    const head = chain.find((j) => j.state !== 'sent');
    if (head && (head.state === 'queued' || head.state === 'retrying' || head.state === 'sending')) {
      out.push({ job: head, chain });
    }
  }
  return out;
}

/**
 * Jobs that may be sent now: per chain, the first part not yet sent, when it
 * is due. A job still marked "sending" (the worker died mid-request) is due
 * again: it is re-sent with the same key and the server reconciles it.
 */
export function runnableJobs(jobs: Job[], now: number): RunnableJob[] {
  return heads(jobs)
    .filter(({ job }) => job.nextAttemptAt <= now)
    .map(({ job, chain }) => {
      const prev = chain[job.partIndex - 1];
      return {
        job,
        parent: prev?.result ?? null,
        root: job.partIndex > 0 ? (chain[0]?.result ?? null) : null,
      };
    });
}

/** When the worker should wake next for jobs not yet due, or null if nothing waits. */
export function nextWakeAt(jobs: Job[], now: number): number | null {
  let soonest: number | null = null;
  for (const { job } of heads(jobs)) {
    if (job.nextAttemptAt > now && (soonest === null || job.nextAttemptAt < soonest)) soonest = job.nextAttemptAt;
  }
  return soonest;
}

/** Cancelling one part cancels the rest of its thread on that account. */
export function jobsToCancel(jobs: Job[], target: Job): Job[] {
  return jobs.filter(
    (j) =>
      j.postId === target.postId &&
      j.accountId === target.accountId &&
      j.partIndex >= target.partIndex &&
      j.state !== 'sent' &&
      j.state !== 'cancelled',
  );
}
