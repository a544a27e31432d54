import { describe, expect, it } from 'vitest';
import type { Account } from '../../../lib/model/account';
import { MIN_KDF_ITERATIONS, PassphraseKeys, sha256Base64 } from '../../../lib/backup/crypto';
import { exportBackup } from '../../../lib/backup/export';
import { BACKUP_VERSION, parseBackup, serializeBackup } from '../../../lib/backup/format';
import { importBackup } from '../../../lib/backup/import';
import { closeSortieDb, openSortieDb, type Db } from '../../../lib/db';
import { SortieError } from '../../../lib/messaging/errors';
import { DEFAULT_SETTINGS } from '../../../lib/settings';
import { updateSettings } from '../../../lib/settings-store';
import {
  blueskyAccount,
  BLUESKY_REFRESH,
  draft,
  follow,
  imageBlob,
  job,
  mastodonAccount,
  MASTODON_TOKEN,
} from './fixtures';

const PASS = 'correct horse battery';
const opts = (extra: { passphrase?: string; mediaBudget?: number } = {}) => ({
  now: Date.UTC(2026, 8, 1),
  app: 'Sortie 0.1.0',
  iterations: MIN_KDF_ITERATIONS,
  ...extra,
});

/** A browser with two accounts, a draft with an image, a queued post and a sent one. */
async function seed(db: Db): Promise<void> {
  await db.put('accounts', mastodonAccount());
  await db.put('accounts', blueskyAccount());
  await db.put('media', { id: 'img1', blob: imageBlob(2_000), mime: 'image/png', createdAt: 5 });
  const withImage = {
    ...draft('d1', 1_000),
    images: [{ mediaId: 'img1', alt: 'un chat', mime: 'image/png', width: 2, height: 2, size: 2_000 }],
  };
  await db.put('drafts', withImage);
  await db.put('jobs', job('sent1'));
  await db.put(
    'jobs',
    job('queued1', {
      state: 'queued',
      result: null,
      sendAt: Date.UTC(2030, 0, 1),
      nextAttemptAt: Date.UTC(2030, 0, 1),
    }),
  );
  await db.put('stats', { key: 'posts:2026-09-01', name: 'posts', day: '2026-09-01', count: 3 });
  await db.put('follows', follow('ana_x', 30));
  await db.put('bridgeRuns', {
    key: 'current',
    kind: 'match',
    state: 'running',
    done: 1,
    total: 2,
    found: 1,
    followed: 0,
    failed: 0,
    startedAt: 1,
    heartbeatAt: 2,
    waitingUntil: null,
    notes: [],
    error: null,
    accountIds: [],
  });
  await db.put('mirrors', mirror('mine', false));
  await db.put('mirrors', mirror('xcancel.com', true));
  await updateSettings(db, { language: 'fr', onboarded: true, links: { keepXUsable: true } });
}

function mirror(id: string, builtIn: boolean) {
  return {
    id,
    name: id,
    origin: `https://${id === 'mine' ? 'nitter.mine.example' : id}`,
    builtIn,
    pinned: !builtIn,
    health: 'up' as const,
    latencyMs: 40,
    checkedAt: 9,
    reason: 'ok',
    scheme: 'nitter' as const,
  };
}

/** Exports from one "browser", then opens a fresh database as the other one. */
async function exportThenFresh(
  extra: { passphrase?: string; mediaBudget?: number } = {},
): Promise<{ json: string; db: Db }> {
  await seed(await openSortieDb());
  const json = await exportBackup(await openSortieDb(), opts(extra));
  await closeSortieDb();
  indexedDB.deleteDatabase('sortie');
  return { json, db: await openSortieDb() };
}

async function errorOf(work: Promise<unknown>): Promise<SortieError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SortieError);
  return error as SortieError;
}

