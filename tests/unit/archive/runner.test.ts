import { describe, expect, it } from 'vitest';
import type { ArchiveTweet } from '../../../lib/archive/model';
import { DEFAULT_IMPORT_FILTERS } from '../../../lib/archive/model';
import { dateLine } from '../../../lib/archive/map';
import { createImportRunner, WINDOW_CHAINS, type ImportRunner } from '../../../lib/archive/engine/runner';
import type { ArchiveSource } from '../../../lib/archive/engine/source';
import { getImport, putArchiveFile, recordsOfImport } from '../../../lib/archive/store';
import { openSortieDb, type Db } from '../../../lib/db';
import { PublishError, type PostRef } from '../../../lib/networks/types';
import { DEFAULT_RETRY_POLICY } from '../../../lib/outbox/retry';
import { drainOutbox, type PublishRequest } from '../../../lib/outbox/engine/drain';
import { testAccount } from '../support/accounts';

const DAY = 86_400_000;

function tweet(n: number, extra: Partial<ArchiveTweet> = {}): ArchiveTweet {
  return {
    id: String(1_000 + n),
    text: `Tweet ${n} & <co> @\u2060jack 🇫🇷`,
    createdAt: Date.UTC(2018, 9, 10) + n * DAY,
    lang: 'fr',
    kind: 'post',
    inReplyToOwnId: null,
    inReplyTo: null,
    media: [],
    ...extra,
  };
}

/** 40 tweets: posts, a three-tweet own thread, a photo, a reply to someone else and a retweet (both filtered out). */
function archiveTweets(): ArchiveTweet[] {
  const tweets = Array.from({ length: 40 }, (_, n) => tweet(n));
  tweets[5] = tweet(5, { kind: 'self-reply', inReplyToOwnId: '1004' });
  tweets[6] = tweet(6, { kind: 'self-reply', inReplyToOwnId: '1005' });
  tweets[7] = tweet(7, { media: [{ entry: 'data/tweets_media/1007-a.jpg', type: 'photo', alt: '' }] });
  tweets[8] = tweet(8, { kind: 'reply' });
  tweets[9] = tweet(9, { kind: 'retweet', text: 'RT @someone: hi' });
  return tweets;
}

const KEPT = 38;

function fakeSource(tweets: ArchiveTweet[]): ArchiveSource {
  return {
    read: async () => ({
      account: { accountId: '1', username: 'me', displayName: 'Me' },
      tweets,
      follows: [],
      sizeOf: () => 4,
    }),
    media: async (_file, entry) => (entry.endsWith('.jpg') ? new Blob(['jpeg'], { type: 'image/jpeg' }) : null),
  };
}

/** A server that, like the real ones, stores each idempotency key once. */
function fakeServer() {
  const posts = new Map<
    string,
    { text: string; parent: string | null; createdAt: number | undefined; images: number }
  >();
  const deleted: string[] = [];
  const publish = async ({ job, parent }: PublishRequest): Promise<PostRef> => {
    if (!posts.has(job.idempotencyKey)) {
      posts.set(job.idempotencyKey, {
        text: job.text,
        parent: parent?.id ?? null,
        createdAt: job.originalDate,
        images: job.images.length,
      });
    }
    const id =
      job.network === 'bluesky' ? `at://did:plc:x/app.bsky.feed.post/${job.idempotencyKey}` : job.idempotencyKey;
    return { id, url: `https://example/${job.idempotencyKey}` };
  };
  return {
    posts,
    deleted,
    publish,
  };
}

interface Engine {
  runner: ImportRunner;
  drains: number;
}

function engine(db: Db, clock: { t: number }, options: { failDelete?: string } = {}): Engine {
  const e: Engine = {
    drains: 0,
    runner: createImportRunner({
      db,
      now: () => clock.t,
      source: fakeSource(archiveTweets()),
      prepareImage: async (blob) => ({ blob, mime: 'image/jpeg', width: 4, height: 3 }),
      deleterFor: (network) =>
        network === 'bluesky'
          ? async (_account, uri) => {
              if (uri === options.failDelete) throw new PublishError('transient', 'error.network', '503');
            }
          : null,
      videoSizeLimitFor: async () => undefined,
      announce: () => undefined,
      requestDrain: () => {
        e.drains++;
      },
      newKey: (network) => `${network}-${crypto.randomUUID()}`,
      lang: async () => 'en',
    }),
  };
  return e;
}

async function setup(): Promise<Db> {
  const db = await openSortieDb();
  await db.put('accounts', testAccount('B', 'bluesky'));
  await db.put('accounts', testAccount('M', 'mastodon'));
  await putArchiveFile(db, { importId: 'imp', file: new Blob(['zip']), name: 'twitter.zip', size: 3, storedAt: 0 });
  return db;
}

