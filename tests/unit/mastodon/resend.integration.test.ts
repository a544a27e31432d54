/**
 * A thread part whose request reached the server and whose answer was lost,
 * retried after the server forgot its Idempotency-Key (the browser was
 * closed overnight), or on a server that never reads the key: the outbox,
 * the real publisher and the Mastodon adapter against the test server must
 * adopt the status the lost attempt made, and the next part must answer it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startMastodonServer, type MastodonTestServer } from '../../servers/mastodon/index.ts';
import { openSortieDb, type Db } from '../../../lib/db.ts';
import { emptyDraft } from '../../../lib/model/draft.ts';
import type { Account } from '../../../lib/model/account.ts';
import { createJobs } from '../../../lib/outbox/plan.ts';
import { DEFAULT_RETRY_POLICY } from '../../../lib/outbox/retry.ts';
import { addJobs, jobsOfPost, putJob } from '../../../lib/outbox/store.ts';
import { drainOutbox } from '../../../lib/outbox/engine/drain.ts';
import { createPublisher } from '../../../lib/engine/publish-job.ts';
import { createMastodonEngine } from '../../../lib/networks/mastodon/engine/adapter.ts';
import type { NetworkEngines } from '../../../lib/networks/engine-registry.ts';

const HOUR = 3_600_000;
let server: MastodonTestServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

async function setup(profile: 'mastodon' | 'gotosocial', idempotencyKeyTtlMs?: number) {
  server = await startMastodonServer({ profile, ...(idempotencyKeyTtlMs ? { idempotencyKeyTtlMs } : {}) });
  const alice = server.createAccount('alice');
  const db = await openSortieDb();
  const account: Account = {
    id: `mastodon:${server.url}:${alice.id}`,
    network: 'mastodon',
    handle: `@alice@${new URL(server.url).host}`,
    displayName: 'alice',
    server: server.url,
    profileUrl: `${server.url}/@alice`,
    status: 'ok',
    credentials: { network: 'mastodon', server: server.url, accessToken: alice.token, clientId: '', clientSecret: '' },
    defaultInteraction: { reply: 'everyone', allowQuotes: true },
    createdAt: 0,
  };
  await db.put('accounts', account);
  let n = 0;
  const jobs = createJobs({
    postId: 'p',
    draft: emptyDraft('d', 0),
    targets: [{ accountId: account.id, network: 'mastodon', parts: ['A thread in two parts, 1/2', '2/2'] }],
    now: Date.now(),
    newKey: () => `key-${++n}-${Date.now()}`,
    threadRestUnlisted: false,
  });
  await addJobs(db, jobs);
  const engines = {
    mastodon: createMastodonEngine({
      now: Date.now,
      getAccount: async (id) => db.get('accounts', id),
      saveAccount: async (a) => void (await db.put('accounts', a)),
      shrinkImage: async (image) => image,
    }),
  } as unknown as NetworkEngines;
  const publish = createPublisher({ db, engines, now: Date.now });
  return { db, publish, statuses: () => server!.state.statuses.filter((s) => !s.deleted) };
}

function drain(db: Db, publish: ReturnType<typeof createPublisher>) {
  return drainOutbox({ db, now: Date.now, random: () => 0, policy: DEFAULT_RETRY_POLICY, publish });
}

/** The browser comes back after `hoursAway`: the failed job is due, its lost attempt that long ago. */
async function comeBackLater(db: Db, hoursAway: number) {
  for (const job of await jobsOfPost(db, 'p')) {
    if (job.state !== 'retrying') continue;
    await putJob(db, { ...job, unansweredSince: Date.now() - hoursAway * HOUR, nextAttemptAt: 0 });
  }
}

describe('a lost answer retried after the key is gone', () => {
  it('Mastodon, key expired overnight: the status is adopted, posted once, and the next part answers it', async () => {
    const { db, publish, statuses } = await setup('mastodon', 1_000);
    server!.faults.nextStatuses.push('lostResponse');
    const first = await drain(db, publish);
    expect(first.sent).toBe(0);
    expect(statuses()).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await comeBackLater(db, 9);

    const second = await drain(db, publish);
    expect(second.sent).toBe(2);
    const [part1, part2] = statuses();
    expect(statuses()).toHaveLength(2);
    expect(part1!.inReplyToId ?? null).toBeNull();
    expect(part2!.inReplyToId).toBe(part1!.id);
    const jobs = (await jobsOfPost(db, 'p')).sort((a, b) => a.partIndex - b.partIndex);
    expect(jobs.map((j) => j.result?.id)).toEqual([part1!.id, part2!.id]);
  });

  it('GoToSocial ignores the key: even a quick retry looks first and adopts', async () => {
    const { db, publish, statuses } = await setup('gotosocial');
    server!.faults.nextStatuses.push('lostResponse');
    await drain(db, publish);
    expect(statuses()).toHaveLength(1);
    await comeBackLater(db, 0);

    await drain(db, publish);
    expect(statuses()).toHaveLength(2);
    expect(statuses()[1]!.inReplyToId).toBe(statuses()[0]!.id);
  });

  it('when the server cannot be asked, nothing is posted: the part waits', async () => {
    const { db, publish } = await setup('gotosocial');
    server!.faults.nextStatuses.push('lostResponse');
    await drain(db, publish);
    await comeBackLater(db, 0);
    await server!.close();
    server = null;

    const blind = await drain(db, publish);
    expect(blind.sent).toBe(0);
    const [job] = (await jobsOfPost(db, 'p')).filter((j) => j.partIndex === 0);
    expect(job!.state).toBe('retrying');
    expect(job!.lastError?.messageKey).toBe('error.mastodon.earlierAttemptUnchecked');
  });
});