describe('export', () => {
  it('writes no token without a passphrase, and only ciphertext with one', async () => {
    await seed(await openSortieDb());
    const db = await openSortieDb();
    for (const passphrase of [undefined, PASS]) {
      const json = await exportBackup(db, opts({ passphrase }));
      expect(json).not.toContain(MASTODON_TOKEN);
      expect(json).not.toContain(BLUESKY_REFRESH);
      expect(json).not.toContain('csecret');
      const file = await parseBackup(json, passphrase ? new PassphraseKeys(passphrase) : null);
      expect(file).toMatchObject({ format: 'sortie-backup', version: 2, exportedAt: '2026-09-01T00:00:00.000Z' });
      expect(file.accounts.map((a) => a.credentials === null)).toEqual([!passphrase, !passphrase]);
    }
  });

  it('with a passphrase seals the whole file: in clear only the format, its version and the key derivation', async () => {
    await seed(await openSortieDb());
    const json = await exportBackup(await openSortieDb(), opts({ passphrase: PASS }));
    const outer = JSON.parse(json) as Record<string, unknown>;
    expect(Object.keys(outer).sort()).toEqual(['format', 'integrity', 'sealed', 'version']);
    expect(Object.keys(outer.sealed as object).sort()).toEqual([
      'alg',
      'ciphertext',
      'iterations',
      'iv',
      'kdf',
      'salt',
    ]);
    expect(outer.sealed).toMatchObject({ alg: 'AES-GCM', kdf: 'PBKDF2-SHA256', iterations: MIN_KDF_ITERATIONS });
    // Nothing a reader of the file could learn: drafts, posts, X handles, matches, mirrors, accounts, settings.
    for (const secret of [
      'Brouillon',
      'Message queued1',
      'Message sent1',
      'ana_x',
      'Ana ana_x',
      'moved to',
      'ana@piaille.fr',
      'nitter.mine.example',
      'piaille',
      'pds.example',
      '"fr"',
      'key-queued1',
    ]) {
      expect(json).not.toContain(secret);
    }
    await expect(parseBackup(json)).rejects.toMatchObject({ messageKey: 'error.backup.passphraseNeeded' });
  });

  it("carries drafts, queued and sent posts, bridge results, counters, the user's own mirrors only, settings and images", async () => {
    await seed(await openSortieDb());
    const file = await parseBackup(await exportBackup(await openSortieDb(), opts()));
    expect(file.drafts.map((d) => d.id)).toEqual(['d1']);
    expect(file.jobs.map((j) => j.id).sort()).toEqual(['queued1', 'sent1']);
    expect(file.stats).toHaveLength(1);
    expect(file.follows).toEqual([follow('ana_x', 30)]);
    expect(file).not.toHaveProperty('bridgeRuns');
    expect(file.mirrors).toEqual([
      { id: 'mine', name: 'mine', origin: 'https://nitter.mine.example', pinned: true, scheme: 'nitter' },
    ]);
    expect(file.settings).toMatchObject({ language: 'fr', links: { keepXUsable: true } });
    expect(file.media).toHaveLength(1);
    expect(file.mediaLeftOut).toEqual([]);
  });

  it('leaves images out past the size budget and names them', async () => {
    await seed(await openSortieDb());
    const file = await parseBackup(await exportBackup(await openSortieDb(), opts({ mediaBudget: 1_000 })));
    expect(file.media).toEqual([]);
    expect(file.mediaLeftOut).toEqual([{ id: 'img1', size: 2_000 }]);
  });
});

