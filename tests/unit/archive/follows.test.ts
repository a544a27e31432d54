import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { createFollowResolver, MIN_GAP_MS } from '../../../lib/archive/engine/follows';
import { nitterUserUrl, parseNitterProfile } from '../../../lib/archive/follows';
import { emptyCounts, getImport, putImport } from '../../../lib/archive/store';
import type { ImportRun } from '../../../lib/model/import';
import { DEFAULT_IMPORT_FILTERS } from '../../../lib/archive/model';
import { listEntries } from '../../../lib/bridge/store';
import { openSortieDb, type Db } from '../../../lib/db';

const MIRROR = 'https://nitter.example';

function doc(html: string): Document {
  return parseHTML(`<!doctype html><html><body>${html}</body></html>`).document as unknown as Document;
}

function card(handle: string, extra = ''): string {
  return `<div class="profile-card"><a class="profile-card-fullname" title="Jo">Jo Dupont 🌍</a>
    <a class="profile-card-username">@${handle}</a>
    <div class="profile-bio"><p>Moved to <a href="https://mastodon.example/@jo">@jo@mastodon.example</a> &amp; <a href="javascript:alert(1)">x</a></p></div>
    <div class="profile-website"><a href="https://jo.example/">jo.example</a></div>${extra}</div>`;
}

describe('a Nitter profile page', () => {
  it.each([
    [
      'a profile card',
      card('jo_dupont'),
      `${MIRROR}/jo_dupont`,
      {
        handle: 'jo_dupont',
        displayName: 'Jo Dupont 🌍',
        links: ['https://mastodon.example/@jo'],
        website: 'https://jo.example/',
      },
    ],
    [
      'a card without a username: the redirect path names it',
      card('').replace('@</a>', '</a>'),
      `${MIRROR}/jo_d`,
      { handle: 'jo_d' },
    ],
    ['a handle X could not have', card('jo<script>'), `${MIRROR}/i/user/1`, null],
    ['an error page', '<div class="error-panel">User not found</div>', `${MIRROR}/i/user/1`, null],
  ] as const)('%s', (_name, html, url, expected) => {
    const profile = parseNitterProfile(doc(html), url);
    if (expected === null) expect(profile).toBeNull();
    else expect(profile).toMatchObject(expected);
  });

  it('keeps only http(s) links and cuts a huge bio to what X allows', () => {
    const profile = parseNitterProfile(
      doc(card('jo', `<div class="profile-bio">${'é'.repeat(50_000)}</div>`)),
      `${MIRROR}/jo`,
    );
    expect(profile?.links.every((l) => l.startsWith('https://'))).toBe(true);
    expect(profile!.bio.length).toBeLessThanOrEqual(1_000);
  });

  it('names an account by id only', () => {
    expect(nitterUserUrl(MIRROR, '12')).toBe(`${MIRROR}/i/user/12`);
    expect(() => nitterUserUrl(MIRROR, '../admin')).toThrow(RangeError);
  });
});

async function setup(): Promise<Db> {
  const db = await openSortieDb();
  await db.put('mirrors', {
    id: 'n',
    name: 'Nitter',
    origin: MIRROR,
    builtIn: false,
    pinned: false,
    health: 'up',
    latencyMs: 1,
    checkedAt: 1,
    reason: '',
  });
  const run: ImportRun = {
    id: 'imp',
    fileName: 'a.zip',
    fileSize: 1,
    xUsername: 'Leaving_X',
    accountIds: [],
    filters: DEFAULT_IMPORT_FILTERS,
    state: 'done',
    counts: emptyCounts(),
    pace: {},
    work: {},
    finishesAt: null,
    followIds: ['1', '2', '3'],
    followsRun: null,
    error: null,
    createdAt: 0,
    updatedAt: 0,
  };
  await putImport(db, run);
  return db;
}

