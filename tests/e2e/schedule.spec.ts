import type { Page } from '@playwright/test';
import { expect, test, uniqueName } from './support/servers.ts';
import { connectBluesky, connectMastodonWithToken, openComposerOption } from './support/ui.ts';

async function scheduleAt(page: Page, at: Date): Promise<void> {
  await openComposerOption(page, 'Send later');
  const pad = (n: number) => String(n).padStart(2, '0');
  await page
    .getByLabel('Send at')
    .fill(
      `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`,
    );
}

test('"send at": Mastodon schedules on its server when 5+ minutes ahead; a closer time waits in Sortie and goes out on time', async ({
  openPage,
  mastodon,
  pds,
}) => {
  test.setTimeout(180_000);
  const username = uniqueName('s');
  const { id: accountId, token } = mastodon.createAccount(username);
  const me = await pds.createUser(uniqueName('s'));
  const options = await openPage('options.html');
  await connectMastodonWithToken(options.page, { server: mastodon.url, token, username });
  await connectBluesky(options.page, { identifier: me.handle, appPassword: me.appPassword, service: pds.url });
  const { page } = await openPage('compose.html');

  // Far enough ahead: Mastodon keeps it (a ScheduledStatus), Bluesky's copy waits in Sortie's queue.
  const later = new Date(Date.now() + 20 * 60_000);
  later.setSeconds(0, 0);
  await scheduleAt(page, later);
  await page.getByLabel('What do you want to say?').fill('Rendez-vous dans vingt minutes.');
  await page.getByRole('button', { name: 'Schedule' }).click();
  await expect
    .poll(() => mastodon.state.scheduledStatuses.filter((s) => s.accountId === accountId).length, { timeout: 20_000 })
    .toBe(1);
  expect(new Date(mastodon.state.scheduledStatuses.at(-1)!.scheduledAt).getTime()).toBe(later.getTime());
  expect(mastodon.state.statuses.filter((s) => s.accountId === accountId)).toHaveLength(0);
  await options.page.reload();
  await options.page.getByRole('link', { name: 'Publishing' }).click();
  await expect(
    options.page.getByTestId('queue').locator('li[data-network="bluesky"][data-state="queued"]'),
  ).toHaveCount(1);

  // About a minute ahead: too close for the server; Sortie's alarm sends it at that minute, not before.
  const soon = new Date(Date.now() + 60_000);
  soon.setSeconds(0, 0);
  if (soon.getTime() - Date.now() < 20_000) soon.setMinutes(soon.getMinutes() + 1);
  await scheduleAt(page, soon);
  await page.getByLabel('What do you want to say?').fill('Bientôt.');
  await page.getByRole('button', { name: 'Schedule' }).click();
  await expect
    .poll(() => mastodon.state.statuses.filter((s) => s.accountId === accountId && s.text === 'Bientôt.').length, {
      timeout: 150_000,
      intervals: [1_000],
    })
    .toBe(1);
  const posted = mastodon.state.statuses.find((s) => s.text === 'Bientôt.')!;
  expect(posted.createdAt.getTime()).toBeGreaterThanOrEqual(soon.getTime());
});
