/**
 * Queue: 1,000 posts to Mastodon and Bluesky (2,000 jobs) queued through
 * the composer's path (tests/e2e/support/bulk.ts), all scheduled for one
 * moment after the queueing is done, so what is timed is the drain alone:
 * from the alarm that wakes the outbox to the last job stored as sent, then
 * checked: every post on both servers exactly once (the scenario, shared
 * with bench/firefox-queue.ts, is support/queue-drain.ts). The
 * extension's memory is sampled every 500 ms meanwhile: JS heap of the
 * service worker and the engine page (CDP Runtime.getHeapUsage) and the
 * resident memory of the extension's renderer process (which also holds
 * the bench's own blank page). Baseline: the same posts sent straight
 * through masto and @atproto/api from a Node process (support/direct-post.ts).
 */
import type { Figure } from './run.ts';
import { enqueuePosts } from '../tests/e2e/support/bulk.ts';
import { startRecordingProxy } from '../tests/e2e/support/proxy.ts';
import { extensionIdOf, launchBench, type BenchBrowser } from './support/browser.ts';
import { BENCH_PAGE, SORTIE_EXT } from './support/build.ts';
import {
  CHUNK,
  LEAD_MS,
  SAMPLE_MS,
  doneIn,
  jobCountsInPage,
  lastSentInPage,
  POSTS,
  checkLanded,
  postDirectly,
  queuePosts,
  waitForDrain,
  type QueuePage,
} from './support/queue-drain.ts';
import { askInPage, connectAccounts, startServers } from './support/servers.ts';
import { sleep } from './support/stats.ts';

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

const peak = (samples: Sample[], key: 'heap' | 'rss'): number => Math.max(0, ...samples.map((s) => s[key]));
const MB = 1024 * 1024;

export async function benchQueue(): Promise<Figure[]> {
  const proxy = await startRecordingProxy();
  const servers = await startServers();
  const browser = await launchBench({ extensions: [SORTIE_EXT], proxyPort: proxy.port });
  try {
    const page = await browser.openExtensionPage(SORTIE_EXT, BENCH_PAGE);
    const accounts = await connectAccounts(askInPage(page), servers, 'queue');
    const targets = [accounts.mastodonId, accounts.blueskyId];
    const jobs = POSTS * targets.length;
    const driver: QueuePage = {
      enqueue: (posts) => enqueuePosts(page, posts),
      counts: () => page.evaluate(jobCountsInPage),
      lastSent: () => page.evaluate(lastSentInPage),
    };

    const queued = await queuePosts(driver, targets, LEAD_MS, 'queue');
    const memory = sampleMemory(browser);
    const drained = await waitForDrain(driver, jobs, queued, LEAD_MS);
    await memory.stop();
    const { drainStart, drainMs } = drained;
    const during = memory.samples.filter((s) => s.at >= drainStart);
    const half = drainStart + drainMs / 2;
    await checkLanded(servers, accounts);
    const direct = await postDirectly(servers, accounts);

    return [
      {
        figure: `queue: ${POSTS} posts to Mastodon + Bluesky (${jobs} jobs) drained (Mastodon's done in ${doneIn(drained, 'mastodon')}, Bluesky's in ${doneIn(drained, 'bluesky')}), posts/s${queued.overran ? ' (queueing overran the due time)' : ''}`,
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
        figure: `queue: queueing ${POSTS} posts (first ${CHUNK} / last ${CHUNK}: ${(queued.chunkMs[0]! / 1000).toFixed(1)} s / ${(queued.chunkMs.at(-1)! / 1000).toFixed(1)} s)`,
        value: (queued.queuedAt - queued.queueStart) / 1000,
        unit: 's',
      },
    ];
  } finally {
    await browser.close();
    await servers.close();
    await proxy.close();
  }
}
