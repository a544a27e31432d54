import { describe, expect, it } from 'vitest';
import {
  clearBridge,
  getEntry,
  listEntries,
  mergeCollected,
  saveMatch,
  setFollowState,
} from '../../../lib/bridge/store';
import type { Candidate, XProfile } from '../../../lib/model/bridge';
import { openSortieDb } from '../../../lib/db';
import { bumpStat, dailySeries, dayOf, readStats, totals } from '../../../lib/stats';

const p = (handle: string, extra: Partial<XProfile> = {}): XProfile => ({
  handle,
  displayName: handle,
  bio: '',
  links: [],
  website: null,
  ...extra,
});

describe('bridge store', () => {
  it('merges what pages show: latest reading wins, sources add up, websites only come from enriching', async () => {
    const db = await openSortieDb();
    expect(await mergeCollected(db, 'following:me', [p('Ana', { bio: 'old' }), p('bob')], 'collect', 1)).toEqual({
      stored: 2,
      total: 2,
    });
    await mergeCollected(db, 'list:1', [p('ana', { bio: 'new' })], 'collect', 2);
    expect(
      await mergeCollected(db, 'following:me', [p('carl', { website: 'https://c.example' })], 'enrich', 3),
    ).toEqual({ stored: 0, total: 2 });
    await mergeCollected(db, 'following:me', [p('ana', { bio: '', website: 'https://ana.dev/' })], 'enrich', 4);
    const ana = await getEntry(db, 'ana');
    expect(ana).toMatchObject({
      x: { handle: 'ana', bio: 'new', website: 'https://ana.dev/' },
      sources: ['following:me', 'list:1'],
      collectedAt: 1,
      updatedAt: 4,
    });
    expect((await listEntries(db)).map((e) => e.key).sort()).toEqual(['ana', 'bob']);
  });

  it('stores match results per account and follow states per candidate', async () => {
    const db = await openSortieDb();
    await mergeCollected(db, 's:x', [p('ana')], 'collect', 1);
    const c = { id: 'did:plc:a', follow: 'none' } as Candidate;
    await saveMatch(db, 'ana', 'acc1', { checkedAt: 5, candidates: [c, { ...c, id: 'did:plc:b' }], notes: [] });
    expect(await saveMatch(db, 'nobody', 'acc1', { checkedAt: 5, candidates: [], notes: [] })).toBeNull();
    await setFollowState(db, 'ana', 'acc1', 'did:plc:b', 'following');
    const ana = await getEntry(db, 'ana');
    expect(ana!.matches.acc1!.candidates.map((x) => x.follow)).toEqual(['none', 'following']);
    await clearBridge(db);
    expect(await listEntries(db)).toEqual([]);
  });
});

describe('stats', () => {
  it('counts per day and sums', async () => {
    const db = await openSortieDb();
    const day1 = new Date(2026, 2, 28, 10).getTime();
    const day2 = new Date(2026, 2, 30, 10).getTime();
    await Promise.all([
      bumpStat(db, 'posts.bluesky', 1, day1),
      bumpStat(db, 'posts.bluesky', 1, day1),
      bumpStat(db, 'posts.bluesky', 2, day2),
    ]);
    await bumpStat(db, 'follows.followed', 0, day1);
    const rows = await readStats(db);
    expect(totals(rows)).toMatchObject({ 'posts.bluesky': 4, 'follows.followed': 0, 'posts.mastodon': 0 });
    expect(dailySeries(rows, 'posts.bluesky', 3, day2)).toEqual([
      { day: dayOf(day1), count: 2 },
      { day: '2026-03-29', count: 0 },
      { day: dayOf(day2), count: 2 },
    ]);
  });
});
