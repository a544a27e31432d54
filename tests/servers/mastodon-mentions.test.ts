import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUnresolvedMastodonMentions, mastodonMentions } from '../../lib/networks/mastodon/engine/mentions.ts';
import { startMastodonServer, type MastodonTestServer } from './mastodon/index.ts';

describe('mastodonMentions', () => {
  it.each([
    ['Salut @ana et @bob@remote.example !', ['ana', 'bob@remote.example']],
    ['mail ana@example.org is not a mention', []],
    ['https://example.org/@ana is a link', []],
    ['@Ana @ana twice', ['ana']],
    ['@alice.bsky.social is not a Mastodon handle but is looked up as typed', ['alice.bsky.social']],
  ])('%s', (text, expected) => {
    expect(mastodonMentions(text)).toEqual(expected);
  });
});

describe("findUnresolvedMastodonMentions, through the user's own server", () => {
  let server: MastodonTestServer;
  let token: string;
  beforeAll(async () => {
    server = await startMastodonServer();
    token = server.createAccount('me').token;
    server.createAccount('ana');
    // Known to the world, never fetched by this server yet: lookup 404s, a resolving search finds it.
    server.addRemoteAccount('bob@remote.example', { display_name: 'Bob' });
  });
  afterAll(() => server.close());

  it('flags only the accounts the server cannot find, local or remote', async () => {
    const text = 'Avec @ana, @bob@remote.example, @nobody et @ghost@remote.example';
    const unresolved = await findUnresolvedMastodonMentions({ origin: server.url, accessToken: token }, text);
    expect(unresolved).toEqual(['nobody', 'ghost@remote.example']);
  });

  it('says nothing when the server fails (no false alarm)', async () => {
    const unresolved = await findUnresolvedMastodonMentions(
      { origin: 'http://127.0.0.1:9', accessToken: token },
      '@nobody',
    );
    expect(unresolved).toEqual([]);
  });
});
