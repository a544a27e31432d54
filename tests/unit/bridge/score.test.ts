import { describe, expect, it } from 'vitest';
import { extractHints } from '../../../lib/bridge/hints';
import { namesXHandle, scoreCandidates } from '../../../lib/bridge/score';
import type { FoundAccount, XProfile } from '../../../lib/model/bridge';

function x(bio: string, extra: Partial<XProfile> = {}): XProfile {
  return { handle: 'jane_doe', displayName: 'Jane Doe', bio, links: [], website: null, ...extra };
}

function bsky(handle: string, extra: Partial<FoundAccount> = {}): FoundAccount {
  return {
    network: 'bluesky',
    id: `did:plc:${handle.replace(/\W/g, '').padEnd(24, 'a').slice(0, 24)}`,
    handle,
    displayName: '',
    bio: '',
    links: [],
    verifiedLinks: [],
    labels: [],
    url: `https://bsky.app/profile/${handle}`,
    found: 'search',
    hints: [],
    ...extra,
  };
}

function masto(acct: string, extra: Partial<FoundAccount> = {}): FoundAccount {
  const [user, host] = acct.split('@');
  return {
    network: 'mastodon',
    id: acct,
    handle: acct,
    displayName: '',
    bio: '',
    links: [],
    verifiedLinks: [],
    labels: [],
    url: `https://${host}/@${user}`,
    found: 'search',
    hints: [],
    ...extra,
  };
}

function judge(profile: XProfile, found: FoundAccount[]) {
  const hints = extractHints(profile, ['.bsky.social', '.test']);
  return Object.fromEntries(scoreCandidates(profile, hints, found).map((c) => [c.handle, c.confidence]));
}

