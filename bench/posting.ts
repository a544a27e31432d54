/**
 * Posting: one post to Mastodon and Bluesky together vs. each alone, through
 * the real extension in Chromium, with 200 ms added to every request on both
 * servers (Mastodon: the test server's faults.latencyMs; the PDS: the
 * bench's proxy, see support/latency-proxy.ts). Timed in the extension page
 * from pressing Post (outbox.enqueue, the draft already saved, as the
 * composer does) to every job of the post stored as sent. Between posts the
 * engine closes when idle, as it does for a user, so each post includes
 * waking it.
 */
import type { Page } from '@playwright/test';
import type { Figure } from './run.ts';
import { launchBench } from './support/browser.ts';
import { BENCH_PAGE, SORTIE_EXT } from './support/build.ts';
import { startLatencyProxy } from './support/latency-proxy.ts';
import { askInPage, connectAccounts, startServers } from './support/servers.ts';
import { median } from './support/stats.ts';

const LATENCY_MS = 200;
const ROUNDS = 7;

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<any> } };

/** Saves a draft for `targets`, presses Post and waits for every job of it to be sent (ms). */
async function postOnce(page: Page, targets: string[], text: string): Promise<number> {
  return page.evaluate(
    async ({ targets, text }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('sortie');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const request = <T>(req: IDBRequest<T>) =>
        new Promise<T>((resolve, reject) => {
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
      const now = Date.now();
      // The composer's draft (tests/e2e/support/bulk.ts saves the same shape).
      const draft = {
        id: crypto.randomUUID(),
        text,
        overrides: {},
        images: [],
        contentWarning: '',
        sensitive: false,
        labels: [],
        langs: ['fr'],
        visibility: 'public',
        poll: null,
        numbering: false,
        replyTo: {},
        scheduledAt: null,
        interaction: { reply: 'everyone', allowQuotes: true },
        targets,
        createdAt: now,
        updatedAt: now,
      };
      await request(db.transaction('drafts', 'readwrite').objectStore('drafts').put(draft));
      const start = performance.now();
      const reply = await chrome.runtime.sendMessage({
        sortie: 1,
        name: 'outbox.enqueue',
        body: { draftId: draft.id },
      });
      if (!reply?.ok) throw new Error(`enqueue failed: ${JSON.stringify(reply)}`);
      for (;;) {
        const jobs = await request<Array<{ state: string; lastError: unknown }>>(
          db.transaction('jobs').objectStore('jobs').index('byPost').getAll(reply.value.postId),
        );
        const failed = jobs.find((j) => j.state === 'failed' || j.state === 'retrying');
        if (failed) throw new Error(`bench: a job ${failed.state}: ${JSON.stringify(failed.lastError)}`);
        if (jobs.length > 0 && jobs.every((j) => j.state === 'sent')) break;
        await new Promise((r) => setTimeout(r, 5));
      }
      const elapsed = performance.now() - start;
      db.close();
      return elapsed;
    },
    { targets, text },
  );
}

export async function benchPosting(): Promise<Figure[]> {
  const proxy = await startLatencyProxy();
  const servers = await startServers();
  const browser = await launchBench({ extensions: [SORTIE_EXT], proxyPort: proxy.port, proxyLoopback: true });
  try {
    const page = await browser.openExtensionPage(SORTIE_EXT, BENCH_PAGE);
    const accounts = await connectAccounts(askInPage(page), servers, 'post');
    servers.mastodon.faults.latencyMs = LATENCY_MS;
    proxy.delays.set(Number(new URL(servers.pds.url).port), LATENCY_MS);

    const cases = [
      { name: 'Mastodon alone', targets: [accounts.mastodonId], times: [] as number[] },
      { name: 'Bluesky alone', targets: [accounts.blueskyId], times: [] as number[] },
      { name: 'both', targets: [accounts.mastodonId, accounts.blueskyId], times: [] as number[] },
    ];
    // One unmeasured post each: compiled code and sessions as a user's second post finds them.
    for (const c of cases) await postOnce(page, c.targets, `Warm-up, ${c.name}`);
    const pdsPort = Number(new URL(servers.pds.url).port);
    const blueskyCalls: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate the order so slow moments of this machine do not land on one case.
      for (let k = 0; k < cases.length; k++) {
        const c = cases[(round + k) % cases.length]!;
        const logged = proxy.log.length;
        c.times.push(await postOnce(page, c.targets, `Bench ${round}: ${c.name} ✊🏽 https://example.org/${round}`));
        if (c.name === 'Bluesky alone' && round === 0) {
          blueskyCalls.push(
            ...proxy.log
              .slice(logged)
              .filter((r) => r.port === pdsPort)
              .map((r) => `${r.method} ${r.path.replace('/xrpc/', '')}`),
          );
        }
      }
    }
    const [mastodon, bluesky, both] = cases.map((c) => median(c.times)) as [number, number, number];
    const slower = Math.max(mastodon, bluesky);
    return [
      {
        figure: `posting: one post to both (median of ${ROUNDS}, ${LATENCY_MS} ms per request) vs. the slower alone`,
        value: both,
        unit: 'ms',
        baseline: slower,
        budget: 1.2,
        budgetKind: 'ratio',
      },
      { figure: 'posting: Mastodon alone', value: mastodon, unit: 'ms' },
      {
        figure: `posting: Bluesky alone (${blueskyCalls.length} requests: ${blueskyCalls.join(', ')})`,
        value: bluesky,
        unit: 'ms',
      },
    ];
  } finally {
    await browser.close();
    await servers.close();
    await proxy.close();
  }
}
