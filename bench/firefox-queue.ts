/**
 * Queue in Firefox ESR: bench/queue.ts's scenario (support/queue-drain.ts)
 * in Sortie's Firefox build, driven over Marionette. 1,000 posts to Mastodon
 * and Bluesky (2,000 jobs) queued through the composer's path (bulk.ts's
 * `enqueueInPage`) in chunks of 100, all due at one moment after the
 * queueing; the drain is timed from then (Firefox's alarm wakes the event
 * page, which opens the engine frame) to the last job stored as sent, read
 * from the extension's IndexedDB; then every post is checked to be on both
 * servers exactly once. Baseline: the same posts sent straight from a Node
 * process (support/direct-post.ts), in the same run.
 *
 * Marionette cannot evaluate a function in an extension page's own world
 * (its scripts run in a sandbox that does not see the page's `browser`), so
 * the add-on copy gets a bench page whose script holds those functions' source,
 * called from Marionette by name with JSON in and out.
 *
 * Memory: Firefox has no CDP heap figures, so no heap rows; the resident
 * memory of the content process that hosts extensions (found through
 * ChromeUtils.requestProcInfo in Marionette's chrome context) is read from
 * /proc every 500 ms during the drain: it holds the event page, the engine
 * frame and the bench's own page, as Chromium's extension renderer does.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Figure } from './run.ts';
import { enqueueInPage } from '../tests/e2e/support/bulk.ts';
import { FIREFOX, FIREFOX_BUILD, launchFirefox, type SortieFirefox } from '../tests/e2e/support/firefox.ts';
import { startRecordingProxy } from '../tests/e2e/support/proxy.ts';
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
import { connectAccounts, startServers, type AskSortie } from './support/servers.ts';
import { sleep } from './support/stats.ts';
import { keepFirstTab } from './support/welcome-tab.ts';

/** One chunk of 100 posts, or one look at the jobs, well within this. */
const SCRIPT_TIMEOUT_MS = 5 * 60_000;

const ADDON = fileURLToPath(new URL('./.tmp/sortie-firefox-queue', import.meta.url));
const PAGE = 'bench-queue.html';

/** The add-on with a page whose script runs the scenario's in-page functions by name. */
function prepareAddon(): void {
  if (!existsSync(`${FIREFOX_BUILD}/background.js`))
    throw new Error(`bench: no Firefox build in ${FIREFOX_BUILD} (npx wxt build -b firefox)`);
  rmSync(ADDON, { recursive: true, force: true });
  cpSync(FIREFOX_BUILD, ADDON, { recursive: true });
  writeFileSync(
    `${ADDON}/${PAGE}`,
    '<!doctype html><meta charset="utf-8"><title>bench</title><script src="bench-queue.js"></script>\n',
  );
  // `chrome` in these functions is the page's `browser` (Firefox's promise-based namespace).
  writeFileSync(
    `${ADDON}/bench-queue.js`,
    `(() => {
  const chrome = globalThis.browser;
  const fns = {
    enqueue: ${enqueueInPage.toString()},
    counts: ${jobCountsInPage.toString()},
    lastSent: ${lastSentInPage.toString()},
    ask: async (name, body) => {
      const reply = await chrome.runtime.sendMessage({ sortie: 1, name, body });
      if (!reply?.ok) throw new Error(name + ' failed: ' + JSON.stringify(reply));
      return reply.value;
    },
  };
  window.sortieBench = async (name, json) => JSON.stringify((await fns[name](...JSON.parse(json))) ?? null);
})();\n`,
  );
}

/** Runs one of the bench page's functions; strings cross between Marionette's sandbox and the page. */
async function inPage<T>(ff: SortieFirefox, name: string, ...args: unknown[]): Promise<T> {
  const { value } = await ff.marionette.send<{ value: string | { benchError: string } }>(
    'WebDriver:ExecuteAsyncScript',
    {
      script: `const [name, json] = arguments; const done = arguments[arguments.length - 1];
        window.wrappedJSObject.sortieBench(name, json).then(done, (e) => done({ benchError: String(e) }));`,
      args: [name, JSON.stringify(args)],
      sandbox: 'system',
    },
  );
  if (typeof value !== 'string') throw new Error(`bench: ${name}: ${value.benchError}`);
  return JSON.parse(value) as T;
}

/**
 * The pids of the content processes that host extensions, from Firefox's own
 * process list (every content process's cmdline ends in `tab`: the remote
 * type is not on it). Asked once, before the sampling, since Marionette's
 * chrome context is one per session and the drain's looks run in content.
 */