describe('scoreCandidates', () => {
  it.each<[string, XProfile, FoundAccount[], Record<string, string>]>([
    [
      'the X bio presents the address, under the same name',
      x('🦋 jd.bsky.social'),
      [bsky('jd.bsky.social', { displayName: 'Jane D.' })],
      { 'jd.bsky.social': 'sure' },
    ],
    [
      'the X bio presents the address, under another name: one piece only',
      x('🦋 jd.bsky.social'),
      [bsky('jd.bsky.social', { displayName: 'Someone' })],
      { 'jd.bsky.social': 'likely' },
    ],
    [
      'a bare address with the same name',
      x('jdoe.bsky.social'),
      [bsky('jdoe.bsky.social', { displayName: 'Jane Doe' })],
      { 'jdoe.bsky.social': 'sure' },
    ],
    [
      'a bare address with another name and handle: an employer',
      x('Engineer at acme.bsky.social'),
      [bsky('acme.bsky.social', { displayName: 'Acme Corp' })],
      { 'acme.bsky.social': 'unsure' },
    ],
    [
      'the website is the custom-domain handle',
      x('', { website: 'https://jane.dev' }),
      [bsky('jane.dev', { displayName: 'J' })],
      { 'jane.dev': 'sure' },
    ],
    [
      'the account names the X handle, under the same name',
      x(''),
      [masto('jd@piaille.fr', { displayName: 'Jane Doe', bio: 'Formerly x.com/jane_doe' })],
      { 'jd@piaille.fr': 'sure' },
    ],
    [
      'the account names the X handle, under another name: one piece only',
      x(''),
      [masto('jd@piaille.fr', { displayName: 'JD', bio: 'Formerly x.com/jane_doe' })],
      { 'jd@piaille.fr': 'likely' },
    ],
    [
      '@handle next to "on X"',
      x(''),
      [masto('jd@piaille.fr', { displayName: 'Jane', bio: 'I was @jane_doe on X' })],
      { 'jd@piaille.fr': 'sure' },
    ],
    [
      'a plain @mention is not about X',
      x(''),
      [masto('jd@piaille.fr', { displayName: 'JD', bio: 'thanks @jane_doe' })],
      {},
    ],
    [
      'same handle and name',
      x(''),
      [bsky('jane-doe.bsky.social', { displayName: 'Jane Doe 🦋' })],
      { 'jane-doe.bsky.social': 'likely' },
    ],
    [
      'same handle, another name',
      x(''),
      [bsky('janedoe.bsky.social', { displayName: 'Jan Dokter' })],
      { 'janedoe.bsky.social': 'unsure' },
    ],
    [
      'same name, another handle',
      x(''),
      [masto('jdoe@piaille.fr', { displayName: 'Jane Doe' })],
      { 'jdoe@piaille.fr': 'unsure' },
    ],
    [
      'RTL name, same handle',
      x('', { displayName: '\u202bجين دو\u202c' }),
      [bsky('jane-doe.test', { displayName: 'جين دو 🌙' })],
      { 'jane-doe.test': 'likely' },
    ],
  ])('%s', (_label, profile, found, expected) => {
    expect(judge(profile, found)).toEqual(expected);
  });

  it('never calls an impersonation-labelled account sure, even when it names the X handle', () => {
    const fake = bsky('jane-doe.bsky.social', {
      displayName: 'Jane Doe',
      bio: 'x.com/jane_doe',
      labels: ['impersonation'],
    });
    const [c] = scoreCandidates(x(''), [], [fake]);
    expect(c!.confidence).toBe('unsure');
    expect(c!.evidence.map((e) => e.kind)).toContain('impersonation-label');
  });

  it('never calls a homoglyph name sure', () => {
    const fake = masto('janedoe@evil.example', { displayName: 'Jаne Doe', bio: 'twitter.com/jane_doe' }); // Cyrillic а
    expect(judge(x(''), [fake])).toEqual({ 'janedoe@evil.example': 'unsure' });
  });

  it('never calls a look-alike handle sure', () => {
    const fake = bsky('janed0e.bsky.social', { displayName: 'Jane Doe', bio: 'x.com/jane_doe' });
    expect(judge(x('', { handle: 'janedoe' }), [fake])).toEqual({ 'janed0e.bsky.social': 'unsure' });
  });

  it('does not trust an address written with a homoglyph host', () => {
    const found = masto('jane@xn--mastodon-socil-xyz', { displayName: 'Jane Doe', hints: [] });
    const profile = x('🐘 @jane@mastodon.sociаl');
    const hints = extractHints(profile);
    found.handle = `jane@${hints[0]!.value.split('@')[1]}`;
    const [c] = scoreCandidates(profile, hints, [found]);
    expect(c!.confidence).toBe('unsure');
  });

  it('when the X bio names one account, another claiming the handle is unsure', () => {
    const real = masto('jane@piaille.fr', { displayName: 'Jane Doe' });
    const fake = masto('jane_doe@evil.example', { displayName: 'Jane Doe', bio: 'x.com/jane_doe' });
    expect(judge(x('🐘 @jane@piaille.fr'), [real, fake])).toEqual({
      'jane@piaille.fr': 'sure',
      'jane_doe@evil.example': 'unsure',
    });
  });

  it('two accounts claiming the same X handle are both unsure (one of them lies)', () => {
    const a = masto('jane@piaille.fr', { displayName: 'Jane', bio: 'x.com/jane_doe' });
    const b = masto('jane@evil.example', { displayName: 'Jane', bio: 'x.com/jane_doe' });
    expect(judge(x(''), [a, b])).toEqual({ 'jane@piaille.fr': 'unsure', 'jane@evil.example': 'unsure' });
  });

  it('a site both link, verified by the server, is sure; unverified, likely', () => {
    const profile = x('', { website: 'https://janedoe.net/' });
    const verified = masto('jd@piaille.fr', {
      displayName: 'Jane Doe',
      links: ['https://janedoe.net'],
      verifiedLinks: ['https://janedoe.net'],
    });
    const unverified = masto('jd@other.example', { links: ['https://www.janedoe.net/'] });
    expect(judge(profile, [verified])).toEqual({ 'jd@piaille.fr': 'sure' });
    expect(judge(profile, [unverified])).toEqual({ 'jd@other.example': 'likely' });
  });

  it('drops search results with nothing in their favour and lists the best first', () => {
    const found = [
      masto('zed@piaille.fr', { displayName: 'Zed' }),
      bsky('jane-doe.test', { displayName: 'Jane Doe' }),
      masto('jd@piaille.fr', { displayName: 'Jane Doe', bio: 'x.com/jane_doe' }),
    ];
    expect(scoreCandidates(x(''), [], found).map((c) => `${c.handle}:${c.confidence}`)).toEqual([
      'jd@piaille.fr:sure',
      'jane-doe.test:likely',
    ]);
  });
});

