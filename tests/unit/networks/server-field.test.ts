/**
 * Credentials name their server `server`, as the account does. Records and
 * backup files written when Mastodon's said `origin` and Bluesky's `service`
 * stay readable: the database migrates them, backup import reads either name.
 */
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { credentialsSchema } from '../../../lib/backup/schemas.ts';
import { closeSortieDb, DB_NAME, migrations, openSortieDb } from '../../../lib/db.ts';

const MASTODON_NEW = {
  network: 'mastodon',
  server: 'https://piaille.fr',
  accessToken: 't',
  clientId: 'c',
  clientSecret: 's',
};
const BLUESKY_NEW = {
  network: 'bluesky',
  server: 'https://pds.example',
  did: 'did:plc:abc',
  handle: 'ana.test',
  accessJwt: 'a',
  refreshJwt: 'r',
};

describe('backup credentials, old and new field names', () => {
  it.each([
    ['Mastodon, `server`', MASTODON_NEW, MASTODON_NEW],
    [
      'Mastodon, old `origin`',
      { network: 'mastodon', origin: 'https://piaille.fr', accessToken: 't', clientId: 'c', clientSecret: 's' },
      MASTODON_NEW,
    ],
    ['Bluesky, `server`', BLUESKY_NEW, BLUESKY_NEW],
    [
      'Bluesky, old `service`',
      {
        network: 'bluesky',
        service: 'https://pds.example',
        did: 'did:plc:abc',
        handle: 'ana.test',
        accessJwt: 'a',
        refreshJwt: 'r',
      },
      BLUESKY_NEW,
    ],
    ['both names: `server` wins', { ...MASTODON_NEW, origin: 'https://other.example' }, MASTODON_NEW],
  ])('%s', (_name, input, expected) => {
    expect(credentialsSchema(input, 'credentials')).toEqual(expected);
  });

  it.each([
    ['no server at all', { network: 'mastodon', accessToken: 't', clientId: 'c', clientSecret: 's' }],
    ['an unknown network', { network: 'fake', server: 'https://x.example' }],
    [
      'a server that is not a string',
      { network: 'bluesky', service: 42, did: 'd', handle: 'h', accessJwt: 'a', refreshJwt: 'r' },
    ],
  ])('refuses %s', (_name, input) => {
    expect(() => credentialsSchema(input, 'credentials')).toThrow();
  });
});

describe('database migration to `server`', () => {
  it('renames the credentials field of accounts stored before, and leaves the rest as it was', async () => {
    const v3 = await openDB(DB_NAME, 3, {
      upgrade(db, _old, _new, tx) {
        for (const migrate of migrations.slice(0, 3)) migrate(db as never, tx as never, 0);
      },
    });
    await v3.put('accounts', {
      id: 'm1',
      network: 'mastodon',
      handle: '@a@piaille.fr',
      server: 'https://piaille.fr',
      credentials: {
        network: 'mastodon',
        origin: 'https://piaille.fr',
        accessToken: 't',
        clientId: 'c',
        clientSecret: 's',
      },
    });
    await v3.put('accounts', {
      id: 'b1',
      network: 'bluesky',
      handle: 'ana.test',
      server: 'https://pds.example',
      credentials: {
        network: 'bluesky',
        service: 'https://pds.example',
        did: 'did:plc:abc',
        handle: 'ana.test',
        accessJwt: 'a',
        refreshJwt: 'r',
      },
    });
    v3.close();

    const db = await openSortieDb();
    expect(await db.get('accounts', 'm1')).toEqual({
      id: 'm1',
      network: 'mastodon',
      handle: '@a@piaille.fr',
      server: 'https://piaille.fr',
      credentials: MASTODON_NEW,
    });
    expect(await db.get('accounts', 'b1')).toEqual({
      id: 'b1',
      network: 'bluesky',
      handle: 'ana.test',
      server: 'https://pds.example',
      credentials: BLUESKY_NEW,
    });
    await closeSortieDb();
  });
});
