/**
 * The outbox under faults, in both browsers: posts queued (threads, images)
 * while the Mastodon test server answers 5xx, 429 and "created but response
 * lost", the browser suspends the background mid-queue (Firefox: its event
 * page and the engine frame in it), the network to Mastodon drops, and a
 * Bluesky access token expires. Afterwards each server holds every post
 * exactly once. The browser closed and reopened mid-queue, and the engine
 * killed on its own, are in tests/e2e/outbox-faults.spec.ts (Chromium: a
 * Firefox temporary add-on does not outlive its browser).
 */
import { AtpAgent } from '@atproto/api';
import { expireAccessJwt } from '../../servers/pds.ts';
import {
  callInPage,
  enqueueInPage,
  readCredentialsInPage,
  setAccessJwtInPage,
  storedJobsInPage,
  type StoredJob,
} from '../support/bulk.ts';
import { startCable } from '../support/cable.ts';
import { expectEachPostOnce, faultPosts, waitForDrain } from '../support/exactly-once.ts';
import { expect, test } from '../support/journey.ts';
import { connectBlueskyAccount, connectMastodonWithToken, statusesOf } from './steps.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('posts queued under server faults, a suspended background, a dropped network and an expired Bluesky token reach each server exactly once, threads in order', async ({
  journey,
  pds,
  mastodon,
}) => {
  test.setTimeout(300_000);
  const cable = await startCable(mastodon.url);
  try {
    const bluesky = await connectBlueskyAccount(journey, pds, 'of');
    const masto = await connectMastodonWithToken(journey, mastodon, 'of', cable.url);
    const page = masto.options;
    const accounts = await page.evaluate<{ id: string; network: string }[]>(
      `chrome.runtime.sendMessage({ sortie: 1, name: 'accounts.list' }).then((reply) => reply.value)`,
    );
    expect(accounts.map((a) => a.network).sort()).toEqual(['bluesky', 'mastodon']);
    const targets = accounts.map((a) => a.id);
    const blueskyAccountId = accounts.find((a) => a.network === 'bluesky')!.id;
    const enqueue = (from: number, count: number) =>
      page.evaluate<void>(callInPage(enqueueInPage, faultPosts(from, count, targets)));
    const list = () => page.evaluate<StoredJob[]>(callInPage(storedJobsInPage));

    // 5xx, 429 and lost responses, and the background suspended while it works.
    mastodon.faults.latencyMs = 150;
    mastodon.faults.rateLimitResetMs = 3_000;
    mastodon.faults.nextStatuses.push('error500', 'lostResponse', 'error502', 'rateLimit', 'error503', 'lostResponse');
    await enqueue(0, 16);
    await sleep(1_500);
    expect((await list()).filter((j) => j.state !== 'sent').length, 'jobs still queued when suspended').toBeGreaterThan(
      0,
    );
    await journey.suspendBackground();

    // The network to Mastodon drops for a while.
    await sleep(1_000);
    cable.unplug();
    await enqueue(16, 8);
    await sleep(5_000);
    cable.plug();
    await waitForDrain(list, 24, 180_000);

    // An expired Bluesky access token, found by the next job.
    await sleep(1_500);
    const expired = expireAccessJwt(
      (await page.evaluate<{ accessJwt: string }>(callInPage(readCredentialsInPage, blueskyAccountId))).accessJwt,
    );
    await page.evaluate<void>(callInPage(setAccessJwtInPage, { id: blueskyAccountId, jwt: expired }));
    await enqueue(24, 8);
    const jobs = await waitForDrain(list, 32, 120_000);
    expect(
      (await page.evaluate<{ accessJwt: string }>(callInPage(readCredentialsInPage, blueskyAccountId))).accessJwt,
    ).not.toBe(expired);

    const summary = await expectEachPostOnce(jobs, {
      mastodon,
      mastodonAccountId: masto.id,
      pds,
      did: bluesky.did,
    });
    console.log(`outbox faults (${journey.kind}): ${summary}`);
  } finally {
    mastodon.faults.latencyMs = 0;
    mastodon.faults.rateLimitResetMs = 60_000;
    mastodon.faults.nextStatuses.length = 0;
    await cable.close();
  }
});

test.describe('across a browser restart', () => {
  test.use({ restartable: true });

  test('posts queued when the browser is closed go out once when it is opened again, threads in order', async ({
    journey,
    pds,
    mastodon,
  }) => {
    test.setTimeout(240_000);
    const bluesky = await connectBlueskyAccount(journey, pds, 'rs');
    const masto = await connectMastodonWithToken(journey, mastodon, 'rs');
    const accounts = await masto.options.evaluate<{ id: string }[]>(
      `chrome.runtime.sendMessage({ sortie: 1, name: 'accounts.list' }).then((reply) => reply.value)`,
    );
    const targets = accounts.map((a) => a.id);
    mastodon.faults.latencyMs = 300;
    mastodon.faults.nextStatuses.push('lostResponse', 'error503');
    try {
      await masto.options.evaluate<void>(callInPage(enqueueInPage, faultPosts(0, 12, targets)));
      await sleep(1_200);
      const before = await masto.options.evaluate<StoredJob[]>(callInPage(storedJobsInPage));
      expect(
        before.filter((j) => j.state !== 'sent').length,
        'jobs still queued when the browser closes',
      ).toBeGreaterThan(0);

      // Quit and come back: nothing but the browser's own start wakes Sortie (no page of it is
      // opened until every post is on its server).
      const again = await journey.restart();
      const count = (network: string) => before.filter((j) => j.network === network).length;
      const agent = new AtpAgent({ service: pds.url });
      await expect
        .poll(() => statusesOf(mastodon, masto.id).length, { timeout: 150_000, intervals: [1_000] })
        .toBe(count('mastodon'));
      await expect
        .poll(
          async () =>
            (
              await agent.com.atproto.repo.listRecords({
                repo: bluesky.did,
                collection: 'app.bsky.feed.post',
                limit: 100,
              })
            ).data.records.length,
          { timeout: 60_000, intervals: [1_000] },
        )
        .toBe(count('bluesky'));
      const options = await again.openPage('options.html');
      const jobs = await waitForDrain(() => options.evaluate<StoredJob[]>(callInPage(storedJobsInPage)), 12, 150_000);
      const summary = await expectEachPostOnce(jobs, {
        mastodon,
        mastodonAccountId: masto.id,
        pds,
        did: bluesky.did,
      });
      console.log(`outbox across a restart (${journey.kind}): ${summary}`);
    } finally {
      mastodon.faults.latencyMs = 0;
      mastodon.faults.nextStatuses.length = 0;
    }
  });
});
