import { expect, test, uniqueName } from './support/servers.ts';
import { connectMastodonWithToken, openComposerOption } from './support/ui.ts';

test('5xx, a lost response and a rate limit end in exactly one status; the queue view shows and cancels', async ({
  openPage,
  mastodon,
}) => {
  const username = uniqueName('q');
  const { id: accountId, token } = mastodon.createAccount(username);
  const options = await openPage('options.html');
  await connectMastodonWithToken(options.page, { server: mastodon.url, token, username });

  mastodon.faults.rateLimitResetMs = 2_000;
  mastodon.faults.nextStatuses.push('error503', 'lostResponse', 'rateLimit');
  const compose = await openPage('compose.html');
  await compose.page.getByLabel('What do you want to say?').fill('Résistance 🌱 coûte que coûte');
  await compose.page.getByRole('button', { name: /^Post( to \d+ accounts?)?$/ }).click();
  const status = compose.page.getByTestId('post-status');
  await expect(status.locator('li[data-state="sent"]')).toHaveCount(1, { timeout: 45_000 });

  const mine = mastodon.state.statuses.filter((s) => s.accountId === accountId);
  expect(mine).toHaveLength(1);
  const attempts = mastodon.state.requestLog.filter(
    (r) => r.method === 'POST' && r.path === '/api/v1/statuses' && r.headers['authorization']?.endsWith(token),
  );
  expect(attempts.length).toBe(4);
  expect(new Set(attempts.map((r) => r.headers['idempotency-key'])).size).toBe(1);

  // A post scheduled for later waits in the queue and can be cancelled from the options page.
  await compose.page.getByLabel('What do you want to say?').fill('Plus tard');
  await openComposerOption(compose.page, 'Send later');
  const later = new Date(Date.now() + 3 * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  await compose.page
    .getByLabel('Send at')
    .fill(
      `${later.getFullYear()}-${pad(later.getMonth() + 1)}-${pad(later.getDate())}T${pad(later.getHours())}:${pad(later.getMinutes())}`,
    );
  await compose.page.getByRole('button', { name: 'Schedule' }).click();
  await options.page.reload();
  await options.page.getByRole('link', { name: 'Publishing' }).click();
  const queue = options.page.getByTestId('queue');
  await expect(queue.locator('li[data-state="queued"]')).toHaveCount(1);
  await queue.getByRole('button', { name: /^Cancel/ }).click();
  await expect(queue.locator('li[data-state="cancelled"]')).toHaveCount(1);
  await expect(options.page.getByTestId('queue-counts')).toContainText('cancelled: 1');
  expect(mastodon.state.statuses.filter((s) => s.accountId === accountId)).toHaveLength(1);
});
