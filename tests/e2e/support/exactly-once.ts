/**
 * The outbox's promise under faults, checked on the servers: every job's post
 * exists exactly once on its server, with its text, and the parts of a
 * thread answer each other in order. Shared by the Chromium fault test
 * (tests/e2e/outbox-faults.spec.ts) and the journey that runs in both
 * browsers (tests/e2e/journeys/outbox.spec.ts).
 */
import { AtpAgent } from '@atproto/api';
import { expect } from '@playwright/test';
import type { MastodonTestServer } from '../../servers/mastodon/types.ts';
import type { BulkPost, StoredJob } from './bulk.ts';
import { allRecords } from './pds-records.ts';

const LONG = 'Nous marchons ensemble pour le climat, la justice et la dignité. '.repeat(11).trim();

/** Posts numbered from `from`: every fourth a thread on both networks, every sixth with one or two images. */
export function faultPosts(from: number, count: number, targets: string[]): BulkPost[] {
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const thread = i % 4 === 0;
    return {
      text: `Post ${i} ✊🏽 ${thread ? LONG : 'manif à 14h, place de la République'}`,
      targets,
      images: i % 6 === 0 ? 1 + (i % 2) : 0,
    };
  });
}

/** Waits until the outbox holds `expectedPosts` posts, every job sent; fails at once if a job gave up. */
export async function waitForDrain(
  list: () => Promise<StoredJob[]>,
  expectedPosts: number,
  timeoutMs: number,
): Promise<StoredJob[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const jobs = await list();
    const posts = new Set(jobs.map((j) => j.postId)).size;
    if (posts >= expectedPosts && jobs.every((j) => j.state === 'sent')) return jobs;
    const stuck = jobs.filter((j) => j.state === 'failed' || j.state === 'cancelled');
    if (stuck.length) throw new Error(`jobs gave up: ${JSON.stringify(stuck.map((j) => [j.id, j.lastError]))}`);
    if (Date.now() > deadline)
      throw new Error(
        `queue not drained: ${JSON.stringify(jobs.filter((j) => j.state !== 'sent').map((j) => [j.id, j.state, j.lastError]))}`,
      );
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

/** Checks each job against the servers; returns a line for the test's log. */
export async function expectEachPostOnce(
  jobs: StoredJob[],
  servers: { mastodon: MastodonTestServer; mastodonAccountId: string; pds: { url: string }; did: string },
): Promise<string> {
  const byPost = (network: string) => jobs.filter((j) => j.network === network);
  const statuses = servers.mastodon.state.statuses.filter(
    (s) => s.accountId === servers.mastodonAccountId && !s.deleted,
  );
  const agent = new AtpAgent({ service: servers.pds.url });
  const records = await allRecords<{ uri: string; value: { text: string; reply?: { parent: { uri: string } } } }>(
    agent,
    servers.did,
    'app.bsky.feed.post',
  );

  const mastodonJobs = byPost('mastodon');
  const blueskyJobs = byPost('bluesky');
  expect(statuses).toHaveLength(mastodonJobs.length);
  expect(records).toHaveLength(blueskyJobs.length);
  // Each job points at its own post: no two jobs were satisfied by one post, none posted twice.
  expect(new Set(mastodonJobs.map((j) => j.result!.id)).size).toBe(mastodonJobs.length);
  expect(new Set(blueskyJobs.map((j) => j.result!.id)).size).toBe(blueskyJobs.length);
  const previous = (j: StoredJob) =>
    jobs.find((p) => p.postId === j.postId && p.accountId === j.accountId && p.partIndex === j.partIndex - 1);
  for (const job of mastodonJobs) {
    const status = statuses.find((s) => s.id === job.result!.id);
    expect(status?.text).toBe(job.text);
    expect(status?.inReplyToId ?? null).toBe(job.partIndex === 0 ? null : previous(job)!.result!.id);
  }
  for (const job of blueskyJobs) {
    const record = records.find((r) => r.uri === job.result!.id);
    expect(record?.value.text).toBe(job.text);
    expect(record?.uri.endsWith(`/${job.idempotencyKey}`)).toBe(true);
    expect(record?.value.reply?.parent.uri ?? null).toBe(job.partIndex === 0 ? null : previous(job)!.result!.id);
  }
  const threads = new Set(jobs.filter((j) => j.partCount > 1).map((j) => j.postId)).size;
  return (
    `${new Set(jobs.map((j) => j.postId)).size} posts (${threads} threads), ` +
    `${mastodonJobs.length} Mastodon statuses and ${blueskyJobs.length} Bluesky records, each exactly once; ` +
    `${servers.mastodon.state.requestLog.filter((r) => r.method === 'POST' && r.path === '/api/v1/statuses').length} status requests made`
  );
}