async function drain(db: Db, e: Engine, server: ReturnType<typeof fakeServer>, clock: { t: number }) {
  return drainOutbox({
    db,
    now: () => clock.t,
    random: () => 0,
    policy: DEFAULT_RETRY_POLICY,
    publish: server.publish,
    onJobChange: (job) => e.runner.jobChanged(job),
  });
}

/** Drains and feeds until the import has nothing left, moving the clock to each wake-up. */
async function runToEnd(db: Db, e: Engine, server: ReturnType<typeof fakeServer>, clock: { t: number }): Promise<void> {
  for (let round = 0; round < 500; round++) {
    await e.runner.feed();
    const result = await drain(db, e, server, clock);
    await e.runner.idle();
    const run = await getImport(db, 'imp');
    if (run?.state === 'done') return;
    if (result.nextWakeAt !== null) clock.t = result.nextWakeAt;
  }
  throw new Error('the import never finished');
}

function start(e: Engine, accountIds = ['B', 'M']) {
  return e.runner.start({
    importId: 'imp',
    accountIds,
    filters: DEFAULT_IMPORT_FILTERS,
    timeZone: 'UTC',
    mirror: null,
  });
}

/** Every kept tweet is on the server exactly once per account, with the keys its record fixed. */
async function expectExactlyOnce(db: Db, server: ReturnType<typeof fakeServer>): Promise<void> {
  const records = await recordsOfImport(db, 'imp');
  expect(records).toHaveLength(KEPT * 2);
  expect(records.every((r) => r.state === 'posted')).toBe(true);
  const keys = records.flatMap((r) => r.keys);
  expect(new Set(keys).size).toBe(keys.length);
  expect([...server.posts.keys()].sort()).toEqual([...keys].sort());
  for (const r of records) expect(r.uris).toHaveLength(r.parts.length);
}