describe('import into a fresh browser', () => {
  it('restores everything, tokens included, with the passphrase', async () => {
    const { json, db } = await exportThenFresh({ passphrase: PASS });
    const summary = await importBackup(db, json, PASS);
    expect(summary).toMatchObject({
      accounts: { added: 2, updated: 0, kept: 0 },
      drafts: { added: 1 },
      jobs: { added: 2 },
      follows: { added: 1 },
      media: { added: 1 },
      stats: { added: 1 },
      mirrors: { added: 1 },
      settings: 'imported',
      reconnect: [],
    });
    expect(await db.get('accounts', mastodonAccount().id)).toEqual(mastodonAccount());
    expect(await db.get('accounts', blueskyAccount().id)).toEqual(blueskyAccount());
    const image = await db.get('media', 'img1');
    expect(new Uint8Array(await image!.blob.arrayBuffer())).toEqual(
      new Uint8Array(await imageBlob(2_000).arrayBuffer()),
    );
    // A mirror from a file is never used or preferred before the user turns it on.
    expect(await db.get('mirrors', 'mine')).toMatchObject({
      builtIn: false,
      health: 'unknown',
      pinned: false,
      disabled: true,
      fromBackup: true,
      scheme: 'nitter',
    });
    expect(summary).toMatchObject({ heldPosts: 1, heldScheduled: 1, mirrorsOff: 1, pinDropped: false });
    expect(await db.get('follows', 'ana_x')).toEqual(follow('ana_x', 30));
    expect(await db.count('bridgeRuns')).toBe(0);
    expect((await db.get('settings', 'settings'))?.value).toMatchObject({ language: 'fr', onboarded: true });
    // The post still to go out arrives held, with its key: only the user's "Send" queues it.
    expect(await db.get('jobs', 'queued1')).toMatchObject({ state: 'held', idempotencyKey: 'key-queued1' });
    expect(await db.get('jobs', 'sent1')).toMatchObject({ state: 'sent' });
  });

  it('brings accounts without a passphrase back as "reconnect needed", with no token', async () => {
    const { json, db } = await exportThenFresh();
    const summary = await importBackup(db, json, undefined);
    expect(summary.reconnect.sort()).toEqual(['@ana@piaille.fr', 'ana.bsky.social']);
    const bluesky = (await db.get('accounts', blueskyAccount().id))!;
    expect(bluesky.status).toBe('reconnect');
    expect(bluesky.credentials).toEqual({
      network: 'bluesky',
      server: 'https://pds.example',
      did: 'did:plc:abc123',
      handle: 'ana.bsky.social',
      accessJwt: '',
      refreshJwt: '',
    });
    expect((await db.get('accounts', mastodonAccount().id))!.credentials).toMatchObject({
      accessToken: '',
      clientId: '',
    });
  });

  it('then takes the tokens of a later export with a passphrase for the accounts waiting for them', async () => {
    await seed(await openSortieDb());
    const plain = await exportBackup(await openSortieDb(), opts());
    const sealed = await exportBackup(await openSortieDb(), opts({ passphrase: PASS }));
    await closeSortieDb();
    indexedDB.deleteDatabase('sortie');
    const db = await openSortieDb();
    await importBackup(db, plain, undefined);
    const summary = await importBackup(db, sealed, PASS);
    expect(summary.accounts).toEqual({ added: 0, updated: 2, kept: 0 });
    expect(summary.drafts).toEqual({ added: 0, updated: 0, kept: 1 });
    expect(await db.get('accounts', mastodonAccount().id)).toEqual(mastodonAccount());
  });
});

describe('files written by format 1 (tokens sealed, the rest in clear)', () => {
  /** A format-1 file as the previous version wrote it, from what a format-2 file holds. */
  async function asFormat1(json: string, keys: PassphraseKeys | null): Promise<string> {
    const { integrity: _i, format: _f, version: _v, exportedAt, app, ...body } = await parseBackup(json, keys);
    return serializeBackup({ format: 'sortie-backup', version: 1, exportedAt, app }, body);
  }

  it.each([
    ['with sealed tokens', PASS],
    ['without tokens', undefined],
  ])('%s still import', async (_name, passphrase) => {
    const { json, db } = await exportThenFresh({ passphrase });
    const old = await asFormat1(json, passphrase ? new PassphraseKeys(passphrase) : null);
    expect(JSON.parse(old)).toMatchObject({ version: 1, drafts: [{ id: 'd1' }] });
    const summary = await importBackup(db, old, passphrase);
    expect(summary).toMatchObject({
      accounts: { added: 2 },
      drafts: { added: 1 },
      jobs: { added: 2 },
      heldPosts: 1,
      reconnect: passphrase ? [] : expect.any(Array),
    });
    expect(await db.get('jobs', 'queued1')).toMatchObject({ state: 'held' });
    if (passphrase) expect(await db.get('accounts', mastodonAccount().id)).toEqual(mastodonAccount());
  });

  it('a format-1 file cannot carry a sealed body', async () => {
    const { json, db } = await exportThenFresh({ passphrase: PASS });
    const { integrity: _i, ...rest }: Record<string, unknown> = {
      ...(JSON.parse(json) as Record<string, unknown>),
      version: 1,
    };
    const edited = JSON.stringify({ ...rest, integrity: `sha256-${await sha256Base64(JSON.stringify(rest))}` });
    expect((await errorOf(importBackup(db, edited, PASS))).messageKey).toBe('error.backup.damaged');
  });
});

