/**
 * A backup file is hostile: whoever wrote it may have guessed the user's
 * account ids (`mastodon:<origin>:<id>` is public) and slipped in posts, a
 * mirror of their own, or simply hope to read the file later. Each test
 * performs the attack against the built extension and fails if it works:
 *
 * - a file with queued and scheduled posts for the connected accounts
 *   publishes nothing by itself, through the engine's drain and an alarm
 *   tick; the posts are listed held, and the user's Send publishes one once;
 * - a file that pins a mirror of its own does not get the user's X links.
 *
 * The same attacks as journeys, and a passphrase export that must carry none
 * of the drafts, posts, X handles or matches in readable form, run in both
 * browsers in tests/e2e/journeys/backup.spec.ts.
 */
import { AtpAgent } from '@atproto/api';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { PublicAccount } from '../../../lib/model/account.ts';
import { craftedFile, craftedJob } from '../support/crafted-backup.ts';
import { sendMessage, serveMirrors, serveX, linksState } from '../support/links.ts';
import { expect, test, uniqueName } from '../support/servers.ts';
import { connectBluesky, connectMastodonWithToken } from '../support/ui.ts';
import { chooseLeaving } from '../support/welcome.ts';

async function importFile(page: Page, path: string, passphrase = ''): Promise<void> {
  await page.getByRole('link', { name: 'Your data' }).click();
  await page.getByLabel('Backup file').setInputFiles(path);
  await page.getByLabel('Passphrase (if the export has one)').fill(passphrase);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-done')).toBeVisible();
}

