import { describe, expect, it } from 'vitest';
import { testAccount } from '../support/accounts';
import { emptyDraft } from '../../../lib/model/draft';
import { openSortieDb, type Db } from '../../../lib/db';
import { PublishError, type PostRef } from '../../../lib/networks/types';
import { createJobs } from '../../../lib/outbox/plan';
import { DEFAULT_RETRY_POLICY } from '../../../lib/outbox/retry';
import { addJobs, jobsOfPost } from '../../../lib/outbox/store';
import { drainOutbox, type PublishRequest } from '../../../lib/outbox/engine/drain';

const account = testAccount;

/** A server that, like the real ones, stores each idempotency key once. */
function fakeServer() {
  const posts = new Map<string, { text: string; parent: string | null }>();
  let n = 0;
  /** Faults to inject, per account, in order. */
  const faults: Record<string, Array<'lost' | 'transient' | 'auth' | 'validation'>> = {};
  const publish = async ({ job, parent }: PublishRequest): Promise<PostRef> => {
    const fault = faults[job.accountId]?.shift();
    if (fault === 'transient') throw new PublishError('transient', 'error.network', '503');
    if (fault === 'auth') throw new PublishError('auth', 'error.mastodon.auth');
    if (fault === 'validation') throw new PublishError('validation', 'error.mastodon.validation', 'too long');
    if (!posts.has(job.idempotencyKey)) posts.set(job.idempotencyKey, { text: job.text, parent: parent?.id ?? null });
    const id = `${job.idempotencyKey}`;
    n++;
    if (fault === 'lost') throw new TypeError('Failed to fetch'); // created, but the answer never came
    return { id, url: `https://example/${id}` };
  };
  return { posts, faults, publish, calls: () => n };
}

async function setup(parts: { M?: string[]; B?: string[] }) {
  const db = await openSortieDb();
  await db.put('accounts', account('M', 'mastodon'));
  await db.put('accounts', account('B', 'bluesky'));
  let k = 0;
  const jobs = createJobs({
    postId: 'p',
    draft: emptyDraft('d', 0),
    targets: Object.entries(parts).map(([id, p]) => ({
      accountId: id,
      network: id === 'M' ? ('mastodon' as const) : ('bluesky' as const),
      parts: p,
    })),
    now: 0,
    newKey: () => `key${++k}`,
    threadRestUnlisted: false,
  });
  await addJobs(db, jobs);
  return db;
}

function run(db: Db, publish: (r: PublishRequest) => Promise<PostRef>, clock = { t: 0 }) {
  return drainOutbox({ db, now: () => clock.t, random: () => 0, policy: DEFAULT_RETRY_POLICY, publish });
}

describe('drainOutbox', () => {
  it('posts every part once, threads in order with parent ids', async () => {
    const db = await setup({ M: ['1', '2', '3'], B: ['1', '2'] });
    const server = fakeServer();
    const result = await run(db, server.publish);
    expect(result).toEqual({ sent: 5, failed: 0, nextWakeAt: null });
    const byText = [...server.posts.values()];
    expect(byText.filter((p) => p.parent === null)).toHaveLength(2);
    const jobs = await jobsOfPost(db, 'p');
    const m = jobs.filter((j) => j.accountId === 'M').sort((a, b) => a.partIndex - b.partIndex);
    expect(server.posts.get(m[2]!.idempotencyKey)!.parent).toBe(m[1]!.result!.id);
  });

  it('a lost response is retried with the same key and creates nothing twice', async () => {
    const db = await setup({ M: ['only'] });
    const server = fakeServer();
    server.faults.M = ['lost'];
    const clock = { t: 0 };
    const first = await run(db, server.publish, clock);
    expect(first.sent).toBe(0);
    expect(first.nextWakeAt).toBeGreaterThan(0);
    clock.t = first.nextWakeAt!;
    const second = await run(db, server.publish, clock);
    expect(second.sent).toBe(1);
    expect(server.posts.size).toBe(1);
    expect(server.calls()).toBe(2);
  });

  it('only the failed network is retried, and a permanent error fails at once', async () => {
    const db = await setup({ M: ['a'], B: ['a'] });
    const server = fakeServer();
    server.faults.M = ['validation'];
    const result = await run(db, server.publish);
    expect(result).toMatchObject({ sent: 1, failed: 1 });
    const jobs = await jobsOfPost(db, 'p');
    expect(jobs.find((j) => j.accountId === 'M')).toMatchObject({ state: 'failed', lastError: { detail: 'too long' } });
    expect(jobs.find((j) => j.accountId === 'B')?.state).toBe('sent');
  });

  it('an auth failure marks the account "reconnect needed"', async () => {
    const db = await setup({ M: ['a'] });
    const server = fakeServer();
    server.faults.M = ['auth'];
    await run(db, server.publish);
    expect((await db.get('accounts', 'M'))?.status).toBe('reconnect');
  });

  it("deletes a post's images once every job of the post is sent, not before", async () => {
    const db = await openSortieDb();
    await db.put('accounts', account('M', 'mastodon'));
    await db.put('accounts', account('B', 'bluesky'));
    await db.put('media', { id: 'img', blob: new Blob(['png']), mime: 'image/png', createdAt: 0 });
    const draft = {
      ...emptyDraft('d', 0),
      images: [{ mediaId: 'img', alt: 'a', mime: 'image/png', width: 1, height: 1, size: 3 }],
    };
    let k = 0;
    await addJobs(
      db,
      createJobs({
        postId: 'p',
        draft,
        targets: [
          { accountId: 'M', network: 'mastodon', parts: ['x'] },
          { accountId: 'B', network: 'bluesky', parts: ['x'] },
        ],
        now: 0,
        newKey: () => `k${++k}`,
        threadRestUnlisted: false,
      }),
    );
    const server = fakeServer();
    server.faults.B = ['transient'];
    const clock = { t: 0 };
    const first = await run(db, server.publish, clock);
    expect(first.sent).toBe(1);
    expect(await db.get('media', 'img')).toBeDefined(); // Bluesky still needs it
    clock.t = first.nextWakeAt!;
    await run(db, server.publish, clock);
    expect(await db.get('media', 'img')).toBeUndefined();
  });

  it('recovers a job stored as "sending" by a worker that died', async () => {
    const db = await setup({ B: ['a', 'b'] });
    const jobs = await jobsOfPost(db, 'p');
    const first = jobs.find((j) => j.partIndex === 0)!;
    await db.put('jobs', { ...first, state: 'sending', attempts: 1 });
    const server = fakeServer();
    server.posts.set(first.idempotencyKey, { text: 'a', parent: null }); // it had reached the server
    const result = await run(db, server.publish);
    expect(result.sent).toBe(2);
    expect(server.posts.size).toBe(2);
  });
});
