/**
 * Backup and wipe on the options page: the export is a file the browser saves,
 * holding the account but not its token (no passphrase chosen); "Delete
 * everything" leaves no account; importing the file brings the account back,
 * to be reconnected. Then, in both browsers, a crafted file that tries to act:
 * its queued posts are held until the user presses Send, and a mirror of its
 * own never gets the user's X links until the user turns it on; and a
 * passphrase export, which someone may read later, holds nothing of the
 * user's in readable form, and brings the sign-ins back where everything was
 * deleted: a wrong passphrase or a damaged file changes nothing. Deleting
 * everything, signing out, ends the sessions on the servers and leaves no
 * store, storage, alarm or rule behind.
 */
import { AtpAgent } from '@atproto/api';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PublicAccount } from '../../../lib/model/account.ts';
import type { BridgeEntry } from '../../../lib/model/bridge.ts';
import { emptyDraft } from '../../../lib/model/draft.ts';
import { accountId } from '../../../lib/networks/network.ts';
import { craftedFile, craftedJob } from '../support/crafted-backup.ts';
import { expect, test, type Tab } from '../support/journey.ts';
import { MIRROR_HOSTS } from '../support/links.ts';
import { uniqueName } from '../support/servers.ts';
import { callInPage, readCredentialsInPage } from '../support/bulk.ts';
import { storedStateInPage, type StoredState } from '../support/stored-state.ts';
import {
  accountsText,
  answerWelcome,
  connectBlueskyAccount,
  connectMastodonWithToken,
  postAndWait,
  signInToMastodon,
  statusesOf,
} from './steps.ts';

async function importFile(options: Tab, extensionOrigin: string, path: string): Promise<void> {
  await options.goto(`${extensionOrigin}/options.html#privacy`);
  await options.upload('Backup file', path);
  await options.click('Import');
  await options.waitFor(`document.querySelector('[data-testid="import-done"]') !== null`, 20_000);
}

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

