/**
 * An X archive imported end to end through the built extension's import
 * page into the real PDS and the Mastodon test server, with the engine
 * killed and the browser closed and reopened mid-import: every tweet lands
 * exactly once on each network, Bluesky posts carry the tweet's own date.
 * Chromium only: killing the engine on its own (Firefox's engine lives in its
 * background page). The same import through a suspended background and a
 * restart, and GIFs and videos, are journeys in both browsers.
 */
import { AtpAgent } from '@atproto/api';
import type { Page } from '@playwright/test';
import { blueskyPosts, expectArchiveLanded, makeArchive } from './support/archive-fixture.ts';
import { launchSortie } from './support/fixtures.ts';
import { expect, test, uniqueName } from './support/servers.ts';
import { connectBluesky, connectMastodonWithToken } from './support/ui.ts';

async function startImport(page: Page, zip: Buffer): Promise<void> {
  await page
    .getByRole('button', { name: 'Your X archive (the ZIP file from X)' })
    .setInputFiles({ name: 'twitter-2026-archive.zip', mimeType: 'application/zip', buffer: zip });
  // Mastodon is off unless chosen.
  const mastodonBox = page.getByRole('checkbox', { name: /^Mastodon: / });
  await expect(mastodonBox).not.toBeChecked();
  await mastodonBox.check();
  await expect(page.getByRole('checkbox', { name: /^Bluesky: / })).toBeChecked();
  await page.getByRole('button', { name: 'Start the import' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The import has started.' })).toBeVisible({
    timeout: 60_000,
  });
}

test('an archive lands exactly once on Bluesky (original dates) and Mastodon, through a killed engine and a browser restart, and is undone on Bluesky', async ({
  sortie,
  openPage,
  pds,
  mastodon,
  allowHosts,
  profileDir,
  recordingProxy,
}) => {
  test.setTimeout(300_000);
  // The links in the tweets: Bluesky's link cards are looked up (and fail, nothing answers there).
  allowHosts('news.example');
  const me = await pds.createUser(uniqueName('ar'));
  const username = uniqueName('am');
  const { id: mastoId, token } = mastodon.createAccount(username);
  const options = await openPage('options.html');
  await connectBluesky(options.page, { identifier: me.handle, appPassword: me.appPassword, service: pds.url });
  await connectMastodonWithToken(options.page, { server: mastodon.url, token, username });

  const { zip, kept, left, threadIds } = await makeArchive();
  const total = kept.reduce((n, k) => n + k.blueskyParts, 0);
  const archive = await openPage('archive.html');
  await startImport(archive.page, zip);

  const agent = new AtpAgent({ service: pds.url });
  // Kill the engine as soon as the import is under way.
  await expect.poll(async () => (await blueskyPosts(agent, me.did)).length, { timeout: 60_000 }).toBeGreaterThan(0);
  const worker = await sortie.serviceWorker();
  await worker.evaluate(() =>
    (
      globalThis as unknown as { chrome: { offscreen: { closeDocument(): Promise<void> } } }
    ).chrome.offscreen.closeDocument(),
  );
  const atKill = (await blueskyPosts(agent, me.did)).length;
  expect(atKill).toBeLessThan(total);
  // The watchdog wakes the engine again: the import goes on.
  await expect
    .poll(async () => (await blueskyPosts(agent, me.did)).length, { timeout: 90_000 })
    .toBeGreaterThan(atKill);

  // Close the browser and open it again on the same profile: the stored archive and records carry on.
  await sortie.context.close();
  const again = await launchSortie(profileDir, recordingProxy.port);
  try {
    const mastodonStatuses = () => mastodon.state.statuses.filter((s) => s.accountId === mastoId && !s.deleted);
    await expect.poll(async () => (await blueskyPosts(agent, me.did)).length, { timeout: 120_000 }).toBe(total);
    await expect.poll(() => mastodonStatuses().length, { timeout: 120_000 }).toBe(kept.length);

    expectArchiveLanded({ kept, left, threadIds }, await blueskyPosts(agent, me.did), mastodonStatuses());

    // The import page says where the import stands, then undoes it on Bluesky.
    const page = await again.context.newPage();
    await page.goto(`chrome-extension://${again.extensionId}/archive.html`);
    const run = page.getByRole('listitem', { name: 'twitter-2026-archive.zip' });
    await expect(run).toHaveAttribute('data-state', 'done');
    await expect(run.getByRole('status')).toHaveText(`${kept.length * 2} of ${kept.length * 2} posted, 0 failed.`);
    await run.getByRole('button', { name: 'Undo this import…' }).click();
    await run.getByRole('group', { name: 'Undo this import…' }).getByRole('button', { name: 'Delete them' }).click();
    await expect(run.getByRole('status').filter({ hasText: 'deleted' })).toHaveText(
      `${total} posts deleted; 0 could not be; ${kept.length} on Mastodon left in place; 0 were being sent and are left.`,
    );
    expect(await blueskyPosts(agent, me.did)).toHaveLength(0);
    expect(mastodonStatuses()).toHaveLength(kept.length);
    await expect(run).toHaveAttribute('data-state', 'undone');
  } finally {
    await again.context.close();
  }
});