async function extensionProcesses(ff: SortieFirefox): Promise<number[]> {
  const m = ff.marionette;
  await m.send('Marionette:SetContext', { value: 'chrome' });
  try {
    const { value } = await m.send<{ value: number[] | string }>('WebDriver:ExecuteAsyncScript', {
      script: `const done = arguments[arguments.length - 1];
        ChromeUtils.requestProcInfo().then(
          (info) => done(info.children.filter((c) => c.type === 'extension').map((c) => c.pid)),
          (e) => done(String(e)),
        );`,
      args: [],
    });
    if (typeof value === 'string') throw new Error(`bench: requestProcInfo: ${value}`);
    return value;
  } finally {
    await m.send('Marionette:SetContext', { value: 'content' });
  }
}

function rssOf(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    if (kb !== undefined) total += Number(kb) * 1024;
  }
  return total;
}

/** Samples these processes' RSS until stopped. */
function sampleRss(pids: number[]): { samples: Array<{ at: number; rss: number }>; stop: () => Promise<void> } {
  const samples: Array<{ at: number; rss: number }> = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        samples.push({ at: Date.now(), rss: rssOf(pids) });
      } catch {
        // The process ended (Firefox restarts a crashed extension process): no sample.
      }
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

const MB = 1024 * 1024;

/** Launches Firefox with the add-on and leaves one tab on the bench page. */
async function launch(proxyPort: number): Promise<{ ff: SortieFirefox; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'sortie-bench-ff-queue-'));
  const ff = await launchFirefox(dir, proxyPort, 'en-US, en', ADDON);
  const m = ff.marionette;
  // Sortie opens its welcome tab once its rules and settings are in place: the bench starts from there.
  await keepFirstTab(m, 20_000);
  await m.send('WebDriver:SetTimeouts', { script: SCRIPT_TIMEOUT_MS });
  await m.send('WebDriver:Navigate', { url: `${ff.extensionOrigin}/${PAGE}` });
  return { ff, dir };
}

export async function benchFirefoxQueue(): Promise<Figure[]> {
  if (!FIREFOX) throw new Error('Firefox ESR is not installed');
  prepareAddon();
  const proxy = await startRecordingProxy();
  const servers = await startServers();
  const { ff, dir } = await launch(proxy.port);
  try {
    const ask: AskSortie = (name, body) => inPage(ff, 'ask', name, body);
    const accounts = await connectAccounts(ask, servers, 'ffqueue');
    const targets = [accounts.mastodonId, accounts.blueskyId];
    const jobs = POSTS * targets.length;
    const driver: QueuePage = {
      enqueue: (posts) => inPage(ff, 'enqueue', posts),
      counts: () => inPage(ff, 'counts'),
      lastSent: () => inPage(ff, 'lastSent'),
    };

    const queued = await queuePosts(driver, targets, LEAD_MS, 'firefox queue');
    const pids = await extensionProcesses(ff);
    if (pids.length === 0) console.log('bench: firefox queue: no extension process found, its memory is not measured');
    const memory = sampleRss(pids);
    const drained = await waitForDrain(driver, jobs, queued, LEAD_MS);
    await memory.stop();
    const during = memory.samples.filter((s) => s.at >= drained.drainStart);
    const peakRss = Math.max(0, ...during.map((s) => s.rss));
    await checkLanded(servers, accounts);
    const direct = await postDirectly(servers, accounts);

    const figures: Figure[] = [
      {
        figure: `firefox queue: ${POSTS} posts to Mastodon + Bluesky (${jobs} jobs) drained (Mastodon's done in ${doneIn(drained, 'mastodon')}, Bluesky's in ${doneIn(drained, 'bluesky')}; all still queued ${(drained.startedLateMs / 1000).toFixed(1)} s after the due time), posts/s${queued.overran ? ' (queueing overran the due time)' : ''}`,
        value: POSTS / (drained.drainMs / 1000),
        unit: 'posts/s',
        baseline: POSTS / (direct.ms / 1000),
      },
      {
        figure: `firefox queue: queueing ${POSTS} posts (first ${CHUNK} / last ${CHUNK}: ${(queued.chunkMs[0]! / 1000).toFixed(1)} s / ${(queued.chunkMs.at(-1)! / 1000).toFixed(1)} s)`,
        value: (queued.queuedAt - queued.queueStart) / 1000,
        unit: 's',
      },
    ];
    if (peakRss > 0)
      figures.push({
        figure:
          'firefox queue: peak RSS of the extension process (no JS heap figures in Firefox) vs. the Node process posting directly',
        value: peakRss / MB,
        unit: 'MB',
        baseline: direct.peakRssBytes / MB,
      });
    return figures;
  } finally {
    await ff.close();
    rmSync(dir, { recursive: true, force: true });
    await servers.close();
    await proxy.close();
  }
}
