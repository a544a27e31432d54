/**
 * "Send at", in both browsers: a wrong year or a past time is said beside
 * the field; far enough ahead, Mastodon keeps the post on
 * its server (a scheduled status) while Bluesky's copy waits in Sortie's
 * queue; a minute ahead, too close for the server, Sortie's own alarm sends
 * it at that minute and not before (Chromium's service worker and Firefox's
 * event page each woken by the browser's alarm).
 */
import { expect, test } from '../support/journey.ts';
import { connectBlueskyAccount, connectMastodonWithToken, scheduleAt, schedulePost, statusesOf } from './steps.ts';

test('"send at": Mastodon schedules on its server when 5+ minutes ahead; a closer time waits in Sortie and goes out on time', async ({
  journey,
  mastodon,
  pds,
}) => {
  test.setTimeout(180_000);
  const masto = await connectMastodonWithToken(journey, mastodon, 's');
  await connectBlueskyAccount(journey, pds, 's');
  const compose = await journey.openPage('compose.html');

  // A year typed wrong, or a time already past, is said beside the field before anything is scheduled.
  const note = `document.querySelector('[data-testid="schedule-note"]')`;
  await scheduleAt(compose, new Date(6120, 11, 4, 13, 22));
  await compose.waitFor(`${note}?.dataset.note === 'far'`);
  expect(await compose.evaluate<string>(`${note}.textContent`)).toContain('Check the year.');
  expect(
    await compose.evaluate<string | null>(`document.getElementById('schedule').getAttribute('aria-describedby')`),
  ).toBe('schedule-note');
  await scheduleAt(compose, new Date(Date.now() - 60 * 60_000));
  await compose.waitFor(`${note}?.dataset.note === 'past'`);
  expect(await compose.evaluate<string>(`${note}.textContent`)).toContain('the post will go out as soon as you press');

  // Far enough ahead: Mastodon keeps it (a scheduled status), Bluesky's copy waits in Sortie's queue.
  const later = new Date(Date.now() + 20 * 60_000);
  later.setSeconds(0, 0);
  await schedulePost(compose, later, 'Rendez-vous dans vingt minutes.');
  await expect
    .poll(() => mastodon.state.scheduledStatuses.filter((s) => s.accountId === masto.id).length, { timeout: 20_000 })
    .toBe(1);
  expect(new Date(mastodon.state.scheduledStatuses.at(-1)!.scheduledAt).getTime()).toBe(later.getTime());
  expect(statusesOf(mastodon, masto.id)).toHaveLength(0);
  const publishing = await journey.openPage('options.html');
  await publishing.click('Publishing');
  await publishing.waitFor(
    `document.querySelectorAll('[data-testid="queue"] li[data-network="bluesky"][data-state="queued"]').length === 1`,
  );

  // About a minute ahead: too close for the server; Sortie's alarm sends it at that minute, not before.
  const soon = new Date(Date.now() + 60_000);
  soon.setSeconds(0, 0);
  if (soon.getTime() - Date.now() < 20_000) soon.setMinutes(soon.getMinutes() + 1);
  await schedulePost(compose, soon, 'Bientôt.');
  await expect
    .poll(() => statusesOf(mastodon, masto.id).filter((s) => s.text === 'Bientôt.').length, {
      timeout: 150_000,
      intervals: [1_000],
    })
    .toBe(1);
  const posted = statusesOf(mastodon, masto.id).find((s) => s.text === 'Bientôt.')!;
  expect(posted.createdAt.getTime()).toBeGreaterThanOrEqual(soon.getTime());
});
