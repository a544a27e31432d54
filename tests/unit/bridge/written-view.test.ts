/** Results view and exports: written fediverse addresses listed, decoys kept out of downloads, X's order, only http(s) links. */
import { describe, expect, it } from 'vitest';
import { bridgeEntrySchema } from '../../../lib/backup/schemas-bridge';
import { mastodonAddresses } from '../../../lib/bridge/export';
import {
  CONFIDENCES,
  EVIDENCE_KINDS,
  FOLLOW_STATES,
  FOUND_BY,
  HINT_KINDS,
  HINT_SOURCES,
  type BridgeEntry,
  type Candidate,
  type Evidence,
} from '../../../lib/model/bridge';
import { byXOrder, resultRows, webUrl, writtenAddresses } from '../../../lib/bridge/view';

function entry(key: string, bio: string, extra: Partial<BridgeEntry> = {}, displayName = 'Noa Levi'): BridgeEntry {
  return {
    key,
    x: { handle: key, displayName, bio, links: [], website: null },
    sources: [],
    collectedAt: 1,
    updatedAt: 1,
    matches: {},
    ...extra,
  };
}

function candidate(handle: string, confidence: Candidate['confidence'], evidence: Evidence[] = []): Candidate {
  return {
    network: 'mastodon',
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
    evidence,
    follow: 'none',
  };
}

describe('writtenAddresses', () => {
  it.each<[string, string, string | null, Array<[string, string, string]>]>([
    ['with a cue, no Mastodon account', '🐘 @noa@tiny.example', null, [['noa@tiny.example', 'likely', 'no-account']]],
    [
      'FR cue, not looked up yet',
      'Aussi sur Mastodon : @noa@tiny.example',
      'm',
      [['noa@tiny.example', 'likely', 'not-checked']],
    ],
    [
      'bare, local part is the X handle',
      '@noa_levi@tiny.example',
      null,
      [['noa_levi@tiny.example', 'likely', 'no-account']],
    ],
    [
      'bare, unrelated: still listed',
      'thanks @team@tiny.example',
      null,
      [['team@tiny.example', 'unsure', 'no-account']],
    ],
    [
      'an employer: listed, unsure',
      'Journaliste chez 🐘 @redac@piaille.fr',
      null,
      [['redac@piaille.fr', 'unsure', 'no-account']],
    ],
    [
      'a homoglyph host: listed, unsure',
      '🐘 @noa@mastodon.sociаl',
      null,
      [['noa@mastodon.xn--socil-7ve', 'unsure', 'no-account']],
    ],
    [
      'RTL name and emoji around it',
      '✨ נועה לוי ✨ 🐘 @noa@tiny.example',
      null,
      [['noa@tiny.example', 'likely', 'no-account']],
    ],
  ])('%s', (_label, bio, account, expected) => {
    expect(
      writtenAddresses(entry('noa_levi', bio), account ? { mastodon: account } : {}).map((a) => [
        a.acct,
        a.confidence,
        a.reason,
      ]),
    ).toEqual(expected);
  });

  it('says the server could not reach it when the lookup ran and found nothing, and hides it once verified', () => {
    const looked = entry('noa_levi', '🐘 @noa@tiny.example', {
      matches: { m: { checkedAt: 1, notes: [], candidates: [] } },
    });
    expect(writtenAddresses(looked, { mastodon: 'm' }).map((a) => a.reason)).toEqual(['unreachable']);
    const verified = entry('noa_levi', '🐘 @noa@tiny.example', {
      matches: { m: { checkedAt: 1, notes: [], candidates: [candidate('noa@tiny.example', 'sure')] } },
    });
    expect(writtenAddresses(verified, { mastodon: 'm' })).toEqual([]);
  });
});