describe('looking the archive follows up', () => {
  it('one request at a time, 2 s apart, into the follow bridge; another origin or a 404 counts as missing', async () => {
    const db = await setup();
    const requests: Array<{ url: string; init: RequestInit | undefined }> = [];
    const sleeps: number[] = [];
    let finished = false;
    const pages: Record<string, { url: string; body: string; status?: number }> = {
      '1': { url: `${MIRROR}/jo_dupont`, body: card('jo_dupont') },
      '2': { url: 'https://elsewhere.example/jo', body: card('other') },
      '3': { url: `${MIRROR}/i/user/3`, body: 'User not found', status: 404 },
    };
    const resolver = createFollowResolver({
      db,
      now: () => 5,
      fetch: async (input, init) => {
        const url = String(input);
        requests.push({ url, init });
        const page = pages[url.split('/').pop()!]!;
        const res = new Response(page.body, { status: page.status ?? 200, headers: { 'content-type': 'text/html' } });
        Object.defineProperty(res, 'url', { value: page.url });
        return res;
      },
      parse: (html, url) => parseNitterProfile(doc(html), url),
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      announce: () => undefined,
      onFinished: () => {
        finished = true;
      },
    });
    await resolver.start('imp', MIRROR);
    await expect.poll(() => finished).toBe(true);
    expect(requests.map((r) => r.url)).toEqual(['1', '2', '3'].map((id) => `${MIRROR}/i/user/${id}`));
    expect(requests.every((r) => r.init?.credentials === 'omit' && r.init.referrerPolicy === 'no-referrer')).toBe(true);
    expect(sleeps.every((ms) => ms >= MIN_GAP_MS)).toBe(true);
    expect((await getImport(db, 'imp'))?.followsRun).toMatchObject({ state: 'done', found: 1, missing: 2, next: 3 });
    const entries = await listEntries(db);
    expect(entries.map((e) => [e.key, e.sources])).toEqual([['jo_dupont', ['following:leaving_x']]]);
  });

  it('stops when asked and picks up where it stopped; refuses a mirror the user does not have', async () => {
    const db = await setup();
    let calls = 0;
    let release: () => void = () => undefined;
    const resolver = createFollowResolver({
      db,
      now: () => 5,
      fetch: async () => {
        calls++;
        return new Response('', { status: 404 });
      },
      parse: () => null,
      sleep: () => new Promise<void>((r) => (release = r)),
      announce: () => undefined,
    });
    await expect(resolver.start('imp', 'https://unknown.example')).rejects.toThrow();
    await resolver.start('imp', MIRROR);
    await expect.poll(() => calls).toBe(1);
    await resolver.stop('imp');
    release();
    await expect.poll(async () => (await getImport(db, 'imp'))?.followsRun?.state).toBe('stopped');
    expect(calls).toBe(1);
    await resolver.start('imp', MIRROR);
    await expect.poll(() => calls).toBe(2);
    expect((await getImport(db, 'imp'))?.followsRun?.next).toBeGreaterThanOrEqual(1);
    await resolver.stop('imp');
    release();
    await expect.poll(() => resolver.running()).toBe(false);
  });

  it.each([
    [
      'a network error',
      () => Promise.reject(new TypeError('NetworkError when attempting to fetch resource.')),
      'TypeError: NetworkError',
    ],
    ['a 502', () => Promise.resolve(new Response('bad gateway', { status: 502 })), 'HTTP 502'],
    ['a 429', () => Promise.resolve(new Response('slow down', { status: 429 })), 'HTTP 429'],
  ] as const)(
    'a mirror that does not answer (%s) stops the lookup there, says why, and counts no account as missing',
    async (_name, answer, detail) => {
      const db = await setup();
      const asked: string[] = [];
      let finished = false;
      let failing = true;
      const resolver = createFollowResolver({
        db,
        now: () => 5,
        fetch: async (input) => {
          asked.push(String(input).split('/').pop()!);
          // The first id is not on the mirror; the second meets the failure, until the mirror is back.
          if (asked.length === 1) return new Response('User not found', { status: 404 });
          return failing ? answer() : new Response('User not found', { status: 404 });
        },
        parse: () => null,
        sleep: async () => undefined,
        announce: () => undefined,
        onFinished: () => {
          finished = true;
        },
      });
      await resolver.start('imp', MIRROR);
      await expect.poll(() => finished).toBe(true);
      const stopped = (await getImport(db, 'imp'))?.followsRun;
      expect(stopped).toMatchObject({ state: 'stopped', next: 1, found: 0, missing: 1 });
      expect(stopped?.failure?.messageKey).toBe('error.archive.mirrorFailed');
      expect(stopped?.failure?.detail).toContain(`${MIRROR}: ${detail}`);
      // Started again once the mirror is back: the same id is asked again, and the failure is gone.
      failing = false;
      finished = false;
      await resolver.start('imp', MIRROR);
      await expect.poll(() => finished).toBe(true);
      expect(asked).toEqual(['1', '2', '2', '3']);
      expect((await getImport(db, 'imp'))?.followsRun).toMatchObject({
        state: 'done',
        next: 3,
        missing: 3,
        failure: null,
      });
    },
  );
});
