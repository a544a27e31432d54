/**
 * Queue: 1,000 posts to Mastodon and Bluesky (2,000 jobs) queued through
 * the composer's path (tests/e2e/support/bulk.ts), all scheduled for one
 * moment after the queueing is done, so what is timed is the drain alone:
 * from the alarm that wakes the outbox to the last job stored as sent. The
 * extension's memory is sampled every 500 ms meanwhile: JS heap of the
 * service worker and the engine page (CDP Runtime.getHeapUsage) and the
 * resident memory of the extension's renderer process (which also holds
 * the bench's own blank page). Baseline: the same posts sent straight
 * through masto and @atproto/api from a Node process (support/direct-post.ts).
 */
import type { Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Figure } from './run.ts';
import { enqueuePosts, type BulkPost } from '../tests/e2e/support/bulk.ts';
import { startRecordingProxy } from '../tests/e2e/support/proxy.ts';
import { extensionIdOf, launchBench, type BenchBrowser } from './support/browser.ts';
import { BENCH_PAGE, SORTIE_EXT } from './support/build.ts';
import { connectAccounts, startServers } from './support/servers.ts';
import { sleep } from './support/stats.ts';

const POSTS = 1_000;
const CHUNK = 100;
/**
 * When the posts fall due, after the start of queueing. Queueing 1,000 takes
 * about 5 s here (each is planned in the engine and stored; nothing drains
 * before they are due); a run where it took longer is flagged in the table.
 */
const LEAD_MS = 40_000;
const SAMPLE_MS = 500;
const DRAIN_TIMEOUT_MS = 6 * 60_000;
const TEXT = 'Post ✊🏽 manif à 14h, place de la République';

interface Sample {
  at: number;
  heap: number;
  rss: number;
}

/** Samples the worker's and the engine's heaps and the extension process's RSS until stopped. */
function sampleMemory(browser: BenchBrowser): { samples: Sample[]; stop: () => Promise<void> } {
  const origin = `chrome-extension://${extensionIdOf(SORTIE_EXT)}`;
  const wanted = (url: string): boolean => url === `${origin}/background.js` || url.startsWith(`${origin}/engine.html`);
  const samples: Sample[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      let heap = 0;
      for (const used of (await browser.cdp.heapUsed(wanted)).values()) heap += used;
      samples.push({ at: Date.now(), heap, rss: await browser.cdp.extensionProcessRss() });
      await sleep(SAMPLE_MS);
    }
  })();
  return {
    samples,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

/** Job counts by state, read from the extension's IndexedDB. */
async function countByState(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
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
  });
}

/** When the last job of each network was stored as sent. */
async function lastSentAt(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
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
  });
}

const peak = (samples: Sample[], key: 'heap' | 'rss'): number => Math.max(0, ...samples.map((s) => s[key]));
const MB = 1024 * 1024;

export async function benchQueue(): Promise<Figure[]> {
  const proxy = await startRecordingProxy();
  const servers = await startServers();
  const browser = await launchBench({ extensions: [SORTIE_EXT], proxyPort: proxy.port });
  try {
    const page = await browser.openExtensionPage(SORTIE_EXT, BENCH_PAGE);
    const accounts = await connectAccounts(page, servers, 'queue');
    const targets = [accounts.mastodonId, accounts.blueskyId];
    const jobs = POSTS * targets.length;

    const queueStart = Date.now();
    const dueAt = queueStart + LEAD_MS;
    const chunkMs: number[] = [];
    for (let from = 0; from < POSTS; from += CHUNK) {
      const posts: BulkPost[] = Array.from({ length: CHUNK }, (_, i) => ({
        text: `${TEXT} ${from + i}`,
        targets,
        images: 0,
        scheduledAt: new Date(dueAt).toISOString(),
      }));
      const t = Date.now();
      await enqueuePosts(page, posts);
      chunkMs.push(Date.now() - t);
    }
    const queuedAt = Date.now();
    const overran = queuedAt > dueAt;
    console.log(
      `bench: queue: ${POSTS} posts queued in ${((queuedAt - queueStart) / 1000).toFixed(0)} s; draining at ${new Date(dueAt).toISOString()}`,
    );

    const memory = sampleMemory(browser);
    // The drain began between the last look that found every job still queued and the next one.
    let allQueuedSeenAt = queuedAt;
    for (;;) {
      const counts = await countByState(page);
      if ((counts.queued ?? 0) === jobs) allQueuedSeenAt = Date.now();
      if ((counts.sent ?? 0) + (counts.failed ?? 0) + (counts.cancelled ?? 0) === jobs) {
        if (counts.failed) throw new Error(`bench: ${counts.failed} jobs failed`);
        break;
      }
      if (Date.now() - queuedAt > LEAD_MS + DRAIN_TIMEOUT_MS)
        throw new Error(`bench: drain unfinished: ${JSON.stringify(counts)}`);
      await sleep(250);
    }
    await memory.stop();
    const drainStart = Math.max(dueAt, allQueuedSeenAt);
    const last = await lastSentAt(page);
    const drainMs = Math.max(...Object.values(last)) - drainStart;
    const doneIn = (network: string): string => `${(((last[network] ?? Number.NaN) - drainStart) / 1000).toFixed(1)} s`;
    const during = memory.samples.filter((s) => s.at >= drainStart);
    const half = drainStart + drainMs / 2;

    const script = fileURLToPath(new URL('./support/direct-post.ts', import.meta.url));
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
    const direct = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { ms: number; peakRssBytes: number };

    return [
      {
        figure: `queue: ${POSTS} posts to Mastodon + Bluesky (${jobs} jobs) drained (Mastodon's done in ${doneIn('mastodon')}, Bluesky's in ${doneIn('bluesky')}), posts/s${overran ? ' (queueing overran the due time)' : ''}`,
        value: POSTS / (drainMs / 1000),
        unit: 'posts/s',
        baseline: POSTS / (direct.ms / 1000),
      },
      {
        figure: 'queue: peak JS heap, service worker + engine, during the drain',
        value: peak(during, 'heap') / MB,
        unit: 'MB',
      },
      {
        figure: 'queue: the same, 2nd half of the drain vs. 1st half (flat ≈ 1)',
        value:
          peak(
            during.filter((s) => s.at >= half),
            'heap',
          ) / MB,
        unit: 'MB',
        baseline:
          peak(
            during.filter((s) => s.at < half),
            'heap',
          ) / MB,
      },
      {
        figure: 'queue: peak RSS of the extension process vs. the Node process posting directly',
        value: peak(during, 'rss') / MB,
        unit: 'MB',
        baseline: direct.peakRssBytes / MB,
      },
      {
        figure: `queue: queueing ${POSTS} posts (first ${CHUNK} / last ${CHUNK}: ${(chunkMs[0]! / 1000).toFixed(1)} s / ${(chunkMs.at(-1)! / 1000).toFixed(1)} s)`,
        value: (queuedAt - queueStart) / 1000,
        unit: 's',
      },
    ];
  } finally {
    await browser.close();
    await servers.close();
    await proxy.close();
  }
}
