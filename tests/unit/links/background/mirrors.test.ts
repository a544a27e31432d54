import { describe, expect, it } from 'vitest';
import {
  addUserMirror,
  listMirrors,
  removeUserMirror,
  saveHealth,
  setMirrorDisabled,
} from '../../../../lib/links/background/mirrors';
import {
  linkScriptMatches,
  mirrorCheckMatches,
  originGranted,
  syncContentScripts,
  type ScriptRegistration,
} from '../../../../lib/links/background/scripts';
import { openSortieDb } from '../../../../lib/db';
import { BUILT_IN_MIRRORS, type Mirror } from '../../../../lib/links/mirrors';

describe('mirror store', () => {
  it('lists built-ins then the user mirrors, and keeps health per mirror', async () => {
    const db = await openSortieDb();
    const added = await addUserMirror(db, { origin: 'localhost:8080/', scheme: 'nitter', name: ' Home ' });
    expect(added).toMatchObject({ id: 'https://localhost:8080', name: 'Home', addedByUser: true });
    const list = await listMirrors(db);
    expect(list.entries.map((e) => e.mirror.id)).toEqual([
      ...BUILT_IN_MIRRORS.map((m) => m.id),
      'https://localhost:8080',
    ]);
    await saveHealth(db, [BUILT_IN_MIRRORS[0]!], {
      [BUILT_IN_MIRRORS[0]!.id]: { state: 'down', reason: 'rate-limited', latencyMs: null, checkedAt: 5, failures: 2 },
    });
    expect((await listMirrors(db)).health[BUILT_IN_MIRRORS[0]!.id]).toEqual({
      state: 'down',
      reason: 'rate-limited',
      latencyMs: null,
      checkedAt: 5,
      failures: 2,
    });
    expect((await listMirrors(db)).entries).toHaveLength(BUILT_IN_MIRRORS.length + 1);
  });

  it('refuses X itself, duplicates, bad origins and broken templates', async () => {
    const db = await openSortieDb();
    expect(await addUserMirror(db, { origin: 'https://x.com', scheme: 'nitter' })).toBe('x-origin');
    expect(await addUserMirror(db, { origin: 'javascript:alert(1)', scheme: 'nitter' })).toBe('invalid-origin');
    expect(await addUserMirror(db, { origin: BUILT_IN_MIRRORS[0]!.origin, scheme: 'nitter' })).toBe('duplicate');
    expect(
      await addUserMirror(db, { origin: 'https://m.example', scheme: 'template', templates: { profile: '/{nope}' } }),
    ).toBe('invalid-templates');
    expect(
      await addUserMirror(db, { origin: 'https://m.example', scheme: 'template', templates: { profile: '/u/{user}' } }),
    ).toMatchObject({
      scheme: 'template',
      templates: { profile: '/u/{user}' },
    });
  });

  it('removes only user mirrors; built-ins are turned off and on', async () => {
    const db = await openSortieDb();
    const id = BUILT_IN_MIRRORS[1]!.id;
    expect(await removeUserMirror(db, id)).toBe(false);
    expect(await setMirrorDisabled(db, id, true)).toBe(true);
    expect((await listMirrors(db)).entries.find((e) => e.mirror.id === id)?.disabled).toBe(true);
    await addUserMirror(db, { origin: 'https://mine.example', scheme: 'nitter' });
    expect(await removeUserMirror(db, 'https://mine.example')).toBe(true);
    expect(await setMirrorDisabled(db, 'https://gone.example', true)).toBe(false);
  });
});

describe('a mirror restored from a backup', () => {
  it('is listed off and "from a backup" until the user turns it on, then is theirs like any other', async () => {
    const db = await openSortieDb();
    const origin = 'https://from-file.example';
    await db.put('mirrors', {
      id: origin,
      name: 'F',
      origin,
      builtIn: false,
      pinned: false,
      disabled: true,
      fromBackup: true,
      health: 'unknown',
      latencyMs: null,
      checkedAt: null,
      reason: '',
    });
    const entry = (await listMirrors(db)).entries.find((e) => e.mirror.id === origin);
    expect(entry).toMatchObject({ disabled: true, fromBackup: true });
    expect(await setMirrorDisabled(db, origin, false)).toBe(true);
    expect((await listMirrors(db)).entries.find((e) => e.mirror.id === origin)).toMatchObject({
      disabled: false,
      fromBackup: false,
    });
    expect(await db.get('mirrors', origin)).not.toHaveProperty('fromBackup');
  });
});

const mirror = (origin: string): Mirror => ({
  id: origin,
  name: origin,
  origin,
  scheme: 'nitter',
  builtIn: false,
  addedByUser: true,
  pinned: false,
});

describe('content-script registration', () => {
  it('reads granted patterns', () => {
    expect(originGranted('https://nitter.net', ['*://nitter.net/*'])).toBe(true);
    expect(originGranted('http://127.0.0.1:8080', ['*://*/*'])).toBe(true);
    expect(originGranted('https://a.b.example', ['https://*.b.example/*'])).toBe(true);
    expect(originGranted('http://nitter.net', ['https://nitter.net/*'])).toBe(false);
    expect(originGranted('https://nitter.net', ['*://x.com/*'])).toBe(false);
  });

  it('never puts the link rewriter on X or on a mirror', () => {
    const mirrors = [mirror('https://nitter.net')];
    expect(
      linkScriptMatches(['*://x.com/*', '*://*.twitter.com/*', '*://t.co/*', '*://nitter.net/*'], mirrors),
    ).toBeNull();
    expect(linkScriptMatches(['https://mastodon.example/*', 'https://bsky.app/*'], mirrors)?.matches).toEqual([
      'https://mastodon.example/*',
      'https://bsky.app/*',
    ]);
    expect(linkScriptMatches(['<all_urls>'], mirrors)).toEqual({
      matches: ['*://*/*'],
      excludeMatches: [
        '*://x.com/*',
        '*://*.x.com/*',
        '*://twitter.com/*',
        '*://*.twitter.com/*',
        '*://t.co/*',
        'https://nitter.net/*',
      ],
    });
    expect(mirrorCheckMatches(['*://nitter.net/*'], [...mirrors, mirror('http://localhost:8080')])).toEqual([
      'https://nitter.net/*',
    ]);
  });

  it('touches registrations only when they change', async () => {
    const registered = new Map<string, ScriptRegistration>();
    let calls = 0;
    const api = {
      getRegisteredContentScripts: async () => [...registered.values()],
      registerContentScripts: async (list: ScriptRegistration[]) => {
        calls += 1;
        list.forEach((s) => registered.set(s.id, s));
      },
      unregisterContentScripts: async (filter?: { ids?: string[] }) => {
        calls += 1;
        filter?.ids?.forEach((id) => registered.delete(id));
      },
    };
    const plan = {
      links: { matches: ['https://a.example/*'], excludeMatches: [] },
      mirrorCheck: ['https://nitter.net/*'],
    };
    await syncContentScripts(api, plan);
    expect(calls).toBe(1);
    await syncContentScripts(api, plan);
    expect(calls).toBe(1);
    await syncContentScripts(api, { ...plan, links: null });
    expect(calls).toBe(2);
    expect([...registered.keys()]).toEqual(['sortie-mirror-check']);
  });
});