test("a crafted file's queued and scheduled posts are held: nothing is sent until the user presses Send, then once", async ({
  openPage,
  sortie,
  pds,
  mastodon,
}) => {
  test.setTimeout(150_000);
  const dir = await mkdtemp(join(tmpdir(), 'sortie-hostile-'));
  try {
    const me = await pds.createUser(uniqueName('held'));
    const username = uniqueName('held');
    const masto = mastodon.createAccount(username);
    const { page, errors } = await openPage('options.html#privacy');
    await page.getByRole('link', { name: 'Accounts' }).click();
    await connectMastodonWithToken(page, { server: mastodon.url, token: masto.token, username });
    await connectBluesky(page, { identifier: me.handle, appPassword: me.appPassword, service: pds.url });
    const accounts = await sendMessage<PublicAccount[]>(page, 'accounts.list');
    const mastoAccount = accounts.find((a) => a.network === 'mastodon')!;
    const bskyAccount = accounts.find((a) => a.network === 'bluesky')!;

    const now = `Posté par un fichier ${username}`;
    const later = `Programmé par un fichier ${username}`;
    const sendAt = Date.now() + 10_000;
    const path = await craftedFile(dir, {
      jobs: [
        craftedJob(mastoAccount, 'p-now', now, null),
        craftedJob(bskyAccount, 'p-now', now, null),
        craftedJob(mastoAccount, 'p-later', later, sendAt),
      ],
    });
    const mastodonPosts = (text: string) =>
      mastodon.state.statuses.filter((s) => s.accountId === masto.id && s.text === text).length;
    const agent = new AtpAgent({ service: pds.url });
    const blueskyPosts = async (text: string) =>
      (
        await agent.com.atproto.repo.listRecords({ repo: me.did, collection: 'app.bsky.feed.post' })
      ).data.records.filter((r) => (r.value as { text: string }).text === text).length;

    await importFile(page, path);

    // The engine's drain after the import, the scheduled time, then an outbox alarm tick: nothing goes out.
    await page.waitForTimeout(Math.max(0, sendAt - Date.now()) + 3_000);
    const worker = await sortie.serviceWorker();
    await worker.evaluate(() =>
      (globalThis as unknown as { chrome: any }).chrome.alarms.create('sortie.outbox', { when: Date.now() + 200 }),
    );
    await page.waitForTimeout(5_000);
    expect(mastodonPosts(now)).toBe(0);
    expect(mastodonPosts(later)).toBe(0);
    expect(await blueskyPosts(now)).toBe(0);

    // The import says so, and the queue lists both posts held, the scheduled one with its time.
    await expect(page.getByTestId('import-held')).toContainText('Posts not sent yet: 2 (scheduled: 1)');
    await page.getByRole('link', { name: 'Publishing' }).click();
    const held = page.getByTestId('held-post');
    await expect(held).toHaveCount(2);
    await expect(held.filter({ hasText: 'Scheduled for' })).toHaveCount(1);
    await expect(page.locator('li[data-state="held"]')).toHaveCount(3);

    // The user's Send: the post goes out, once, on both accounts.
    await page.getByRole('button', { name: /^Send the restored post “Posté par un fichier/ }).click();
    await expect.poll(() => mastodonPosts(now), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => blueskyPosts(now), { timeout: 30_000 }).toBe(1);
    await expect(page.locator('li[data-state="sent"]')).toHaveCount(2);
    await worker.evaluate(() =>
      (globalThis as unknown as { chrome: any }).chrome.alarms.create('sortie.outbox', { when: Date.now() + 200 }),
    );
    await page.waitForTimeout(4_000);
    expect(mastodonPosts(now)).toBe(1);
    expect(await blueskyPosts(now)).toBe(1);

    // Delete: the scheduled one is gone and never sent.
    await page.getByRole('button', { name: /^Delete the restored post “Programmé par un fichier/ }).click();
    await expect(held).toHaveCount(0);
    expect(mastodonPosts(later)).toBe(0);
    expect(errors).toEqual([]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("a file that pins a mirror of its own does not get the user's X links", async ({
  openPage,
  context,
  routeHost,
  allowHosts,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'sortie-hostile-'));
  try {
    const evilHits: string[] = [];
    // Served (so the attack would visibly land) but not allowed: a request there also fails the test.
    await routeHost('evil-mirror.example', async (route) => {
      evilHits.push(route.request().url());
      await route.fulfill({
        status: 200,
        contentType: 'text/html',
        body: '<!doctype html><title>evil</title><main>attacker</main>',
      });
    });
    const mirrorHits = await serveMirrors(routeHost, allowHosts, { 'xcancel.com': 'up' });
    const xHits = await serveX(routeHost);
    allowHosts('x.com');

    const evil = 'https://evil-mirror.example';
    const path = await craftedFile(dir, {
      settings: { links: { redirect: true, pinnedMirror: evil } },
      mirrors: [{ id: evil, name: 'Nitter (fast)', origin: evil, pinned: true, scheme: 'nitter', disabled: false }],
    });
    const { page, errors } = await openPage('options.html#privacy');
    await importFile(page, path);
    // Soft: the attack itself is checked next even when the summary is wrong.
    await expect.soft(page.getByTestId('import-mirrors-off')).toContainText('Mirrors added turned off: 1');
    await expect.soft(page.getByTestId('import-done')).toContainText('that preference was not restored');
    // The reader then answers "I'm leaving X": every X link goes to a mirror, and never the file's.
    await chooseLeaving(page);

    const tab = await context.newPage();
    await tab.goto('https://x.com/jack/status/20').catch(() => undefined);
    await tab.waitForTimeout(1_000);
    expect(evilHits).toEqual([]);
    expect(new URL(tab.url()).hostname).not.toBe('evil-mirror.example');
    // It went to a built-in mirror instead (which one depends on their health, unknown yet).
    expect(Object.values(mirrorHits).some((hits) => hits.some((p) => p.startsWith('/jack/status/20')))).toBe(true);
    expect(xHits).toEqual([]);

    // The options page shows where it came from and lets the user turn it on.
    const state = await linksState(page);
    expect(state.mirrors.find((m) => m.id === evil)).toMatchObject({ disabled: true, fromBackup: true });
    await page.reload();
    await page.getByRole('link', { name: 'X links' }).click();
    const row = page.locator(`tr[data-mirror="${evil}"]`);
    await expect(row.getByTestId('mirror-from-backup')).toHaveText(
      'From a backup file: not used until you turn it on.',
    );
    await expect(row.getByRole('button', { name: 'Prefer Nitter (fast) whenever it works' })).toBeDisabled();
    await row.getByLabel('Use Nitter (fast)').check();
    await expect(row.getByTestId('mirror-from-backup')).toHaveCount(0);
    expect((await linksState(page)).mirrors.find((m) => m.id === evil)).toMatchObject({
      disabled: false,
      fromBackup: false,
    });
    expect(errors).toEqual([]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