describe('namesXHandle', () => {
  const f = (bio: string, links: string[] = []) => masto('a@b.example', { bio, links });
  it.each([
    ['x.com/jane_doe', true],
    ['https://twitter.com/Jane_Doe/', true],
    ['mobile.twitter.com/jane_doe', true],
    ['x.com/jane_doe_fan', false],
    ['@jane_doe@twitter.com (bridged)', true],
    ['𝕏 @jane_doe', true],
    ['@jane_doe sur Twitter', true],
    ['(ex-Twitter @jane_doe)', true],
    ['@jane_doe', false],
    ['@jane_doe@piaille.fr', false],
  ])('%s → %s', (bio, expected) => {
    expect(namesXHandle(f(bio), 'jane_doe') !== null).toBe(expected);
  });

  it('reads links too', () => {
    expect(namesXHandle(f('', ['https://x.com/jane_doe']), 'jane_doe')).toBe('https://x.com/jane_doe');
  });
});

describe('affiliation, parody, organisation, new accounts (issue: likely matches as reliable as sure ones)', () => {
  const kinds = (profile: XProfile, found: FoundAccount, now: number | null = null) => {
    const hints = extractHints(profile, ['.bsky.social', '.test']);
    const [c] = scoreCandidates(profile, hints, [found], now);
    return c ? `${c.confidence} ${c.evidence.map((e) => e.kind).join(',')}` : 'dropped';
  };
  const camille = (bio: string, extra: Partial<XProfile> = {}): XProfile => ({
    handle: 'camille_m',
    displayName: 'Camille Martin',
    bio,
    links: [],
    website: null,
    ...extra,
  });
  const orgBsky = bsky('orga.example', { displayName: 'Orga 🌍', bio: 'Association pour le climat' });
  const orgMasto = masto('orga@piaille.fr', { displayName: 'Orga', bio: 'Compte officiel' });

  it.each<[string, XProfile, FoundAccount, string]>([
    [
      'FR "pour 🦋"',
      camille("Chargée de com' pour 🦋 orga.example"),
      orgBsky,
      'unsure x-names-affiliation,organisation',
    ],
    ['FR "chez"', camille('Journaliste chez 🐘 @orga@piaille.fr'), orgMasto, 'unsure x-names-affiliation,organisation'],
    ['EN "at"', camille('Engineer at 🦋 orga.example'), orgBsky, 'unsure x-names-affiliation,organisation'],
    ['EN "for"', camille('Campaigner for @orga@piaille.fr'), orgMasto, 'unsure x-names-affiliation,organisation'],
    ['EN "@ work"', camille('Me @ work: @orga@piaille.fr'), orgMasto, 'unsure x-names-affiliation,organisation'],
    [
      'EN "co-founder of"',
      camille('Co-founder of 🦋 orga.example'),
      orgBsky,
      'unsure x-names-affiliation,organisation',
    ],
    [
      'FR "cofondatrice de"',
      camille('Cofondatrice de @orga@piaille.fr'),
      orgMasto,
      'unsure x-names-affiliation,organisation',
    ],
    [
      'a cue but a name unlike the person: not sure',
      camille('🦋 orga.example'),
      bsky('orga.example', { displayName: 'Orga' }),
      'likely x-names,name-differs',
    ],
    [
      '"find me at" is the person\'s own',
      camille('Find me at @camille@piaille.fr'),
      masto('camille@piaille.fr', { displayName: 'Camille M.' }),
      'sure x-names,similar-name',
    ],
    [
      'RTL name, named as theirs',
      camille('🦋 camille.bsky.social', { displayName: 'كاميل مارتن' }),
      bsky('camille.bsky.social', { displayName: 'كاميل مارتن 🌙' }),
      'sure x-names,same-name',
    ],
    [
      'EN parody with same handle and name',
      camille(''),
      bsky('camille-m.bsky.social', { displayName: 'Camille Martin', bio: 'Parody account' }),
      'unsure same-handle,same-name,parody',
    ],
    [
      'FR parodie',
      camille(''),
      bsky('camille-m.bsky.social', { displayName: 'Camille Martin', bio: 'Compte parodique, pas la vraie' }),
      'unsure same-handle,same-name,parody',
    ],
    [
      '"fan account"',
      camille(''),
      bsky('camille-m.bsky.social', { displayName: 'Camille Martin ✨', bio: '✨ fan account ✨' }),
      'unsure same-handle,same-name,parody',
    ],
    [
      'an unofficial mirror of their posts',
      camille(''),
      bsky('camille-m.bsky.social', {
        displayName: 'Camille Martin',
        bio: 'Unofficial mirror: reposts tweets from @camille_m',
      }),
      'unsure same-handle,same-name,parody',
    ],
    [
      '"not affiliated"',
      camille(''),
      masto('camille_m@evil.example', { displayName: 'Camille Martin', bio: 'Not affiliated with the real one' }),
      'unsure same-handle,same-name,parody',
    ],
    [
      '"pas le vrai" claiming the X handle',
      camille(''),
      masto('cm@evil.example', { displayName: 'Camille Martin', bio: 'Pas le vrai, ex-twitter @camille_m' }),
      'unsure names-x,same-name,parody',
    ],
    [
      'a shortened name with the same handle',
      { handle: 'aurelie_d', displayName: 'Aurélie Dupont', bio: '', links: [], website: null },
      bsky('aurelie-d.bsky.social', { displayName: 'Auré' }),
      'likely same-handle,similar-name',
    ],
    [
      'the website is theirs: a custom-domain handle',
      camille('', { website: 'https://camille.dev' }),
      bsky('camille.dev', { displayName: 'CM' }),
      'sure x-names',
    ],
    [
      'the website is the employer: not sure',
      camille('', { website: 'https://orga.example' }),
      bsky('orga.example', { displayName: 'Orga' }),
      'likely x-names,name-differs',
    ],
  ])('%s', (_label, profile, found, expected) => {
    expect(kinds(profile, found)).toBe(expected);
  });

  it('a very new account claiming the X handle is likely, not sure; named by the X profile, still sure', () => {
    const now = Date.parse('2026-12-03T12:00:00Z');
    const fresh = masto('camille@evil.example', {
      displayName: 'Camille Martin',
      bio: 'x.com/camille_m',
      createdAt: '2026-12-01T00:00:00Z',
    });
    expect(kinds(camille(''), fresh, now)).toBe('likely names-x,same-name,new-account');
    const old = { ...fresh, createdAt: '2023-01-01T00:00:00Z' };
    expect(kinds(camille(''), old, now)).toBe('sure names-x,same-name');
    const named = masto('camille@piaille.fr', { displayName: 'Camille Martin', createdAt: '2026-12-02T00:00:00Z' });
    expect(kinds(camille('🐘 @camille@piaille.fr'), named, now)).toBe('sure x-names,same-name,new-account');
  });

  it('a person who says they work for an NGO is not an organisation', () => {
    expect(
      kinds(camille(''), bsky('camille-m.bsky.social', { displayName: 'Camille Martin', bio: 'Working for an NGO' })),
    ).toBe('likely same-handle,same-name');
  });
});
