/**
 * The queue as a user meets it, in both browsers: a post that meets a 503, a
 * lost response and a rate limit ends as exactly one status (one idempotency
 * key for every attempt), and a post scheduled for later waits in the queue
 * view of the options, where the user cancels it.
 */
import { expect, test } from '../support/journey.ts';
import { connectMastodonWithToken, postAndWait, schedulePost, statusesOf } from './steps.ts';

test('5xx, a lost response and a rate limit end in exactly one status; the queue view shows and cancels', async ({
  journey,
  mastodon,
}) => {
  test.setTimeout(120_000);
  const masto = await connectMastodonWithToken(journey, mastodon, 'q');
  mastodon.faults.rateLimitResetMs = 2_000;
  mastodon.faults.nextStatuses.push('error503', 'lostResponse', 'rateLimit');
  const compose = await journey.openPage('compose.html');
  await postAndWait(compose, 'Résistance 🌱 coûte que coûte', 45_000);

  expect(statusesOf(mastodon, masto.id)).toHaveLength(1);
  const attempts = mastodon.state.requestLog.filter(
    (r) => r.method === 'POST' && r.path === '/api/v1/statuses' && r.headers['authorization']?.endsWith(masto.token),
  );
  expect(attempts).toHaveLength(4);
  expect(new Set(attempts.map((r) => r.headers['idempotency-key'])).size).toBe(1);

  // A post scheduled for later waits in the queue and can be cancelled from the options page.
  await schedulePost(compose, new Date(Date.now() + 3 * 60_000), 'Plus tard');
  const queue = await journey.openPage('options.html');
  await queue.click('Publishing');
  await queue.waitFor(`document.querySelectorAll('[data-testid="queue"] li[data-state="queued"]').length === 1`);
  await queue.click(/^Cancel/);
  await queue.waitFor(`document.querySelectorAll('[data-testid="queue"] li[data-state="cancelled"]').length === 1`);
  await queue.waitFor(`document.querySelector('[data-testid="queue-counts"]')?.textContent.includes('cancelled: 1')`);
  expect(statusesOf(mastodon, masto.id)).toHaveLength(1);
});
