/**
 * Backup and wipe on the options page: the export is a file the browser saves,
 * holding the account but not its token (no passphrase chosen); "Delete
 * everything" leaves no account; importing the file brings the account back,
 * to be reconnected. A backup file that tries to act (queued posts, a mirror
 * of its own) is in tests/e2e/hostile/backup.spec.ts.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '../support/journey.ts';
import { accountsText, connectMastodonWithToken } from './steps.ts';

test('export to a file without the token, delete everything, import the file: the account is back, to reconnect', async ({
  journey,
  mastodon,
}) => {
  const { token, username, options } = await connectMastodonWithToken(journey, mastodon, 'bk');
  await options.goto(`${journey.extensionOrigin}/options.html#privacy`);
  await options.click('Export to a file');
  await options.waitFor(`document.querySelector('[data-testid="export-done"]') !== null`);
  let files: Awaited<ReturnType<typeof journey.downloads>> = [];
  await expect.poll(async () => (files = await journey.downloads()).length, { timeout: 15_000 }).toBe(1);
  const file = files[0]!;
  expect(file.name).toMatch(/^sortie-backup-\d{4}-\d{2}-\d{2}\.json$/);
  expect(file.text).toContain('sortie-backup');
  expect(file.text).toContain(username);
  expect(file.text).not.toContain(token);

  await options.click('Delete everything Sortie stored…');
  await options.click('Delete everything');
  await options.waitFor(`document.querySelector('[data-testid="wipe-done"]') !== null`, 20_000);
  await options.goto(`${journey.extensionOrigin}/options.html`);
  await expect.poll(() => accountsText(options)).not.toContain(username);

  const dir = await mkdtemp(join(tmpdir(), 'sortie-journey-'));
  try {
    const path = join(dir, file.name);
    await writeFile(path, file.text);
    await options.goto(`${journey.extensionOrigin}/options.html#privacy`);
    await options.upload('Backup file', path);
    await options.click('Import');
    await options.waitFor(`document.querySelector('[data-testid="import-done"]') !== null`, 20_000);
    expect(
      await options.evaluate<string>(`document.querySelector('[data-testid="import-done"]').textContent`),
    ).toContain('Reconnect these accounts to post with them');
    await options.goto(`${journey.extensionOrigin}/options.html`);
    await expect.poll(() => accountsText(options)).toContain(username);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