describe('a file does not act by itself', () => {
  it('pending posts arrive held (scheduled ones too), failed and sent ones as they were', async () => {
    const db = await openSortieDb();
    await db.put('accounts', mastodonAccount());
    await db.put('jobs', job('q', { state: 'queued', result: null }));
    await db.put('jobs', job('r', { state: 'retrying', result: null }));
    await db.put('jobs', job('s', { state: 'sending', result: null, sendAt: Date.UTC(2030, 0, 1) }));
    await db.put('jobs', job('f', { state: 'failed', result: null }));
    await db.put('jobs', job('c', { state: 'cancelled', result: null }));
    await db.put('jobs', job('ok'));
    const json = await exportBackup(db, opts());
    await closeSortieDb();
    indexedDB.deleteDatabase('sortie');
    const fresh = await openSortieDb();
    const summary = await importBackup(fresh, json, undefined);
    expect(summary).toMatchObject({ heldPosts: 3, heldScheduled: 1 });
    const states = Object.fromEntries((await fresh.getAll('jobs')).map((j) => [j.id, j.state]));
    expect(states).toEqual({ q: 'held', r: 'held', s: 'held', f: 'failed', c: 'cancelled', ok: 'sent' });
  });

  it('a preferred mirror that is not built in is not restored; a built-in one is', async () => {
    for (const [pinned, restored] of [
      ['mine', null],
      ['xcancel.com', 'xcancel.com'],
    ] as const) {
      const db = await openSortieDb();
      await db.put('mirrors', mirror('mine', false));
      await updateSettings(db, { onboarded: true, links: { pinnedMirror: pinned } });
      const json = await exportBackup(db, opts());
      await closeSortieDb();
      indexedDB.deleteDatabase('sortie');
      const fresh = await openSortieDb();
      const summary = await importBackup(fresh, json, undefined);
      expect(summary.pinDropped).toBe(restored === null);
      expect((await fresh.get('settings', 'settings'))!.value.links.pinnedMirror).toBe(restored);
      expect(await fresh.get('mirrors', 'mine')).toMatchObject({ disabled: true, pinned: false, fromBackup: true });
      await closeSortieDb();
      indexedDB.deleteDatabase('sortie');
    }
  });
});

describe('merging into a browser that has data', () => {
  it('keeps what is here unless the file has a newer edit; never deletes', async () => {
    const { json, db } = await exportThenFresh({ passphrase: PASS });
    const mine: Account = mastodonAccount({
      credentials: { ...mastodonAccount().credentials, accessToken: 'newer-token' } as Account['credentials'],
      displayName: 'Ana here',
    });
    await db.put('accounts', mine);
    await db.put('drafts', draft('d1', 5_000, 'edited here after the export'));
    await db.put('drafts', draft('d-local', 1, 'only here'));
    await db.put('jobs', job('sent1', { updatedAt: 1, text: 'older copy here' }));
    await db.put('follows', follow('ana_x', 99));
    await db.put('stats', { key: 'posts:2026-09-01', name: 'posts', day: '2026-09-01', count: 10 });
    await db.put('mirrors', { ...mirror('mine', false), name: 'renamed here' });
    await updateSettings(db, { language: 'en', onboarded: true });

    const summary = await importBackup(db, json, PASS);
    expect(summary).toMatchObject({
      accounts: { added: 1, updated: 0, kept: 1 },
      drafts: { added: 0, updated: 0, kept: 1 },
      // A job this browser has is never replaced: it knows what it sent.
      jobs: { added: 1, updated: 0, kept: 1 },
      follows: { kept: 1 },
      stats: { kept: 1 },
      mirrors: { kept: 1 },
      settings: 'kept',
    });
    expect(await db.get('accounts', mine.id)).toEqual(mine);
    expect((await db.get('drafts', 'd1'))!.text).toBe('edited here after the export');
    expect((await db.get('drafts', 'd-local'))!.text).toBe('only here');
    expect((await db.get('jobs', 'sent1'))!.text).toBe('older copy here');
    expect((await db.get('stats', 'posts:2026-09-01'))!.count).toBe(10);
    expect((await db.get('follows', 'ana_x'))!.updatedAt).toBe(99);
    expect((await db.get('mirrors', 'mine'))!.name).toBe('renamed here');
    expect((await db.get('settings', 'settings'))!.value.language).toBe('en');
  });

  it('importing the same file twice changes nothing the second time', async () => {
    const { json, db } = await exportThenFresh({ passphrase: PASS });
    await importBackup(db, json, PASS);
    const second = await importBackup(db, json, PASS);
    for (const store of ['accounts', 'drafts', 'jobs', 'follows', 'media', 'stats', 'mirrors'] as const) {
      expect(second[store].added + second[store].updated, store).toBe(0);
    }
  });
});

