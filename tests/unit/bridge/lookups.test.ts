/**
 * The follow bridge's network paths against a real PDS (no AppView: profiles
 * through resolveHandle + the profile record, no search) and the Mastodon
 * test server (lookup, search with resolve, follows), then a whole run:
 * collected X accounts -> matches in IndexedDB -> follows on both servers.
 */
import type { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../lib/model/account';
import { putAccount } from '../../../lib/accounts/store';
import { blueskyLookup } from '../../../lib/networks/bluesky/engine/lookup';
import { mastodonLookup } from '../../../lib/networks/mastodon/engine/lookup';
import { createBridgeService } from '../../../lib/bridge/engine/runner';
import { getEntry, getRun, mergeCollected } from '../../../lib/bridge/store';
import type { XProfile } from '../../../lib/model/bridge';
import { openSortieDb } from '../../../lib/db';
import { readStats, totals } from '../../../lib/stats';
import { startMastodonServer } from '../../servers/mastodon/index';
import type { MastodonTestServer } from '../../servers/mastodon/types';
import { startTestPds, type TestPds, type TestUser } from '../../servers/pds';

let pds: TestPds;
let mastodon: MastodonTestServer;
let me: TestUser;
let agent: AtpAgent;
let token: string;
const dids: Record<string, string> = {};

async function profileUser(name: string, record: Record<string, unknown>): Promise<void> {
  const user = await pds.createUser(name);
  dids[name] = user.did;
  const a = await pds.agentFor(user.did);
  await a.com.atproto.repo.putRecord({
    repo: user.did,
    collection: 'app.bsky.actor.profile',
    rkey: 'self',
    record: { $type: 'app.bsky.actor.profile', ...record },
  });
}

beforeAll(async () => {
  [pds, mastodon] = await Promise.all([startTestPds(), startMastodonServer()]);
  me = await pds.createUser('myself');
  agent = await pds.agentFor(me.did);
  await profileUser('ana', { displayName: 'Ana López 🌿', description: 'Formerly x.com/ana_lopez' });
  await profileUser('fake-ana', {
    displayName: 'Ana López',
    description: 'x.com/ana_lopez',
    labels: { $type: 'com.atproto.label.defs#selfLabels', values: [{ val: 'impersonation' }] },
  });
  await profileUser('bob-writes', { displayName: 'Bob' });
  token = mastodon.createAccount('me').token;
  mastodon.addRemoteAccount('ana@piaille.fr', {
    display_name: 'Ana López',
    note: '<p>Hola! <a href="https://x.com/ana_lopez" rel="nofollow noopener" target="_blank"><span class="invisible">https://</span>x.com/ana_lopez</a></p>',
    fields: [{ name: 'Site', value: '<a href="https://ana.example" rel="me">ana.example</a>' }],
  });
  mastodon.addRemoteAccount('bob_writes@mastodon.example', { display_name: 'Bob', fetched: true });
}, 120_000);

afterAll(async () => {
  await Promise.all([pds?.close(), mastodon?.close()]);
});

describe('Bluesky without an AppView', () => {
  it('resolves an explicit handle to its profile record, self-labels included, and has no search', async () => {
    const lookup = blueskyLookup(agent);
    const ana = await lookup.byHandle('ana.test');
    expect(ana).toMatchObject({
      id: dids.ana,
      handle: 'ana.test',
      displayName: 'Ana López 🌿',
      bio: 'Formerly x.com/ana_lopez',
      links: ['https://x.com/ana_lopez'],
      labels: [],
    });
    expect(lookup.hasAppView()).toBe(false);
    expect((await lookup.byHandle('fake-ana.test'))!.labels).toEqual(['impersonation']);
    expect(await lookup.byHandle('nobody.test')).toBeNull();
    expect(await lookup.byDid(dids.ana!)).toMatchObject({ handle: 'ana.test' });
    expect(await lookup.search('ana')).toBeNull();
    expect(await lookup.ownDomains()).toEqual(['.test', '.example']);
  });

  it("follows with a record in the user's repository, and reads follows back", async () => {
    const lookup = blueskyLookup(agent);
    await lookup.follow(dids['bob-writes']!);
    expect(await lookup.followedDids()).toEqual(new Set([dids['bob-writes']]));
  });
});

describe('Mastodon', () => {
  it('finds a remote account by address (resolve), by URL and by search, with bio and fields as text', async () => {
    const lookup = mastodonLookup({ origin: mastodon.url, accessToken: token });
    const ana = await lookup.byAcct('ana@piaille.fr');
    expect(ana).toMatchObject({ handle: 'ana@piaille.fr', displayName: 'Ana López', url: 'https://piaille.fr/@ana' });
    expect(ana!.bio).toBe('Hola! https://x.com/ana_lopez\nSite: ana.example');
    expect(ana!.links).toEqual(['https://x.com/ana_lopez', 'https://ana.example']);
    expect(await lookup.byUrl('https://piaille.fr/@ana', 'ana@piaille.fr')).toMatchObject({ id: ana!.id });
    expect(await lookup.byAcct('ghost@nowhere.example')).toBeNull();
    expect((await lookup.search('bob_writes')).map((a) => a.handle)).toEqual(['bob_writes@mastodon.example']);
    const me = await lookup.byAcct('me');
    expect(me!.handle).toBe(`me@${new URL(mastodon.url).host}`);
  });

  it('names the scope a hand-made token lacks instead of "reconnect"', async () => {
    // A token made with the scopes the old hint asked for: enough to post, not to look up.
    const narrow = mastodon.createAccount('narrow').token;
    mastodon.state.tokens.find((t) => t.token === narrow)!.scopes = ['write:statuses', 'write:media', 'read:accounts'];
    const lookup = mastodonLookup({ origin: mastodon.url, accessToken: narrow });
    await expect(lookup.search('bob_writes')).rejects.toMatchObject({
      kind: 'auth',
      messageKey: 'error.bridge.missingScope',
      detail: 'read:search',
    });
    await expect(lookup.byAcct('ghost@nowhere.example')).rejects.toMatchObject({
      messageKey: 'error.bridge.missingScope',
      detail: 'read:search',
    });
    await expect(lookup.followStates(['1'])).rejects.toMatchObject({
      messageKey: 'error.bridge.missingScope',
      detail: 'read:follows',
    });
    await expect(lookup.follow('1')).rejects.toMatchObject({
      messageKey: 'error.bridge.missingScope',
      detail: 'write:follows',
    });
  });
});

describe('a whole run', () => {
  it('looks collected X accounts up on both networks, then follows the sure matches', async () => {
    const db = await openSortieDb();
    const now = Date.now();
    const bsky: Account = {
      id: 'bluesky:me',
      network: 'bluesky',
      handle: me.handle,
      displayName: 'me',
      server: pds.url,
      profileUrl: '',
      status: 'ok',
      credentials: {
        network: 'bluesky',
        server: pds.url,
        did: me.did,
        handle: me.handle,
        accessJwt: agent.session!.accessJwt,
        refreshJwt: agent.session!.refreshJwt,
      },
      defaultInteraction: { reply: 'everyone', allowQuotes: true },
      createdAt: now,
    };
    const masto: Account = {
      id: 'mastodon:me',
      network: 'mastodon',
      handle: '@me@test',
      displayName: 'me',
      server: mastodon.url,
      profileUrl: '',
      status: 'ok',
      credentials: { network: 'mastodon', server: mastodon.url, accessToken: token, clientId: '', clientSecret: '' },
      defaultInteraction: { reply: 'everyone', allowQuotes: true },
      createdAt: now,
    };
    await putAccount(db, bsky);
    await putAccount(db, masto);
    const x = (handle: string, displayName: string, bio: string): XProfile => ({
      handle,
      displayName,
      bio,
      links: [],
      website: null,
    });
    await mergeCollected(
      db,
      'following:me',
      [
        x('ana_lopez', 'Ana López', '🦋 ana.test · 🐘 @ana@piaille.fr'),
        x('bob_writes', 'Bob', 'Writing.'),
        x('nobody_here', 'Nobody', 'Just X.'),
      ],
      'collect',
      now,
    );

    let finished!: () => void;
    let done = new Promise<void>((r) => (finished = r));
    const service = createBridgeService({
      db,
      now: Date.now,
      lookup: async (account) =>
        account.network === 'bluesky'
          ? blueskyLookup(agent)
          : mastodonLookup({ origin: mastodon.url, accessToken: token }),
      announce: () => undefined,
      onFinished: () => finished(),
    });
    await service.startMatch({ accountIds: [bsky.id, masto.id], recheck: false });
    await expect(service.startMatch({ accountIds: [bsky.id], recheck: false })).rejects.toThrow('error.bridge.busy');
    await done;
    expect(await getRun(db)).toMatchObject({
      kind: 'match',
      state: 'done',
      done: 3,
      total: 3,
      found: 2,
      notes: ['bridge.note.blueskyNoSearch'],
    });

    const ana = (await getEntry(db, 'ana_lopez'))!;
    expect(ana.matches[bsky.id]!.candidates.map((c) => [c.handle, c.confidence])).toEqual([['ana.test', 'sure']]);
    expect(ana.matches[masto.id]!.candidates.map((c) => [c.handle, c.confidence])).toEqual([
      ['ana@piaille.fr', 'sure'],
    ]);
    const bob = (await getEntry(db, 'bob_writes'))!;
    // Same handle guessed on the PDS's own domain (bob-writes.test), already followed above; same username found by search.
    expect(bob.matches[bsky.id]!.candidates.map((c) => [c.handle, c.confidence, c.follow])).toEqual([
      ['bob-writes.test', 'likely', 'following'],
    ]);
    expect(bob.matches[masto.id]!.candidates.map((c) => [c.handle, c.confidence])).toEqual([
      ['bob_writes@mastodon.example', 'likely'],
    ]);
    expect((await getEntry(db, 'nobody_here'))!.matches[bsky.id]!.candidates).toEqual([]);

    done = new Promise<void>((r) => (finished = r));
    await service.startFollow([
      { key: 'ana_lopez', accountId: bsky.id, candidateId: dids.ana! },
      { key: 'ana_lopez', accountId: masto.id, candidateId: ana.matches[masto.id]!.candidates[0]!.id },
    ]);
    await done;
    expect(await getRun(db)).toMatchObject({ kind: 'follow', state: 'done', followed: 2, failed: 0 });
    const after = (await getEntry(db, 'ana_lopez'))!;
    expect(after.matches[bsky.id]!.candidates[0]!.follow).toBe('following');
    expect(after.matches[masto.id]!.candidates[0]!.follow).toBe('requested'); // a remote follow waits for the other server's Accept
    const follows = await agent.com.atproto.repo.listRecords({ repo: me.did, collection: 'app.bsky.graph.follow' });
    expect(follows.data.records.map((r) => (r.value as { subject: string }).subject).sort()).toEqual(
      [dids.ana, dids['bob-writes']].sort(),
    );
    expect(mastodon.state.follows.map((f) => f.targetId)).toEqual([ana.matches[masto.id]!.candidates[0]!.id]);
    expect(totals(await readStats(db))).toMatchObject({ 'follows.found': 2, 'follows.followed': 2 });
  });
});
