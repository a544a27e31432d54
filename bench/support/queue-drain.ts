/**
 * The queue benches' scenario, the same in every browser (bench/queue.ts in
 * Chromium, bench/firefox-queue.ts in Firefox): 1,000 posts to Mastodon and
 * Bluesky queued through the composer's path in chunks, all due at one
 * moment after the queueing, the drain timed from then to the last job
 * stored as sent, and the baseline of the same posts sent from Node.
 *
 * Each browser's driver supplies how to run things in its extension page;
 * what runs there (`jobCountsInPage`, `lastSentInPage`, bulk.ts's
 * `enqueueInPage`) is written once, self-contained, so either driver can run it.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BulkPost } from '../../tests/e2e/support/bulk.ts';
import type { BenchAccounts, BenchServers } from './servers.ts';
import { sleep } from './stats.ts';

export const POSTS = 1_000;
export const CHUNK = 100;
/**
 * When the posts fall due, after the start of queueing. Queueing 1,000 takes
 * about 5 s here (each is planned in the engine and stored; nothing drains
 * before they are due); a run where it took longer is flagged in the table.
 */
export const LEAD_MS = 40_000;
/** How often the extension's memory is sampled during the drain. */
export const SAMPLE_MS = 500;
const DRAIN_TIMEOUT_MS = 6 * 60_000;
const TEXT = 'Post ✊🏽 manif à 14h, place de la République';

