import { describe, expect, it } from 'vitest';
import { blueskyHandleList, candidatesOf, mastodonImportCsv } from '../../../lib/bridge/export';
import { fullAcct } from '../../../lib/networks/mastodon/acct';
import { movedNotice, X_LIMITS, xWeightedLength } from '../../../lib/bridge/notice';
import type { BridgeEntry, Candidate } from '../../../lib/model/bridge';

function candidate(network: Candidate['network'], handle: string, confidence: Candidate['confidence']): Candidate {
  return {
    network,
    id: handle,
    handle,
    displayName: '',
    bio: '',
    links: [],
    verifiedLinks: [],
    labels: [],
    url: '',
    found: 'hint',
    hints: [],
    confidence,
    evidence: [],
    follow: 'none',
  };
}

function entry(key: string, byAccount: Record<string, Candidate[]>): BridgeEntry {
  return {
    key,
    x: { handle: key, displayName: key, bio: '', links: [], website: null },
    sources: [],
    collectedAt: 0,
    updatedAt: 0,
    matches: Object.fromEntries(
      Object.entries(byAccount).map(([id, candidates]) => [id, { checkedAt: 0, candidates, notes: [] }]),
    ),
  };
}

describe('exports', () => {
  const entries = [
    entry('a', {
      m: [candidate('mastodon', 'ana@piaille.fr', 'sure'), candidate('mastodon', 'ana@evil.example', 'unsure')],
      b: [candidate('bluesky', 'ana.bsky.social', 'sure')],
    }),
    entry('b', {
      m: [candidate('mastodon', 'bob@mastodon.social', 'likely')],
      b: [candidate('bluesky', 'bob.dev', 'likely')],
    }),
    entry('c', { m: [candidate('mastodon', 'Ana@piaille.fr', 'sure')] }),
  ];

  it('picks the chosen confidences, once per account', () => {
    expect(candidatesOf(entries, 'mastodon', ['sure']).map((c) => c.handle)).toEqual(['ana@piaille.fr']);
    expect(candidatesOf(entries, 'bluesky', ['sure', 'likely']).map((c) => c.handle)).toEqual([
      'ana.bsky.social',
      'bob.dev',
    ]);
  });

  it("writes Mastodon's import CSV", () => {
    expect(mastodonImportCsv(['ana@piaille.fr', 'bob@mastodon.social'])).toBe(
      'Account address,Show boosts\nana@piaille.fr,true\nbob@mastodon.social,true\n',
    );
    expect(mastodonImportCsv([])).toBe('Account address,Show boosts\n');
  });

  it("qualifies local accounts with the server's host", () => {
    expect(fullAcct('me', 'https://piaille.fr')).toBe('me@piaille.fr');
    expect(fullAcct('@bob@mastodon.social', 'https://piaille.fr')).toBe('bob@mastodon.social');
  });

  it('lists Bluesky handles one per line', () => {
    expect(blueskyHandleList(['ana.bsky.social', 'bob.dev'])).toBe('ana.bsky.social\nbob.dev\n');
    expect(blueskyHandleList([])).toBe('');
  });
});

describe('moved notice', () => {
  const accounts = [
    { network: 'mastodon' as const, handle: '@ana@piaille.fr', url: 'https://piaille.fr/@ana' },
    { network: 'bluesky' as const, handle: 'ana.bsky.social', url: 'https://bsky.app/profile/ana.bsky.social' },
  ];

  it.each([
    ['en', 'bio', false, 'Moved: 🐘 @ana@piaille.fr · 🦋 @ana.bsky.social'],
    ['fr', 'bio', false, 'J’ai déménagé\u202f: 🐘 @ana@piaille.fr · 🦋 @ana.bsky.social'],
    [
      'en',
      'post',
      false,
      "I've left X. You can find me here:\n🐘 on Mastodon: @ana@piaille.fr\n🦋 on Bluesky: @ana.bsky.social\nI won't read replies here. See you there!",
    ],
    [
      'fr',
      'post',
      true,
      'J’ai quitté X. Vous me retrouverez ici\u202f:\n🐘 sur Mastodon\u202f: @ana@piaille.fr https://piaille.fr/@ana\n🦋 sur Bluesky\u202f: @ana.bsky.social https://bsky.app/profile/ana.bsky.social\nJe ne lis plus les réponses ici. À bientôt là-bas\u202f!',
    ],
  ] as const)('%s %s (links: %s)', (lang, kind, links, expected) => {
    const text = movedNotice({ lang, kind, accounts, links });
    expect(text).toBe(expected);
    expect(xWeightedLength(text)).toBeLessThanOrEqual(X_LIMITS[kind]);
  });

  it('weighs text as X does: URLs 23, emoji and CJK 2', () => {
    expect(xWeightedLength('abc')).toBe(3);
    expect(xWeightedLength('https://example.org/a/very/long/path/indeed')).toBe(23);
    expect(xWeightedLength('🦋')).toBe(2);
    expect(xWeightedLength('👩🏽‍💻')).toBe(2);
    expect(xWeightedLength('日本')).toBe(4);
    expect(xWeightedLength('é')).toBe(1);
  });
});
