import { createRestAPIClient, type mastodon } from 'masto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMastodonServer, type MastodonTestServer } from './index';

let server: MastodonTestServer;
let masto: mastodon.rest.Client;
beforeAll(async () => {
  server = await startMastodonServer();
  masto = createRestAPIClient({ url: server.url, accessToken: server.createAccount('alice').token });
  server.createAccount('bob');
  server.addRemoteAccount('carol@remote.example', {
    display_name: 'Carol',
    note: '<p>Hi from afar</p>',
    fields: [{ name: 'Site', value: 'https://carol.example' }],
  });
  server.addRemoteAccount('dave@remote.example', { fetched: true });
  server.addRemoteAccount('erin@locked.example', { locked: true, fetched: true });
});
afterAll(() => server.close());

describe('accounts', () => {
  it('verifies credentials with the source block', async () => {
    const me = await masto.v1.accounts.verifyCredentials();
    expect(me).toMatchObject({
      username: 'alice',
      acct: 'alice',
      url: `${server.url}/@alice`,
      source: { privacy: 'public' },
    });
    expect(me.createdAt).toMatch(/T00:00:00\.000Z$/);
  });

  it.each([
    ['bob', 'bob'],
    ['@bob', 'bob'],
    ['dave@remote.example', 'dave@remote.example'],
  ])('looks up %s', async (acct, expected) => {
    expect((await masto.v1.accounts.lookup({ acct })).acct).toBe(expected);
  });

  it('does not find a remote account it never fetched, until a resolving search fetches it', async () => {
    await expect(masto.v1.accounts.lookup({ acct: 'carol@remote.example' })).rejects.toMatchObject({ statusCode: 404 });
    const unresolved = await masto.v2.search.list({ q: '@carol@remote.example', type: 'accounts' });
    expect(unresolved.accounts).toEqual([]);
    const resolved = await masto.v2.search.list({ q: '@carol@remote.example', type: 'accounts', resolve: true });
    expect(resolved.accounts).toHaveLength(1);
    expect(resolved.accounts[0]).toMatchObject({
      acct: 'carol@remote.example',
      displayName: 'Carol',
      note: '<p>Hi from afar</p>',
      url: 'https://remote.example/@carol',
      fields: [{ name: 'Site', value: 'https://carol.example', verifiedAt: null }],
    });
    expect((await masto.v1.accounts.lookup({ acct: 'carol@remote.example' })).displayName).toBe('Carol');
  });

  it('finds accounts by profile URL and by name prefix', async () => {
    expect((await masto.v2.search.list({ q: 'https://remote.example/@dave', resolve: true })).accounts[0]?.acct).toBe(
      'dave@remote.example',
    );
    expect((await masto.v2.search.list({ q: 'bo', type: 'accounts' })).accounts.map((a) => a.acct)).toEqual(['bob']);
  });

  it('follows a local account at once and a remote one after its Accept', async () => {
    const bob = await masto.v1.accounts.lookup({ acct: 'bob' });
    expect(await masto.v1.accounts.$select(bob.id).follow()).toMatchObject({ following: true, requested: false });

    const dave = await masto.v1.accounts.lookup({ acct: 'dave@remote.example' });
    const pending = await masto.v1.accounts.$select(dave.id).follow({ reblogs: false });
    expect(pending).toMatchObject({ following: false, requested: true });

    const erin = await masto.v1.accounts.lookup({ acct: 'erin@locked.example' });
    await masto.v1.accounts.$select(erin.id).follow();

    const relationships = await masto.v1.accounts.relationships.fetch({ id: [bob.id, dave.id, erin.id] });
    expect(relationships.map((r) => [r.id, r.following, r.requested])).toEqual([
      [bob.id, true, false],
      [dave.id, true, false],
      [erin.id, false, true],
    ]);
    expect(relationships[1]?.showingReblogs).toBe(false);
    expect(server.state.follows).toHaveLength(3);
    expect((await masto.v1.accounts.verifyCredentials()).followingCount).toBe(2);
  });

  it('keeps a remote follow requested for remoteFollowAcceptMs', async () => {
    server.addRemoteAccount('frank@slow.example', { fetched: true });
    server.faults.remoteFollowAcceptMs = 60_000;
    try {
      const frank = await masto.v1.accounts.lookup({ acct: 'frank@slow.example' });
      await masto.v1.accounts.$select(frank.id).follow();
      const [relationship] = await masto.v1.accounts.relationships.fetch({ id: [frank.id] });
      expect(relationship).toMatchObject({ following: false, requested: true });
    } finally {
      server.faults.remoteFollowAcceptMs = 0;
    }
  });

  it('refuses to follow oneself or an unknown id', async () => {
    const me = await masto.v1.accounts.verifyCredentials();
    await expect(masto.v1.accounts.$select(me.id).follow()).rejects.toMatchObject({ statusCode: 404 });
    await expect(masto.v1.accounts.$select('123').follow()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('renders mentions of known accounts as links', async () => {
    const status = await masto.v1.statuses.create({
      status: 'hi @bob and @dave@remote.example and @nobody@nowhere.example',
    });
    expect(status.mentions.map((m) => m.acct)).toEqual(['bob', 'dave@remote.example']);
    expect(status.content).toContain(
      '<a href="https://remote.example/@dave" class="u-url mention">@<span>dave</span></a>',
    );
    expect(status.content).toContain('@nobody@nowhere.example');
  });
});