test("a crafted file's queued and scheduled posts are held: nothing goes out, through a drain, an alarm and a background restart, until the user presses Send, then once", async ({
  journey,
  pds,
  mastodon,
}) => {
  test.setTimeout(150_000);
  const bluesky = await connectBlueskyAccount(journey, pds, 'held');
  const { id, username, options } = await connectMastodonWithToken(journey, mastodon, 'held');
  // The ids anyone can guess: a Mastodon server's origin and account id, a Bluesky DID.
  const accounts = await options.evaluate<PublicAccount[]>(
    `chrome.runtime.sendMessage({ sortie: 1, name: 'accounts.list' }).then((reply) => reply.value)`,
  );
  const masto = accounts.find((a) => a.network === 'mastodon')!;
  const bsky = accounts.find((a) => a.network === 'bluesky')!;
  expect(masto.id).toBe(accountId('mastodon', new URL(mastodon.url).origin, id));
  const now = `Posté par un fichier ${username}`.slice(0, 40);
  const later = `Programmé par un fichier ${username}`.slice(0, 40);
  const sendAt = Date.now() + 10_000;
  const agent = new AtpAgent({ service: pds.url });
  const blueskyPosts = async (text: string) =>
    (
      await agent.com.atproto.repo.listRecords({ repo: bluesky.did, collection: 'app.bsky.feed.post' })
    ).data.records.filter((r) => (r.value as { text: string }).text === text).length;
  const heldPosts = `document.querySelectorAll('[data-testid="held-post"]').length`;
  const dir = await mkdtemp(join(tmpdir(), 'sortie-journey-'));
  try {
    const path = await craftedFile(dir, {
      jobs: [
        craftedJob(masto, 'p-now', now, null),
        craftedJob(bsky, 'p-now', now, null),
        craftedJob(masto, 'p-later', later, sendAt),
      ],
    });
    await importFile(options, journey.extensionOrigin, path);
    expect(
      await options.evaluate<string>(`document.querySelector('[data-testid="import-held"]')?.textContent ?? ''`),
    ).toContain('Posts not sent yet: 2 (scheduled: 1)');

    // The engine's drain after the import, the scheduled time, an outbox alarm, then a background
    // that wakes again: nothing goes out.
    await new Promise((r) => setTimeout(r, Math.max(0, sendAt - Date.now()) + 3_000));
    await options.evaluate(`chrome.alarms.create('sortie.outbox', { when: Date.now() + 200 })`);
    await new Promise((r) => setTimeout(r, 4_000));
    await journey.suspendBackground();
    await options.goto(`${journey.extensionOrigin}/options.html#publishing`);
    await options.waitFor(`${heldPosts} === 2`);
    await new Promise((r) => setTimeout(r, 3_000));
    expect(statusesOf(mastodon, id)).toEqual([]);
    expect(await blueskyPosts(now)).toBe(0);
    // Listed held, the scheduled one with its time; a job per account and part.
    expect(
      await options.evaluate<number>(
        `[...document.querySelectorAll('[data-testid="held-post"]')].filter((p) => p.textContent.includes('Scheduled for')).length`,
      ),
    ).toBe(1);
    expect(await options.evaluate<number>(`document.querySelectorAll('li[data-state="held"]').length`)).toBe(3);

    // The user's Send: it goes out, once, on both accounts.
    await options.click(`Send the restored post “${now}”`);
    await expect.poll(() => statusesOf(mastodon, id).length, { timeout: 30_000 }).toBe(1);
    await expect.poll(() => blueskyPosts(now), { timeout: 30_000 }).toBe(1);
    await options.waitFor(`${heldPosts} === 1`);
    await journey.suspendBackground();
    await options.goto(`${journey.extensionOrigin}/options.html#publishing`);
    await options.evaluate(`chrome.alarms.create('sortie.outbox', { when: Date.now() + 200 })`);
    await new Promise((r) => setTimeout(r, 3_000));
    expect(statusesOf(mastodon, id).map((s) => s.text)).toEqual([now]);
    expect(await blueskyPosts(now)).toBe(1);

    // Delete: the scheduled one is gone and never sent.
    await options.click(`Delete the restored post “${later}”`);
    await options.waitFor(`${heldPosts} === 0`);
    expect(statusesOf(mastodon, id).map((s) => s.text)).toEqual([now]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("a crafted file that pins a mirror of its own does not get the user's X links", async ({
  journey,
  recordingProxy,
  allowHosts,
}) => {
  allowHosts(...MIRROR_HOSTS);
  // Chromium may open a bare tunnel to a typed host before any rule applies (tests/e2e/journeys/core.spec.ts).
  if (journey.kind === 'chromium') allowHosts('x.com');
  const evil = 'https://evil-mirror.example';
  const dir = await mkdtemp(join(tmpdir(), 'sortie-journey-'));
  try {
    const path = await craftedFile(dir, {
      settings: { links: { redirect: true, pinnedMirror: evil } },
      mirrors: [{ id: evil, name: 'Nitter (fast)', origin: evil, pinned: true, scheme: 'nitter', disabled: false }],
    });
    const options = await journey.openPage('options.html');
    await importFile(options, journey.extensionOrigin, path);
    expect(
      await options.evaluate<string>(`document.querySelector('[data-testid="import-mirrors-off"]')?.textContent ?? ''`),
    ).toContain('Mirrors added turned off: 1');
    await answerWelcome(journey, 'leaving');

    const tab = await journey.newTab();
    await tab.goto('https://x.com/jack/status/20');
    await expect
      .poll(() => recordingProxy.log.filter((r) => MIRROR_HOSTS.includes(r.host)).length, { timeout: 15_000 })
      .toBeGreaterThan(0);
    expect(recordingProxy.log.filter((r) => r.host === 'evil-mirror.example')).toEqual([]);
    expect(new URL(await tab.url()).hostname).not.toBe('evil-mirror.example');

    // The options page shows where it came from; it cannot be preferred until the user turns it on.
    await options.goto(`${journey.extensionOrigin}/options.html#links`);
    const row = `document.querySelector('tr[data-mirror="${evil}"]')`;
    await options.waitFor(`${row} !== null`);
    expect(
      await options.evaluate<string>(`${row}.querySelector('[data-testid="mirror-from-backup"]')?.textContent ?? ''`),
    ).toBe('From a backup file: not used until you turn it on.');
    expect(
      await options.evaluate<boolean>(
        `${row}.querySelector('button[aria-label="Prefer Nitter (fast) whenever it works"]').disabled`,
      ),
    ).toBe(true);
    await options.check('Use Nitter (fast)');
    await options.waitFor(`${row}.querySelector('[data-testid="mirror-from-backup"]') === null`);
    const state = await options.evaluate<{ mirrors: { id: string; disabled: boolean; fromBackup?: boolean }[] }>(
      `chrome.runtime.sendMessage({ sortie: 1, name: 'links.state' }).then((reply) => reply.value)`,
    );
    expect(state.mirrors.find((m) => m.id === evil)).toMatchObject({ disabled: false, fromBackup: false });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a passphrase export holds no draft, post, X handle or match in readable form', async ({ journey }) => {
  const secrets = {
    draft: 'Brouillon secret du rassemblement devant la préfecture',
    post: 'Message en attente sur la manif de samedi',
    xHandle: 'militante_x_secrete',
    xName: 'Camille Militante',
    match: 'camille@piaille.example',
  };
  const draft = { ...emptyDraft('d-secret', Date.now(), ['fr']), text: secrets.draft };
  const account: PublicAccount = {
    id: 'mastodon:https://piaille.example:77',
    network: 'mastodon',
    handle: '@moi@piaille.example',
    displayName: 'Moi',
    server: 'https://piaille.example',
    profileUrl: 'https://piaille.example/@moi',
    status: 'reconnect',
    defaultInteraction: { reply: 'everyone', allowQuotes: true },
    createdAt: 1,
  };
  const follow: BridgeEntry = {
    key: secrets.xHandle,
    x: {
      handle: secrets.xHandle,
      displayName: secrets.xName,
      bio: `moved to @${secrets.match}`,
      links: [],
      website: null,
    },
    sources: ['following:moi'],
    collectedAt: 10,
    updatedAt: 20,
    matches: {
      [account.id]: {
        checkedAt: 20,
        notes: [],
        candidates: [
          {
            network: 'mastodon',
            id: '9',
            handle: secrets.match,
            displayName: secrets.xName,
            bio: '',
            links: [],
            verifiedLinks: [],
            labels: [],
            url: `https://piaille.example/@camille`,
            found: 'hint',
            hints: [
              { network: 'mastodon', kind: 'acct', value: secrets.match, source: 'bio', cue: true, confusable: false },
            ],
            confidence: 'sure',
            evidence: [{ kind: 'x-names', detail: secrets.match }],
            follow: 'none',
          },
        ],
      },
    },
  };
  const dir = await mkdtemp(join(tmpdir(), 'sortie-journey-'));
  try {
    const path = await craftedFile(dir, {
      accounts: [{ ...account, credentials: null }],
      drafts: [draft],
      jobs: [craftedJob(account, 'p-secret', secrets.post, Date.now() + 86_400_000)],
      follows: [follow],
    });
    const options = await journey.openPage('options.html');
    await importFile(options, journey.extensionOrigin, path);

    // Before saving, the page says what the file will hold (soft: the file's bytes are checked next regardless).
    await options.clickText('Include sign-in tokens, encrypted with a passphrase');
    const contents = `document.querySelector('[data-testid="export-contents"]')?.textContent ?? ''`;
    await options.waitFor(`(${contents}).includes('the whole file is encrypted')`).catch(() => undefined);
    const said = await options.evaluate<string>(contents);
    expect.soft(said).toContain('Accounts: 1, with their sign-in tokens.');
    expect.soft(said).toContain('Drafts: 1.');
    expect.soft(said).toContain('Posts not sent yet: 1');
    expect.soft(said).toContain('Follow bridge: 1 X accounts you collected, 1 of them with accounts found elsewhere.');
    expect.soft(said).toContain('the whole file is encrypted');

    const passphrase = 'Lune de miel à Brest 2026';
    await options.fill('Passphrase (at least 8 characters)', passphrase);
    await options.fill('Passphrase again', passphrase);
    await options.click('Export to a file');
    let files: Awaited<ReturnType<typeof journey.downloads>> = [];
    await expect.poll(async () => (files = await journey.downloads()).length, { timeout: 15_000 }).toBe(1);
    const bytes = files[0]!.text;
    for (const secret of [...Object.values(secrets), 'préfecture', 'piaille.example', 'following:moi']) {
      expect(bytes, secret).not.toContain(secret);
    }
    expect(Object.keys(JSON.parse(bytes) as object).sort()).toEqual(['format', 'integrity', 'sealed', 'version']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a passphrase export brings the sign-ins back after everything was deleted: a wrong passphrase and a damaged file change nothing, the right one restores both accounts, which post; deleting everything then signs out on both servers and leaves nothing', async ({
  journey,
  pds,
  mastodon,
  allowHosts,
}) => {
  test.setTimeout(180_000);
  const bluesky = await connectBlueskyAccount(journey, pds, 'pp');
  // Signed in through the server's own page: Sortie holds the app's credentials a revoke needs.
  const username = uniqueName('pp');
  const { id: mastodonId } = mastodon.createAccount(username, 'pw');
  const options = await journey.openPage('options.html');
  await signInToMastodon(journey, allowHosts, options, { server: mastodon.url, username, password: 'pw' });
  const masto = {
    id: mastodonId,
    username,
    token: mastodon.state.tokens.filter((t) => t.accountId === mastodonId).at(-1)!.token,
  };
  const accounts = await options.evaluate<{ id: string; network: string }[]>(
    `chrome.runtime.sendMessage({ sortie: 1, name: 'accounts.list' }).then((reply) => reply.value)`,
  );
  const blueskyId = accounts.find((a) => a.network === 'bluesky')!.id;
  const { accessJwt } = await options.evaluate<{ accessJwt: string }>(callInPage(readCredentialsInPage, blueskyId));

  const passphrase = 'Lune de miel à Brest 2026';
  await options.goto(`${journey.extensionOrigin}/options.html#privacy`);
  await options.clickText('Include sign-in tokens, encrypted with a passphrase');
  await options.fill('Passphrase (at least 8 characters)', passphrase);
  await options.fill('Passphrase again', passphrase);
  await options.click('Export to a file');
  await options.waitFor(
    `document.querySelector('[data-testid="export-done"]')?.textContent.includes('tokens included: yes')`,
  );
  let files: Awaited<ReturnType<typeof journey.downloads>> = [];
  await expect.poll(async () => (files = await journey.downloads()).length, { timeout: 15_000 }).toBe(1);
  const sealed = files[0]!.text;
  for (const secret of [masto.token, accessJwt, bluesky.handle, masto.username]) expect(sealed).not.toContain(secret);

  // Everything deleted, the servers not told (as on a computer given away): the sessions still work there.
  await options.click('Delete everything Sortie stored…');
  await options.check("Also sign out on the servers (revoke Sortie's access)", false);
  await options.click('Delete everything');
  await options.waitFor(`document.querySelector('[data-testid="wipe-done"]') !== null`, 20_000);
  expect(mastodon.state.tokens.find((t) => t.token === masto.token)?.revoked).toBeFalsy();

  const dir = await mkdtemp(join(tmpdir(), 'sortie-journey-'));
  try {
    const sealedPath = join(dir, 'sealed.json');
    const damagedPath = join(dir, 'damaged.json');
    await writeFile(sealedPath, sealed);
    await writeFile(damagedPath, sealed.slice(0, Math.floor(sealed.length * 0.7)));
    const importWith = async (path: string, typed: string) => {
      await options.goto(`${journey.extensionOrigin}/options.html#privacy`);
      await options.upload('Backup file', path);
      await options.fill('Passphrase (if the export has one)', typed);
      await options.click('Import');
    };
    const alert = `document.querySelector('[role="alert"]')?.textContent ?? ''`;
    await importWith(sealedPath, 'not the passphrase');
    await options.waitFor(`(${alert}).includes('Wrong passphrase. Nothing was changed.')`);
    await importWith(damagedPath, passphrase);
    await options.waitFor(`(${alert}).includes('This backup file is damaged and cannot be read')`);
    await options.goto(`${journey.extensionOrigin}/options.html`);
    await options.waitFor(`document.querySelector('[data-testid="no-accounts"]') !== null`);

    await importWith(sealedPath, passphrase);
    await options.waitFor(`document.querySelector('[data-testid="import-done"]') !== null`, 20_000);
    await options.goto(`${journey.extensionOrigin}/options.html`);
    await expect.poll(() => accountsText(options)).toContain(bluesky.handle);
    const restored = await accountsText(options);
    expect(restored).toContain(`@${masto.username}@`);
    expect(restored).not.toContain('Reconnect needed');

    // The restored sign-ins post, on both servers.
    const compose = await journey.openPage('compose.html');
    const text = `Restauré depuis la sauvegarde (${journey.kind}) 🔐`;
    await compose.waitFor(`document.body.textContent.includes(${JSON.stringify(bluesky.handle)})`);
    await postAndWait(compose, text);
    expect(statusesOf(mastodon, masto.id).map((status) => status.text)).toEqual([text]);
    const agent = new AtpAgent({ service: pds.url });
    const { data } = await agent.com.atproto.repo.listRecords({ repo: bluesky.did, collection: 'app.bsky.feed.post' });
    expect(data.records.map((record) => (record.value as { text: string }).text)).toEqual([text]);

    // Everything deleted again, now signing out on the servers: both sign-ins end there, and
    // nothing of Sortie's is left in this profile.
    const { refreshJwt } = await options.evaluate<{ refreshJwt: string }>(callInPage(readCredentialsInPage, blueskyId));
    await options.goto(`${journey.extensionOrigin}/options.html#privacy`);
    await options.click('Delete everything Sortie stored…');
    await options.check("Also sign out on the servers (revoke Sortie's access)");
    await options.click('Delete everything');
    await options.waitFor(
      `document.querySelector('[data-testid="wipe-done"]')?.textContent.includes('Accounts signed out on their server: 2.')`,
      20_000,
    );
    expect(mastodon.state.tokens.find((t) => t.token === masto.token)?.revoked).toBe(true);
    await expect(
      agent.com.atproto.server.refreshSession(undefined, { headers: { authorization: `Bearer ${refreshJwt}` } }),
    ).rejects.toThrow();
    const left = await options.evaluate<StoredState>(callInPage(storedStateInPage));
    // Every store the schema has (those added by later migrations too) is there and empty.
    expect(Object.keys(left.counts)).toEqual(
      expect.arrayContaining(['accounts', 'drafts', 'jobs', 'settings', 'media', 'mastodonApps', 'stats', 'mirrors']),
    );
    expect(Object.entries(left.counts).filter(([, n]) => n > 0)).toEqual([]);
    expect(left).toMatchObject({ local: {}, session: {}, alarms: [], rules: [] });
    // And Sortie starts over as freshly installed.
    await options.goto(`${journey.extensionOrigin}/options.html#leaving`);
    await options.waitFor(`document.querySelector('[data-testid="choice-now"]')?.dataset.choice === 'undecided'`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
