/**
 * The outbox under a schedule of faults: 55 posts, some threads,
 * some with images, to a real PDS and the Mastodon test server, while the
 * service worker is stopped, the engine is killed mid-request, the network
 * to Mastodon drops, the browser is closed and reopened mid-queue, the
 * servers answer 5xx, 429 and "created but response lost", and a Bluesky
 * access token expires. Afterwards each server holds every post exactly once.
 */
import { expireAccessJwt } from '../servers/pds.ts';
import { enqueuePosts, readAccessJwt, setBlueskyAccessJwt, storedJobs } from './support/bulk.ts';
import { startCable } from './support/cable.ts';
import { expectEachPostOnce, faultPosts, waitForDrain } from './support/exactly-once.ts';
import { launchSortie } from './support/fixtures.ts';
import { expect, test, uniqueName } from './support/servers.ts';
import { connectBluesky, connectMastodonWithToken } from './support/ui.ts';

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<any> } };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const posts = faultPosts;

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
    await waitForDrain(() => storedJobs(page), 45, 240_000);

    // Phase 4: an expired Bluesky access token, found by a fresh engine.
    await sleep(1_500); // the idle engine closes
    const expired = expireAccessJwt(await readAccessJwt(page, blueskyAccountId));
    await setBlueskyAccessJwt(page, blueskyAccountId, expired);
    await enqueuePosts(page, posts(45, 10, targets));
    const jobs = await waitForDrain(() => storedJobs(page), 55, 120_000);
    expect(await readAccessJwt(page, blueskyAccountId)).not.toBe(expired);

    // Every job's post exists exactly once on its server, with its text, threads chained in order.
    const summary = await expectEachPostOnce(jobs, { mastodon, mastodonAccountId, pds, did: me.did });
    console.log(`outbox faults: ${summary}`);
  } finally {
    await reopened.context.close();
    await cable.close();
  }
});
