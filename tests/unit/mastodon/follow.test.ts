import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  followMastodonAccount,
  lookupMastodonAccount,
  relationships,
  sameAcct,
} from '../../../lib/networks/mastodon/engine/follow.ts';
import { PublishError } from '../../../lib/networks/types.ts';

const ORIGIN = 'https://example.social';
const SESSION = { origin: ORIGIN, accessToken: 'tok' };

function account(id: string, acct: string): Record<string, unknown> {
  return { id, username: acct.split('@')[0], acct, display_name: '', avatar: 'a.png', url: `https://x/@${acct}` };
}

function relationship(id: string, following: boolean): Record<string, unknown> {
  return { id, following, requested: false, followed_by: true, blocking: false, blocked_by: false };
}

function stub(handler: (url: URL, method: string) => { status?: number; body: unknown }): URL[] {
  const urls: URL[] = [];
  vi.stubGlobal('fetch', async (request: Request) => {
    const url = new URL(request.url);
    urls.push(url);
    const { status = 200, body } = handler(url, request.method);
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  });
  return urls;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('lookupMastodonAccount', () => {
  it('uses the lookup endpoint when the server knows the account', async () => {
    const urls = stub(() => ({ body: account('1', 'alice@other.example') }));
    await expect(lookupMastodonAccount(SESSION, '@alice@other.example')).resolves.toEqual({
      id: '1',
      acct: 'alice@other.example',
      displayName: 'alice',
      avatar: 'a.png',
      url: 'https://x/@alice@other.example',
    });
    expect(urls.map((u) => u.pathname + u.search)).toEqual(['/api/v1/accounts/lookup?acct=alice%40other.example']);
  });

  it('falls back to a resolving search and keeps only the exact match', async () => {
    const urls = stub((url) =>
      url.pathname === '/api/v1/accounts/lookup'
        ? { status: 404, body: { error: 'Record not found' } }
        : {
            body: {
              accounts: [account('8', 'alice@else.example'), account('9', 'Alice@Other.Example')],
              statuses: [],
              hashtags: [],
            },
          },
    );
    await expect(lookupMastodonAccount(SESSION, 'alice@other.example')).resolves.toMatchObject({ id: '9' });
    const search = urls[1];
    expect(search?.pathname).toBe('/api/v2/search');
    expect(Object.fromEntries(search?.searchParams ?? [])).toMatchObject({
      q: 'alice@other.example',
      resolve: 'true',
      type: 'accounts',
    });
  });

  it('returns null when nobody matches', async () => {
    stub((url) =>
      url.pathname === '/api/v1/accounts/lookup'
        ? { status: 404, body: { error: 'Record not found' } }
        : { body: { accounts: [], statuses: [], hashtags: [] } },
    );
    await expect(lookupMastodonAccount(SESSION, 'ghost@nowhere.example')).resolves.toBeNull();
  });

  it('classifies other failures', async () => {
    stub(() => ({ status: 401, body: { error: 'The access token is invalid' } }));
    const error = await lookupMastodonAccount(SESSION, 'a@b.example').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublishError);
    expect(error).toMatchObject({ kind: 'auth' });
  });
});

describe('followMastodonAccount / relationships', () => {
  it('follows by id', async () => {
    const urls = stub(() => ({ body: relationship('5', true) }));
    await expect(followMastodonAccount(SESSION, '5')).resolves.toEqual({
      id: '5',
      following: true,
      requested: false,
      followedBy: true,
      blocking: false,
      blockedBy: false,
    });
    expect(urls[0]?.pathname).toBe('/api/v1/accounts/5/follow');
  });

  it('asks for every id at once', async () => {
    const urls = stub(() => ({ body: [relationship('1', true), relationship('2', false)] }));
    const list = await relationships(SESSION, ['1', '2']);
    expect(list.map((r) => [r.id, r.following])).toEqual([
      ['1', true],
      ['2', false],
    ]);
    expect(urls[0]?.searchParams.getAll('id[]')).toEqual(['1', '2']);
  });

  it('makes no request for no ids', async () => {
    const urls = stub(() => ({ body: [] }));
    await expect(relationships(SESSION, [])).resolves.toEqual([]);
    expect(urls).toHaveLength(0);
  });
});

describe('sameAcct', () => {
  it.each([
    ['me', 'me@example.social', true],
    ['Me@Example.Social', 'me@example.social', true],
    ['me@other.example', 'me@example.social', false],
    ['you', 'me@example.social', false],
  ])('%s vs %s -> %s', (found, wanted, expected) => {
    expect(sameAcct(found, wanted, ORIGIN)).toBe(expected);
  });
});
