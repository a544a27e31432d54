/**
 * Backup, restore and wipe, end to end in Chromium against the real PDS and the Mastodon test
 * server: export with and without a passphrase; import into a fresh profile
 * (a wrong passphrase and a damaged file first: clear errors, nothing
 * stored); post from the restored accounts; then wipe the first browser: the
 * pending post is listed first, the servers see the revoke / delete-session
 * calls, and IndexedDB, storage, alarms and rules are empty.
 */
import { AtpAgent } from '@atproto/api';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Credentials } from '../../lib/model/account.ts';
import { FILE_CONTEXT, openBox, PassphraseKeys, type EncryptedBox } from '../../lib/backup/crypto.ts';
import { launchSortie } from './support/fixtures.ts';
import { storedStateInPage, type StoredState } from './support/stored-state.ts';
import { expect, test, uniqueName } from './support/servers.ts';
import { connectBluesky, connectMastodon, openComposerOption, postFromComposer } from './support/ui.ts';

const PASSPHRASE = 'Lune de miel à Brest 2026';

/** What Sortie keeps in this profile: row counts per IndexedDB store, storage, alarms and rules. */
function storedState(page: Page): Promise<StoredState> {
  return page.evaluate(storedStateInPage);
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

async function exportTo(page: Page, path: string, passphrase?: string): Promise<string> {
  const withTokens = page.getByLabel('Include sign-in tokens, encrypted with a passphrase');
  await withTokens.setChecked(passphrase !== undefined);
  if (passphrase !== undefined) {
    await page.getByLabel('Passphrase (at least 8 characters)').fill(passphrase);
    await page.getByLabel('Passphrase again').fill(passphrase);
  }
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export to a file' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^sortie-backup-\d{4}-\d\d-\d\d\.json$/);
  await file.saveAs(path);
  await expect(page.getByTestId('export-done')).toContainText(`tokens included: ${passphrase ? 'yes' : 'no'}`);
  return readFile(path, 'utf8');
}

async function importFrom(page: Page, path: string, passphrase = ''): Promise<void> {
  await page.getByLabel('Backup file').setInputFiles(path);
  await page.getByLabel('Passphrase (if the export has one)').fill(passphrase);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
}

function localInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

test('export, import into a fresh profile and post there, then wipe: servers revoked, nothing left', async ({
  context,
  openPage,
  pds,
  mastodon,
  recordingProxy,
}) => {
  test.setTimeout(240_000);
  const files = await mkdtemp(join(tmpdir(), 'sortie-backup-'));
  const profileB = await mkdtemp(join(tmpdir(), 'sortie-profile-b-'));
  try {
    // --- Browser A: two accounts, a sent post, a post scheduled for tomorrow.
    const me = await pds.createUser(uniqueName('exp'));
    const username = uniqueName('exp');
    const { id: mastodonId } = mastodon.createAccount(username, 'correct horse');
    const options = await openPage('options.html#privacy');
    await expect(options.page.getByRole('heading', { name: 'Privacy and your data' })).toBeFocused();
    await options.page.getByRole('link', { name: 'Accounts' }).click();
    await connectBluesky(options.page, { identifier: me.handle, appPassword: me.appPassword, service: pds.url });
    await connectMastodon(context, options.page, { server: mastodon.url, username, password: 'correct horse' });

    const compose = await openPage('compose.html');
    await postFromComposer(compose.page, `Avant l'export ${username} 🌍`);
    await compose.page.getByLabel('What do you want to say?').fill(`Demain ${username}`);
    await openComposerOption(compose.page, 'Send later');
    await compose.page.getByLabel('Send at').fill(localInput(new Date(Date.now() + 24 * 3_600_000)));
    await compose.page.getByRole('button', { name: 'Schedule' }).click();
    await expect(compose.page.getByTestId('post-status').locator('li[data-state="queued"]')).toHaveCount(1, {
      timeout: 30_000,
    });

    // --- Export twice: without tokens, then with them sealed.
    await options.page.getByRole('link', { name: 'Your data' }).click();
    const plainPath = join(files, 'plain.json');
    const sealedPath = join(files, 'sealed.json');
    const plain = await exportTo(options.page, plainPath);
    const sealed = await exportTo(options.page, sealedPath, PASSPHRASE);
    // The whole file is sealed; inside, each account's tokens are sealed once more, bound to its id.
    const keys = new PassphraseKeys(PASSPHRASE);
    const sealedFile = (await openBox(keys, (JSON.parse(sealed) as { sealed: EncryptedBox }).sealed, FILE_CONTEXT)) as {
      accounts: { id: string; network: string; credentials: { encrypted: never } | null }[];
    };
    const blueskyEntry = sealedFile.accounts.find((a) => a.network === 'bluesky')!;
    const bskyCreds = (await openBox(keys, blueskyEntry.credentials!.encrypted, blueskyEntry.id)) as Credentials;
    if (bskyCreds.network !== 'bluesky') throw new Error('expected Bluesky credentials');
    const mastodonToken = mastodon.state.tokens.filter((t) => t.accountId === mastodonId).at(-1)!.token;
    expect(sealed).not.toContain(`Demain ${username}`);
    for (const text of [plain, sealed, await options.page.content()]) {
      for (const secret of [mastodonToken, bskyCreds.accessJwt, bskyCreds.refreshJwt, me.appPassword])
        expect(text).not.toContain(secret);
    }
    expect(JSON.parse(plain).accounts.every((a: { credentials: unknown }) => a.credentials === null)).toBe(true);

    // --- Browser B, a fresh profile.
    const b = await launchSortie(profileB, recordingProxy.port);
    try {
      const page = await b.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`chrome-extension://${b.extensionId}/options.html#privacy`);
      const accounts = await b.context.newPage();
      await accounts.goto(`chrome-extension://${b.extensionId}/options.html#accounts`);
      await expect(accounts.getByTestId('no-accounts')).toBeVisible();

      // A wrong passphrase and a damaged file: a clear error, nothing stored.
      await importFrom(page, sealedPath, 'not the passphrase');
      await expect(page.getByRole('alert')).toHaveText('Wrong passphrase. Nothing was changed.');
      const damagedPath = join(files, 'damaged.json');
      await writeFile(damagedPath, sealed.slice(0, Math.floor(sealed.length * 0.7)));
      await importFrom(page, damagedPath, PASSPHRASE);
      await expect(page.getByRole('alert')).toContainText('This backup file is damaged and cannot be read');
      const untouched = await storedState(page);
      expect(total(untouched.counts)).toBe(0);

      // Without tokens, the accounts come back waiting to be reconnected; the sealed file then brings the tokens.
      await importFrom(page, plainPath);
      await expect(page.getByTestId('import-done')).toContainText('Reconnect these accounts to post with them');
      // The post scheduled for tomorrow comes back held: it waits for this user's Send, not for its time.
      await expect(page.getByTestId('import-held')).toContainText('Posts not sent yet: 1 (scheduled: 1)');
      await accounts.reload();
      await expect(accounts.getByTestId('accounts').getByText('Reconnect needed')).toHaveCount(2);
      await importFrom(page, sealedPath, PASSPHRASE);
      await expect(page.getByTestId('import-done')).toContainText('updated: 2');
      await accounts.reload();
      await expect(accounts.getByTestId('accounts').getByText('Connected', { exact: true })).toHaveCount(2);
      const restored = await storedState(page);
      // Two posts to two accounts: the one sent before the export and the one scheduled for tomorrow.
      expect(restored.counts).toMatchObject({ accounts: 2, jobs: 4 });

      // Posting works with the restored sessions, on both servers.
      const composeB = await b.context.newPage();
      await composeB.goto(`chrome-extension://${b.extensionId}/compose.html`);
      const fromB = `Depuis un autre navigateur ${username} 🚀`;
      await postFromComposer(composeB, fromB);
      expect(mastodon.state.statuses.filter((s) => s.accountId === mastodonId && s.text === fromB)).toHaveLength(1);
      const agent = new AtpAgent({ service: pds.url });
      const { data } = await agent.com.atproto.repo.listRecords({ repo: me.did, collection: 'app.bsky.feed.post' });
      expect(data.records.map((r) => (r.value as { text: string }).text)).toContain(fromB);
      expect(errors).toEqual([]);
    } finally {
      await b.context.close();
    }

    // --- Wipe browser A: the scheduled post is listed before anything happens.
    await options.page.reload();
    await options.page.getByRole('button', { name: 'Delete everything Sortie stored…' }).click();
    const dialog = options.page.getByRole('dialog', { name: 'Delete everything?' });
    await expect(dialog.getByTestId('wipe-pending')).toContainText(`${me.handle}`);
    await expect(dialog.getByTestId('wipe-pending')).toContainText(`Demain ${username}`);
    await expect(dialog.getByLabel("Also sign out on the servers (revoke Sortie's access)")).toBeChecked();
    await dialog.getByRole('button', { name: 'Delete everything' }).click();
    await expect(options.page.getByTestId('wipe-done')).toContainText('Accounts signed out on their server: 2.');

    // The servers saw the calls: the Mastodon token is revoked, the Bluesky session is gone.
    expect(mastodon.state.tokens.find((t) => t.token === mastodonToken)?.revoked).toBe(true);
    const refresh = new AtpAgent({ service: pds.url });
    await expect(
      refresh.com.atproto.server.refreshSession(undefined, {
        headers: { authorization: `Bearer ${bskyCreds.refreshJwt}` },
      }),
    ).rejects.toThrow();

    // Nothing left in the browser, and Sortie starts over as freshly installed.
    const after = await storedState(options.page);
    // Every store the schema has (those added by later migrations too) is there and empty.
    expect(Object.keys(after.counts)).toEqual(
      expect.arrayContaining(['accounts', 'drafts', 'jobs', 'settings', 'media', 'mastodonApps', 'stats', 'mirrors']),
    );
    expect(Object.entries(after.counts).filter(([, n]) => n > 0)).toEqual([]);
    expect(after.local).toEqual({});
    expect(after.session).toEqual({});
    expect(after.alarms).toEqual([]);
    expect(after.rules).toEqual([]);
    await options.page.goto(options.page.url().replace(/#.*$/, '#leaving'));
    await options.page.reload();
    await expect(options.page.getByTestId('choice-now')).toHaveAttribute('data-choice', 'undecided');
    await options.page.getByRole('link', { name: 'Accounts' }).click();
    await expect(options.page.getByTestId('no-accounts')).toBeVisible();
    expect(options.errors).toEqual([]);
  } finally {
    await rm(files, { recursive: true, force: true });
    await rm(profileB, { recursive: true, force: true });
  }
});