describe('exports and rows', () => {
  it('the Mastodon file holds written addresses without a Mastodon account, and never a decoy', () => {
    const entries = [
      entry('noa_levi', '🐘 @noa@tiny.example'),
      entry('comms', 'Journaliste chez 🐘 @redac@piaille.fr'),
      entry('ana', '', {
        matches: {
          m: {
            checkedAt: 1,
            notes: [],
            candidates: [
              candidate('ana@piaille.fr', 'sure'),
              candidate('ana@parody.example', 'unsure', [{ kind: 'parody', detail: 'parody' }]),
              candidate('ana@fake.example', 'unsure', [{ kind: 'impersonation-label', detail: 'impersonation' }]),
            ],
          },
        },
      }),
    ];
    expect(mastodonAddresses(entries, ['sure'], {})).toEqual(['ana@piaille.fr', 'noa@tiny.example']);
    expect(mastodonAddresses(entries, ['sure', 'likely', 'unsure'], { mastodon: 'm' })).toEqual([
      'ana@piaille.fr',
      'noa@tiny.example',
    ]);
    expect(mastodonAddresses([entry('nobody', 'Prof de maths')], ['sure', 'likely', 'unsure'], {})).toEqual([]);
  });

  it('rows follow the order X showed, and written addresses make a row', () => {
    const entries = [
      entry('zed', '', { seq: 2 }),
      entry('amy', '🐘 @amy@tiny.example', { seq: 1 }),
      entry('bob', '', { seq: 0 }),
    ];
    expect([...entries].sort(byXOrder).map((e) => e.key)).toEqual(['bob', 'amy', 'zed']);
    const likely = resultRows(entries, { accountIds: [], confidence: 'likely', network: 'all', query: '' });
    expect(likely.map((r) => [r.entry.key, r.addresses.map((a) => a.acct)])).toEqual([['amy', ['amy@tiny.example']]]);
  });

  it.each([
    ['https://cdn.example/a.png', 'https://cdn.example/a.png'],
    ['http://127.0.0.1:3000/avatars/x.png', 'http://127.0.0.1:3000/avatars/x.png'],
    ['javascript:alert(1)', null],
    ['data:image/svg+xml,<svg/>', null],
    ['blob:https://x.com/1', null],
    ['/relative.png', null],
  ])('webUrl(%s)', (url, expected) => {
    expect(webUrl(url)).toBe(expected);
  });
});

describe('backups of the new fields', () => {
  it('keep order, avatars, creation dates, affiliation and the new evidence; refuse an unknown evidence kind', () => {
    const c = {
      ...candidate('orga@piaille.fr', 'unsure', [
        { kind: 'x-names-affiliation', detail: 'orga@piaille.fr' },
        { kind: 'new-account', detail: '2026-12-01' },
      ]),
      avatar: 'javascript:alert(1)',
      createdAt: '2026-12-01T00:00:00Z',
    };
    c.hints = [
      {
        network: 'mastodon',
        kind: 'acct',
        value: 'orga@piaille.fr',
        source: 'bio',
        cue: false,
        confusable: false,
        affiliated: true,
      },
    ];
    const e = entry('comms', 'Journaliste chez 🐘 @orga@piaille.fr', {
      seq: 3,
      matches: { m: { checkedAt: 1, notes: [], candidates: [c] } },
    });
    expect(bridgeEntrySchema(JSON.parse(JSON.stringify(e)))).toEqual(e);
    // Kept as data, never put in a page: only http(s) is.
    expect(webUrl(c.avatar)).toBeNull();
    const bad = JSON.parse(JSON.stringify(e));
    bad.matches.m.candidates[0].evidence[0].kind = 'trust-me';
    expect(() => bridgeEntrySchema(bad)).toThrow();
  });

  it('keep every kind of evidence, hint, confidence and follow state the model has', () => {
    const candidates: Candidate[] = EVIDENCE_KINDS.map((kind, i) => ({
      ...candidate(`c${i}@host.example`, CONFIDENCES[i % CONFIDENCES.length]!, [{ kind, detail: '' }]),
      found: FOUND_BY[i % FOUND_BY.length]!,
      follow: FOLLOW_STATES[i % FOLLOW_STATES.length]!,
      hints: [
        {
          network: 'mastodon',
          kind: HINT_KINDS[i % HINT_KINDS.length]!,
          value: 'v',
          source: HINT_SOURCES[i % HINT_SOURCES.length]!,
          cue: false,
          confusable: false,
        },
      ],
    }));
    const e = entry('all', '', { matches: { m: { checkedAt: 1, notes: [], candidates } } });
    expect(bridgeEntrySchema(JSON.parse(JSON.stringify(e)))).toEqual(e);
  });
});
