/**
 * Wake: from a stopped service worker to the first answered message, Sortie
 * vs. an empty worker, both loaded in the same browser and measured in
 * turns. Each sample: stop every service worker over CDP, wait until the
 * worker's target is gone, then time chrome.runtime.sendMessage from an
 * extension page of the same extension to its answer. Sortie answers
 * 'settings.get', a real handler that opens IndexedDB.
 */
import type { Page } from '@playwright/test';
import type { Figure } from './run.ts';
import { launchBench, extensionIdOf, type BenchBrowser } from './support/browser.ts';
import { BENCH_PAGE, EMPTY_EXT, SORTIE_EXT } from './support/build.ts';
import { startRecordingProxy } from '../tests/e2e/support/proxy.ts';
import { median, sleep, waitFor } from './support/stats.ts';

const RUNS = 30;
/** Let the stopped worker's process settle before waking it. */
const SETTLE_MS = 100;

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

interface Case {
  dir: string;
  message: unknown;
  /** A refusal is the expected answer (the message that only measures start-up). */
  refused: boolean;
  cold: number[];
  warm: number[];
}

async function roundTrip(page: Page, c: Case): Promise<number> {
  return page.evaluate(
    async ({ message, refused }) => {
      const start = performance.now();
      const reply = (await chrome.runtime.sendMessage(message)) as { ok?: boolean } | undefined;
      const elapsed = performance.now() - start;
      if (reply?.ok !== !refused) throw new Error(`bench: unexpected answer: ${JSON.stringify(reply)}`);
      return elapsed;
    },
    { message: c.message, refused: c.refused },
  );
}

async function workerRunning(browser: BenchBrowser, dir: string): Promise<boolean> {
  const prefix = `chrome-extension://${extensionIdOf(dir)}/`;
  return (await browser.cdp.targets()).some((t) => t.type === 'service_worker' && t.url.startsWith(prefix));
}

async function wakeOnce(browser: BenchBrowser, page: Page, c: Case): Promise<number> {
  const session = await page.context().newCDPSession(page);
  await session.send('ServiceWorker.enable');
  await session.send('ServiceWorker.stopAllWorkers');
  await session.detach();
  await waitFor('the worker to stop', async () => ((await workerRunning(browser, c.dir)) ? undefined : true), 10_000);
  await sleep(SETTLE_MS);
  return roundTrip(page, c);
}

export async function benchWake(): Promise<Figure[]> {
  const proxy = await startRecordingProxy();
  const browser = await launchBench({ extensions: [SORTIE_EXT, EMPTY_EXT], proxyPort: proxy.port });
  try {
    const sortie: Case = {
      dir: SORTIE_EXT,
      message: { sortie: 1, name: 'settings.get' },
      refused: false,
      cold: [],
      warm: [],
    };
    const empty: Case = { dir: EMPTY_EXT, message: { ping: 1 }, refused: false, cold: [], warm: [] };
    // Refused by the router before any handler: the worker's start-up alone, without IndexedDB.
    const startOnly: Case = {
      dir: SORTIE_EXT,
      message: { sortie: 1, name: 'bench.unknown' },
      refused: true,
      cold: [],
      warm: [],
    };
    const cases = [sortie, empty, startOnly];
    const pages = new Map<string, Page>();
    for (const c of [sortie, empty]) {
      await waitFor(
        'the worker to start',
        async () => ((await workerRunning(browser, c.dir)) ? true : undefined),
        15_000,
      );
      pages.set(c.dir, await browser.openExtensionPage(c.dir, BENCH_PAGE));
    }
    // Sortie's first start writes its settings and menus; let that finish before sampling.
    await sleep(2_000);
    for (let i = 0; i < RUNS; i++) {
      // Alternate the order so drift on this noisy machine hits both alike.
      for (const c of i % 2 === 0 ? cases : [...cases].reverse()) {
        const page = pages.get(c.dir)!;
        c.cold.push(await wakeOnce(browser, page, c));
        c.warm.push(await roundTrip(page, c));
      }
    }
    return [
      {
        figure: `wake: stopped worker → first answer (median of ${RUNS})`,
        value: median(sortie.cold),
        unit: 'ms',
        baseline: median(empty.cold),
        budget: 2,
        budgetKind: 'ratio',
      },
      {
        figure: 'wake: the same, message refused before any handler (no IndexedDB)',
        value: median(startOnly.cold),
        unit: 'ms',
        baseline: median(empty.cold),
      },
      {
        figure: 'wake: running worker → answer (median)',
        value: median(sortie.warm),
        unit: 'ms',
        baseline: median(empty.warm),
      },
    ];
  } finally {
    await browser.close();
    await proxy.close();
  }
}