/** Job counts by state, read from the extension's IndexedDB (runs in an extension page). */
export async function jobCountsInPage(): Promise<Record<string, number>> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('sortie');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const index = db.transaction('jobs').objectStore('jobs').index('byState');
  const counts: Record<string, number> = {};
  for (const state of ['queued', 'sending', 'retrying', 'sent', 'failed', 'cancelled']) {
    counts[state] = await new Promise<number>((resolve, reject) => {
      const req = index.count(state);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  }
  db.close();
  return counts;
}

/** When the last job of each network was stored as sent (runs in an extension page). */
export async function lastSentInPage(): Promise<Record<string, number>> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('sortie');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const jobs = await new Promise<Array<{ updatedAt: number; network: string }>>((resolve, reject) => {
    const req = db.transaction('jobs').objectStore('jobs').index('byState').getAll('sent');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  db.close();
  const last: Record<string, number> = {};
  for (const j of jobs) last[j.network] = Math.max(last[j.network] ?? 0, j.updatedAt);
  return last;
}

/** What a driver runs in its browser's extension page. */
export interface QueuePage {
  enqueue(posts: BulkPost[]): Promise<void>;
  counts(): Promise<Record<string, number>>;
  lastSent(): Promise<Record<string, number>>;
}

export interface Queued {
  queueStart: number;
  queuedAt: number;
  dueAt: number;
  /** The queueing took longer than the lead: some posts fell due while others were being queued. */
  overran: boolean;
  chunkMs: number[];
}

/** Queues POSTS posts to `targets`, all due `leadMs` after the queueing starts. */
export async function queuePosts(page: QueuePage, targets: string[], leadMs: number, bench: string): Promise<Queued> {
  const queueStart = Date.now();
  const dueAt = queueStart + leadMs;
  const chunkMs: number[] = [];
  for (let from = 0; from < POSTS; from += CHUNK) {
    const posts: BulkPost[] = Array.from({ length: CHUNK }, (_, i) => ({
      text: `${TEXT} ${from + i}`,
      targets,
      images: 0,
      scheduledAt: new Date(dueAt).toISOString(),
    }));
    const t = Date.now();
    await page.enqueue(posts);
    chunkMs.push(Date.now() - t);
  }
  const queuedAt = Date.now();
  console.log(
    `bench: ${bench}: ${POSTS} posts queued in ${((queuedAt - queueStart) / 1000).toFixed(0)} s; draining at ${new Date(dueAt).toISOString()}`,
  );
  return { queueStart, queuedAt, dueAt, overran: queuedAt > dueAt, chunkMs };
}

export interface Drained {
  /** When the drain began: the due time, or the last look that still found every job queued if later. */
  drainStart: number;
  /** How long after the due time every job was last seen still queued (the wake-up's delay, to the poll). */
  startedLateMs: number;
  drainMs: number;
  /** When the last job of each network was stored as sent. */
  last: Record<string, number>;
}

/** Waits for every job to be sent; throws on a failed job or a drain that does not end. */
export async function waitForDrain(page: QueuePage, jobs: number, queued: Queued, leadMs: number): Promise<Drained> {
  // The drain began between the last look that found every job still queued and the next one.
  let allQueuedSeenAt = queued.queuedAt;
  for (;;) {
    const counts = await page.counts();
    if ((counts.queued ?? 0) === jobs) allQueuedSeenAt = Date.now();
    if ((counts.sent ?? 0) + (counts.failed ?? 0) + (counts.cancelled ?? 0) === jobs) {
      if (counts.failed) throw new Error(`bench: ${counts.failed} jobs failed`);
      break;
    }
    if (Date.now() - queued.queuedAt > leadMs + DRAIN_TIMEOUT_MS)
      throw new Error(`bench: drain unfinished: ${JSON.stringify(counts)}`);
    await sleep(250);
  }
  const drainStart = Math.max(queued.dueAt, allQueuedSeenAt);
  const last = await page.lastSent();
  return {
    drainStart,
    startedLateMs: drainStart - queued.dueAt,
    drainMs: Math.max(...Object.values(last)) - drainStart,
    last,
  };
}

/**
 * Every post is on both servers exactly once: a drain that lost or doubled
 * posts would make its rate meaningless (and is a bug). Read before the
 * baseline posts the same texts again.
 */
export async function checkLanded(servers: BenchServers, accounts: BenchAccounts): Promise<void> {
  const mastodon = servers.mastodon.state.statuses
    .filter((s) => s.accountId === accounts.mastodon.id)
    .map((s) => s.text);
  const agent = await servers.pds.agentFor(accounts.bluesky.did);
  const bluesky: string[] = [];
  let cursor: string | undefined;
  do {
    const { data } = await agent.com.atproto.repo.listRecords({
      repo: accounts.bluesky.did,
      collection: 'app.bsky.feed.post',
      limit: 100,
      cursor,
    });
    for (const r of data.records) bluesky.push((r.value as { text: string }).text);
    cursor = data.records.length > 0 ? data.cursor : undefined;
  } while (cursor !== undefined);
  for (const [network, texts] of [
    ['Mastodon', mastodon],
    ['Bluesky', bluesky],
  ] as const) {
    const distinct = new Set(texts).size;
    if (texts.length !== POSTS || distinct !== POSTS)
      throw new Error(`bench: ${network} has ${texts.length} posts (${distinct} distinct) of ${POSTS}`);
  }
}

/** "Mastodon's done in 12.3 s": how long after the drain began a network's last job was sent. */
export function doneIn(drained: Drained, network: string): string {
  return `${(((drained.last[network] ?? Number.NaN) - drained.drainStart) / 1000).toFixed(1)} s`;
}

/** The baseline: the same posts sent straight from a Node process (direct-post.ts). */
export async function postDirectly(
  servers: BenchServers,
  accounts: BenchAccounts,
): Promise<{ ms: number; peakRssBytes: number }> {
  const script = fileURLToPath(new URL('./direct-post.ts', import.meta.url));
  const input = {
    posts: POSTS,
    mastodon: { url: servers.mastodon.url, token: accounts.mastodon.token },
    bluesky: {
      service: servers.pds.url,
      identifier: accounts.bluesky.handle,
      password: accounts.bluesky.appPassword,
    },
    text: TEXT,
  };
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--experimental-strip-types', '--no-warnings', script, JSON.stringify(input)],
    { maxBuffer: 1024 * 1024 },
  );
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { ms: number; peakRssBytes: number };
}