describe('running an archive import', () => {
  it('posts every kept tweet once per account, threads as threads, Bluesky with the original date', async () => {
    const db = await setup();
    const clock = { t: Date.UTC(2026, 0, 1) };
    const e = engine(db, clock);
    const server = fakeServer();
    const status = await start(e);
    expect(status.counts.total).toBe(KEPT * 2);
    expect(status.counts.queued).toBe(WINDOW_CHAINS);
    await runToEnd(db, e, server, clock);
    await expectExactlyOnce(db, server);

    const records = await recordsOfImport(db, 'imp');
    const b = (x: string) => records.find((r) => r.accountId === 'B' && r.xId === x)!;
    // The own thread: 1005 answers 1004's post, 1006 answers 1005's.
    expect(server.posts.get(b('1005').keys[0]!)!.parent).toBe(b('1004').uris[0]);
    expect(server.posts.get(b('1006').keys[0]!)!.parent).toBe(b('1005').uris[0]);
    expect(server.posts.get(b('1004').keys[0]!)!.parent).toBeNull();
    expect(server.posts.get(b('1004').keys[0]!)!.createdAt).toBe(tweet(4).createdAt);
    expect(server.posts.get(b('1007').keys[0]!)!.images).toBe(1);
    // The text as mapped; Mastodon's copy starts with the date, unlisted, and only where a thread starts.
    expect(server.posts.get(b('1000').keys[0]!)!.text).toBe('Tweet 0 & <co> @\u2060jack 🇫🇷');
    const m = (x: string) => records.find((r) => r.accountId === 'M' && r.xId === x)!;
    expect(server.posts.get(m('1000').keys[0]!)!.text).toBe(
      `${dateLine(tweet(0).createdAt, 'en', 'UTC')}\nTweet 0 & <co> @\u2060jack 🇫🇷`,
    );
    expect(server.posts.get(m('1005').keys[0]!)!.text).toBe('Tweet 5 & <co> @\u2060jack 🇫🇷');
    expect(m('1000').visibility).toBe('unlisted');
    // Filtered out by default: replies to others and retweets.
    expect(records.some((r) => r.xId === '1008' || r.xId === '1009')).toBe(false);
    // Done: the ZIP is let go, and the photo with the jobs that used it.
    expect(await db.get('archiveFiles', 'imp')).toBeUndefined();
    expect(await db.count('media')).toBe(0);
  });

  it('a killed engine mid-request, then a new one on the same database, posts nothing twice', async () => {
    const db = await setup();
    const clock = { t: Date.UTC(2026, 0, 1) };
    const first = engine(db, clock);
    const server = fakeServer();
    await start(first);
    // The first engine is killed during its first request, which the server had already taken:
    // it never answers, and nothing more leaves that engine (its jobs are all stored as "sending").
    let requests = 0;
    const dying = async (request: PublishRequest): Promise<PostRef> => {
      if (requests++ === 0) await server.publish(request);
      return new Promise<PostRef>(() => undefined);
    };
    void drainOutbox({ db, now: () => clock.t, random: () => 0, policy: DEFAULT_RETRY_POLICY, publish: dying });
    await new Promise((r) => setTimeout(r, 50));
    expect(await db.countFromIndex('jobs', 'byState', 'sending')).toBeGreaterThan(1);
    expect(server.posts.size).toBe(1);

    const second = engine(db, clock);
    await runToEnd(db, second, server, clock);
    await expectExactlyOnce(db, server);
  });

  it('a restart between planning and queueing queues each chain once, with the planned keys', async () => {
    const db = await setup();
    const clock = { t: Date.UTC(2026, 0, 1) };
    const first = engine(db, clock);
    await start(first);
    const planned = new Map((await recordsOfImport(db, 'imp')).map((r) => [r.id, r.keys]));
    // Two engines feeding the same import (a restart racing a late wake-up) queue nothing twice.
    const second = engine(db, clock);
    await Promise.all([first.runner.feed(), second.runner.feed()]);
    const jobs = await db.getAll('jobs');
    expect(new Set(jobs.map((j) => j.idempotencyKey)).size).toBe(jobs.length);
    const server = fakeServer();
    await runToEnd(db, second, server, clock);
    await expectExactlyOnce(db, server);
    for (const r of await recordsOfImport(db, 'imp')) expect(r.keys).toEqual(planned.get(r.id));
  });

  it('pause takes back what has not started, resume queues it again with the same keys, stop skips the rest', async () => {
    const db = await setup();
    const clock = { t: Date.UTC(2026, 0, 1) };
    const e = engine(db, clock);
    await start(e, ['M']);
    const keys = new Map((await recordsOfImport(db, 'imp')).map((r) => [r.id, r.keys]));
    const paused = await e.runner.pause('imp');
    expect(paused.state).toBe('paused');
    expect(paused.counts.queued).toBe(0);
    expect(await db.count('jobs')).toBe(0);
    // Nothing goes out while paused.
    const server = fakeServer();
    await e.runner.feed();
    await drain(db, e, server, clock);
    expect(server.posts.size).toBe(0);

    const resumed = await e.runner.resume('imp');
    expect(resumed.state).toBe('running');
    expect(resumed.counts.queued).toBe(WINDOW_CHAINS);
    for (const r of await recordsOfImport(db, 'imp')) expect(r.keys).toEqual(keys.get(r.id));
    await drain(db, e, server, clock);
    await e.runner.idle();
    const stopped = await e.runner.stop('imp');
    expect(stopped.state).toBe('stopped');
    expect(stopped.counts.planned).toBe(0);
    expect(stopped.counts.skipped).toBeGreaterThan(0);
    expect(stopped.counts.posted + stopped.counts.queued + stopped.counts.skipped).toBe(KEPT);
    await e.runner.feed();
    await e.runner.idle();
    expect((await getImport(db, 'imp'))?.state).toBe('stopped');
  });

  it('undo deletes every Bluesky post it created and says exactly which it could not', async () => {
    const db = await setup();
    const clock = { t: Date.UTC(2026, 0, 1) };
    const probe = engine(db, clock);
    const server = fakeServer();
    await start(probe);
    await runToEnd(db, probe, server, clock);
    const records = await recordsOfImport(db, 'imp');
    const stuck = records.find((r) => r.accountId === 'B' && r.xId === '1010')!.uris[0]!;
    const e = engine(db, clock, { failDelete: stuck });
    const report = await e.runner.undo('imp');
    const onBluesky = records.filter((r) => r.network === 'bluesky').flatMap((r) => r.uris);
    expect(report.deleted).toBe(onBluesky.length - 1);
    expect(report.failed).toEqual([
      { xId: '1010', accountId: 'B', uri: stuck, messageKey: 'error.network', detail: '503' },
    ]);
    expect(report.notUndoable).toBe(records.filter((r) => r.network === 'mastodon').flatMap((r) => r.uris).length);
    const after = await recordsOfImport(db, 'imp');
    expect(after.filter((r) => r.network === 'bluesky' && r.state === 'undone')).toHaveLength(KEPT - 1);
    expect(after.find((r) => r.accountId === 'B' && r.xId === '1010')).toMatchObject({
      state: 'posted',
      uris: [stuck],
    });
  });

  it('an account removed mid-import fails its records instead of stalling', async () => {
    const db = await setup();
    const clock = { t: Date.UTC(2026, 0, 1) };
    const e = engine(db, clock);
    await start(e, ['B']);
    await db.delete('accounts', 'B');
    const server = fakeServer();
    await runToEnd(db, e, server, clock);
    const status = await e.runner.status('imp');
    expect(status.state).toBe('done');
    expect(status.counts.failed).toBe(KEPT);
    expect(status.failures[0]).toMatchObject({ messageKey: 'error.accountGone' });
    expect(server.posts.size).toBe(0);
  });
});
