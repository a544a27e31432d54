/**
 * The outbox under a schedule of faults: 55 posts, some threads,
 * some with images, to a real PDS and the Mastodon test server, while the
 * service worker is stopped, the engine is killed mid-request, the network
 * to Mastodon drops, the browser is closed and reopened mid-queue, the
 * servers answer 5xx, 429 and "created but response lost", and a Bluesky
 * access token expires. Afterwards each server holds every post exactly once.
 */
import { AtpAgent } from '@atproto/api';
import type { Page } from '@playwright/test';
import { expireAccessJwt } from '../servers/pds.ts';
import {
  enqueuePosts,
  readAccessJwt,
  setBlueskyAccessJwt,
  storedJobs,
  type BulkPost,
  type StoredJob,
} from './support/bulk.ts';
import { startCable } from './support/cable.ts';
import { launchSortie } from './support/fixtures.ts';
import { expect, test, uniqueName } from './support/servers.ts';
import { connectBluesky, connectMastodonWithToken } from './support/ui.ts';

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<any> } };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const LONG = 'Nous marchons ensemble pour le climat, la justice et la dignité. '.repeat(11).trim();

function posts(from: number, count: number, targets: string[]): BulkPost[] {
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

async function waitForDrain(page: Page, expectedPosts: number, timeoutMs: number): Promise<StoredJob[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const jobs = await storedJobs(page);
    const posts = new Set(jobs.map((j) => j.postId)).size;
    if (posts >= expectedPosts && jobs.every((j) => j.state === 'sent')) return jobs;
    const stuck = jobs.filter((j) => j.state === 'failed' || j.state === 'cancelled');
    if (stuck.length) throw new Error(`jobs gave up: ${JSON.stringify(stuck.map((j) => [j.id, j.lastError]))}`);
    if (Date.now() > deadline)
      throw new Error(
        `queue not drained: ${JSON.stringify(jobs.filter((j) => j.state !== 'sent').map((j) => [j.id, j.state, j.lastError]))}`,
      );
    await sleep(1_000);
  }
}

test('55 posts under faults reach each server exactly once, threads in order', async ({
  sortie,
  profileDir,
  recordingProxy,
  pds,
  mastodon,
}) => {
  test.setTimeout(420_000);
  const cable = await startCable(mastodon.url);
  const username = uniqueName('f');
  const { id: mastodonAccountId, token } = mastodon.createAccount(username);
  const me = await pds.createUser(uniqueName('f'));

  let page = await sortie.context.newPage();
  await page.goto(`chrome-extension://${sortie.extensionId}/options.html`);
  await connectMastodonWithToken(page, { server: cable.url, token, username });
  await connectBluesky(page, { identifier: me.handle, appPassword: me.appPassword, service: pds.url });
  const accounts = (await page.evaluate(() => chrome.runtime.sendMessage({ sortie: 1, name: 'accounts.list' })))
    .value as Array<{ id: string; network: string }>;
  const targets = accounts.map((a) => a.id);
  const blueskyAccountId = accounts.find((a) => a.network === 'bluesky')!.id;

  // Phase 1: 5xx, 429 and lost responses while the service worker and the engine are killed mid-request.
  mastodon.faults.latencyMs = 150;
  mastodon.faults.rateLimitResetMs = 3_000;
  mastodon.faults.nextStatuses.push(
    'error500',
    'lostResponse',
    'error502',
    'rateLimit',
    'error503',
    'lostResponse',
    'lostResponse',
  );
  await enqueuePosts(page, posts(0, 20, targets));
  await sleep(1_500);
  const cdp = await sortie.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  // The engine closes itself whenever nothing is due: catch it while it works.
  let killed = false;
  for (let tries = 0; tries < 100 && !killed; tries++) {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const engine = targetInfos.find((t) => t.url.endsWith('/engine.html'));
    if (engine) killed = (await cdp.send('Target.closeTarget', { targetId: engine.targetId })).success;
    else await sleep(100);
  }
  expect(killed, 'the posting engine was killed mid-queue').toBe(true);

  // Phase 2: the network to Mastodon drops for a while.
  await sleep(1_000);
  cable.unplug();
  await enqueuePosts(page, posts(20, 10, targets));
  await sleep(5_000);
  cable.plug();

  // Phase 3: the browser is closed mid-queue and reopened on the same profile.
  mastodon.faults.nextStatuses.push('lostResponse', 'error503');
  await enqueuePosts(page, posts(30, 15, targets));
  await sleep(1_200);
  await sortie.context.close();
  const reopened = await launchSortie(profileDir, recordingProxy.port);
  try {
    page = await reopened.context.newPage();
    await page.goto(`chrome-extension://${reopened.extensionId}/options.html`);
    await waitForDrain(page, 45, 240_000);

    // Phase 4: an expired Bluesky access token, found by a fresh engine.
    await sleep(1_500); // the idle engine closes
    const expired = expireAccessJwt(await readAccessJwt(page, blueskyAccountId));
    await setBlueskyAccessJwt(page, blueskyAccountId, expired);
    await enqueuePosts(page, posts(45, 10, targets));
    const jobs = await waitForDrain(page, 55, 120_000);
    expect(await readAccessJwt(page, blueskyAccountId)).not.toBe(expired);

    // Every job's post exists exactly once on its server, with its text, threads chained in order.
    const byPost = (network: string) => jobs.filter((j) => j.network === network);
    const statuses = mastodon.state.statuses.filter((s) => s.accountId === mastodonAccountId && !s.deleted);
    const agent = new AtpAgent({ service: pds.url });
    const records: Array<{ uri: string; value: { text: string; reply?: { parent: { uri: string } } } }> = [];
    let cursor: string | undefined;
    do {
      const { data } = await agent.com.atproto.repo.listRecords({
        repo: me.did,
        collection: 'app.bsky.feed.post',
        limit: 100,
        cursor,
      });
      records.push(...(data.records as unknown as typeof records));
      cursor = data.records.length ? data.cursor : undefined;
    } while (cursor);

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
    console.log(
      `outbox faults: ${new Set(jobs.map((j) => j.postId)).size} posts (${threads} threads), ` +
        `${mastodonJobs.length} Mastodon statuses and ${blueskyJobs.length} Bluesky records, each exactly once; ` +
        `${mastodon.state.requestLog.filter((r) => r.method === 'POST' && r.path === '/api/v1/statuses').length} status requests made`,
    );
  } finally {
    await reopened.context.close();
    await cable.close();
  }
});