describe('refused files change nothing', () => {
  const tamper = (json: string, edit: (file: Record<string, unknown>) => void): string => {
    const file = JSON.parse(json) as Record<string, unknown>;
    edit(file);
    return JSON.stringify(file);
  };

  it.each<[string, (json: string) => string, string | undefined, string]>([
    ['a wrong passphrase', (j) => j, 'wrong horse battery', 'error.backup.wrongPassphrase'],
    ['no passphrase for sealed tokens', (j) => j, undefined, 'error.backup.passphraseNeeded'],
    ['a truncated file', (j) => j.slice(0, j.length / 2), PASS, 'error.backup.damaged'],
    ['bytes that are not JSON', () => '\u0089PNG\r\n', PASS, 'error.backup.damaged'],
    [
      'an edited salt (integrity)',
      (j) =>
        tamper(j, (f) => {
          const box = f.sealed as { salt: string };
          box.salt = `A${box.salt.slice(1)}`;
        }),
      PASS,
      'error.backup.damaged',
    ],
    [
      'a flipped ciphertext (integrity)',
      (j) =>
        tamper(j, (f) => {
          const box = f.sealed as { ciphertext: string };
          // Always a different first character (one in 64 files already starts with 'A').
          box.ciphertext = `${box.ciphertext.startsWith('A') ? 'B' : 'A'}${box.ciphertext.slice(1)}`;
        }),
      PASS,
      'error.backup.damaged',
    ],
    ['another JSON document', () => '{"hello":"world"}', PASS, 'error.backup.notBackup'],
    ['a JSON array', () => '[1,2]', PASS, 'error.backup.notBackup'],
    [
      'a newer format',
      (j) =>
        tamper(j, (f) => {
          f.version = BACKUP_VERSION + 1;
        }),
      PASS,
      'error.backup.newerVersion',
    ],
    [
      'a version that is not a number',
      (j) =>
        tamper(j, (f) => {
          f.version = '1';
        }),
      PASS,
      'error.backup.damaged',
    ],
  ])('%s', async (_name, alter, passphrase, key) => {
    const { json, db } = await exportThenFresh({ passphrase: PASS });
    await db.put('drafts', draft('here', 1, 'already here'));
    const error = await errorOf(importBackup(db, alter(json), passphrase));
    expect(error.messageKey).toBe(key);
    for (const store of ['accounts', 'jobs', 'follows', 'media', 'stats', 'mirrors', 'settings'] as const) {
      expect(await db.count(store), store).toBe(0);
    }
    expect(await db.getAllKeys('drafts')).toEqual(['here']);
  });

  it('refuses a sealed file asking for too few key derivation iterations (integrity recomputed)', async () => {
    const { json, db } = await exportThenFresh({ passphrase: PASS });
    const { integrity: _i, ...rest } = JSON.parse(json) as Record<string, unknown> & { sealed: { iterations: number } };
    rest.sealed.iterations = 1_000;
    const edited = JSON.stringify({ ...rest, integrity: `sha256-${await sha256Base64(JSON.stringify(rest))}` });
    const error = await errorOf(importBackup(db, edited, PASS));
    expect(error).toMatchObject({ messageKey: 'error.backup.damaged', detail: 'key derivation iterations 1000' });
  });

  it('an edited draft in a file without passphrase (integrity)', async () => {
    const { json, db } = await exportThenFresh();
    const error = await errorOf(importBackup(db, json.replace('Brouillon d1', 'Brouillon dX'), undefined));
    expect(error.messageKey).toBe('error.backup.damaged');
    expect(await db.count('drafts')).toBe(0);
  });

  it('names the field when the shape is wrong (integrity recomputed, as a hand edit would)', async () => {
    const { json, db } = await exportThenFresh();
    const file = JSON.parse(json) as Record<string, unknown> & { drafts: { text: unknown }[] };
    file.drafts[0]!.text = 42;
    const { integrity: _old, ...rest } = file;
    const { sha256Base64 } = await import('../../../lib/backup/crypto');
    const integrity = `sha256-${await sha256Base64(JSON.stringify(rest))}`;
    const edited = JSON.stringify({ ...rest, integrity });
    const error = await errorOf(importBackup(db, edited, undefined));
    expect(error.messageKey).toBe('error.backup.damaged');
    expect(error.detail).toBe('drafts[0].text: expected a string');
    expect(await db.count('accounts')).toBe(0);
  });

  it('refuses settings the defaults would not know (unknown keys are dropped)', async () => {
    const { json, db } = await exportThenFresh();
    await importBackup(db, json, undefined);
    const settings = (await db.get('settings', 'settings'))!.value;
    expect(Object.keys(settings).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
  });
});
