/**
 * An X archive imported through the import page, in both browsers: the ZIP
 * picked as a user picks it, read by the browser's own file and stream code
 * (what differs between the two), then posted to the real PDS and the
 * Mastodon test server while the background is suspended, then the browser
 * closed and opened again, mid-import. Every tweet lands exactly once on each
 * network, Bluesky posts carry the tweet's own date, and the import is undone
 * on Bluesky. Killing the engine on its own is in tests/e2e/archive.spec.ts
 * (Chromium: Firefox's engine lives in the background page).
 */
import { AtpAgent } from '@atproto/api';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { blueskyPosts, expectArchiveLanded, makeArchive } from '../support/archive-fixture.ts';
import { expect, test } from '../support/journey.ts';
import { connectBlueskyAccount, connectMastodonWithToken } from './steps.ts';

const FILE = 'twitter-2026-archive.zip';
const RUN = `document.querySelector('li.archive-run[aria-label="${FILE}"]')`;

test.use({ restartable: true });

test('an X archive lands exactly once on Bluesky (original dates) and Mastodon, through a suspended background and a browser restart, and is undone on Bluesky', async ({
  journey,
  pds,
  mastodon,
  allowHosts,
  recordingProxy,
}) => {
  test.setTimeout(300_000);
  // The links in the tweets: Bluesky's link cards are looked up, and find no page there.
  allowHosts('news.example');
  recordingProxy.serveTls('news.example', () => ({ status: 404, type: 'text/plain', body: '' }));
  const bluesky = await connectBlueskyAccount(journey, pds, 'ar');
  const masto = await connectMastodonWithToken(journey, mastodon, 'am');

  const archive = await makeArchive();
  const total = archive.kept.reduce((n, k) => n + k.blueskyParts, 0);
  const path = test.info().outputPath(FILE);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, archive.zip);
  const picker = await journey.openPage('archive.html');
  await picker.upload('Your X archive (the ZIP file from X)', path);
  // Mastodon is off unless chosen; Bluesky is on.
  await picker.waitFor(
    `[...document.querySelectorAll('input[type="checkbox"]')].some((b) => b.labels[0]?.textContent.trim().startsWith('Mastodon: '))`,
    60_000,
  );
  expect(
    await picker.evaluate<boolean[]>(
      `['Mastodon: ', 'Bluesky: '].map((name) => [...document.querySelectorAll('input[type="checkbox"]')].find((b) => b.labels[0]?.textContent.trim().startsWith(name)).checked)`,
    ),
  ).toEqual([false, true]);
  await picker.check('Mastodon: ');
  await picker.click('Start the import');
  await picker.waitFor(
    `[...document.querySelectorAll('[role="status"]')].some((s) => s.textContent.includes('The import has started.'))`,
    60_000,
  );

  const agent = new AtpAgent({ service: pds.url });
  // Suspend the background as soon as the import is under way: it goes on when the browser wakes it.
  await expect
    .poll(async () => (await blueskyPosts(agent, bluesky.did)).length, { timeout: 60_000 })
    .toBeGreaterThan(0);
  await journey.suspendBackground();
  const atSuspension = (await blueskyPosts(agent, bluesky.did)).length;
  expect(atSuspension).toBeLessThan(total);

  // Then the browser is closed once the import has gone on, and opened again: it carries on from its stored records.
  await expect
    .poll(async () => (await blueskyPosts(agent, bluesky.did)).length, { timeout: 90_000 })
    .toBeGreaterThan(atSuspension);
  const atRestart = (await blueskyPosts(agent, bluesky.did)).length;
  expect(atRestart).toBeLessThan(total);
  const again = await journey.restart();

  const statuses = () => mastodon.state.statuses.filter((s) => s.accountId === masto.id && !s.deleted);
  await expect.poll(async () => (await blueskyPosts(agent, bluesky.did)).length, { timeout: 150_000 }).toBe(total);
  await expect.poll(() => statuses().length, { timeout: 120_000 }).toBe(archive.kept.length);
  expectArchiveLanded(archive, await blueskyPosts(agent, bluesky.did), statuses());

  // The import page says where the import stands, then undoes it on Bluesky.
  const page = await again.openPage('archive.html');
  await page.waitFor(`${RUN}?.dataset.state === 'done'`, 30_000);
  const posted = archive.kept.length * 2;
  expect(await page.evaluate<string>(`${RUN}.querySelector('[role="status"]').textContent`)).toBe(
    `${posted} of ${posted} posted, 0 failed.`,
  );
  await page.click('Undo this import…');
  await page.click('Delete them');
  await page.waitFor(`${RUN}?.dataset.state === 'undone'`, 60_000);
  expect(
    await page.evaluate<string[]>(`[...${RUN}.querySelectorAll('[role="status"]')].map((s) => s.textContent)`),
  ).toContain(
    `${total} posts deleted; 0 could not be; ${archive.kept.length} on Mastodon left in place; 0 were being sent and are left.`,
  );
  expect(await blueskyPosts(agent, bluesky.did)).toHaveLength(0);
  expect(statuses()).toHaveLength(archive.kept.length);
});
