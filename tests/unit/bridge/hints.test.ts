import { describe, expect, it } from 'vitest';
import { extractHints, handleOfHint } from '../../../lib/bridge/hints';
import type { Hint, XProfile } from '../../../lib/model/bridge';

function profile(bio: string, extra: Partial<XProfile> = {}): XProfile {
  return { handle: 'jane_doe', displayName: 'Jane Doe', bio, links: [], website: null, ...extra };
}

const pick = (hints: Hint[]) =>
  hints.map((h) => `${h.network}:${h.kind}:${h.value}${h.cue ? '+cue' : ''}${h.confusable ? '+confusable' : ''}`);

describe('extractHints', () => {
  it.each<[string, string[]]>([
    ['Find me at @jane@piaille.fr', ['mastodon:acct:jane@piaille.fr+cue']],
    ['@Jane@Mastodon.Social', ['mastodon:acct:jane@mastodon.social']],
    ['🐘 piaille.fr/@jane', ['mastodon:profile-url:https://piaille.fr/@jane+cue']],
    ['https://fosstodon.org/users/jane', ['mastodon:profile-url:https://fosstodon.org/users/jane']],
    ['social.example/@jane@other.example', ['mastodon:profile-url:https://social.example/@jane@other.example']],
    ['mastodon: jane@piaille.fr', ['mastodon:acct:jane@piaille.fr+cue']],
    ['contact: jane@example.com', []], // an e-mail address, no Mastodon cue
    ['medium.com/@jane and youtube.com/@jane', []],
    ['piaille.fr/@jane/112233', []], // a post, not a profile
    ['🦋 jane.bsky.social', ['bluesky:handle:jane.bsky.social+cue']],
    ['jane.bsky.social', ['bluesky:handle:jane.bsky.social']],
    ['@Jane.BSKY.social.', ['bluesky:handle:jane.bsky.social']],
    ['Bluesky: @jane.dev', ['bluesky:handle:jane.dev+cue']],
    ['Founder of acme.com', []], // a domain without a Bluesky cue is not a handle
    ['bsky.app/profile/jane.dev', ['bluesky:handle:jane.dev']],
    ['→ bsky.app/profile/did:plc:abcdefghijklmnopqrstuvwx', ['bluesky:did:did:plc:abcdefghijklmnopqrstuvwx+cue']],
    ['Ｆｉｎｄ ｍｅ ＠jane＠piaille.fr', ['mastodon:acct:jane@piaille.fr+cue']], // fullwidth folds
    ['🐘 @jane@mastodon.sociаl', ['mastodon:acct:jane@mastodon.xn--socil-7ve+cue+confusable']], // Cyrillic а in the host
    ['\u202bتابعوني\u202c 🦋 nadia.bsky.social', ['bluesky:handle:nadia.bsky.social+cue']],
  ])('%s', (bio, expected) => {
    expect(pick(extractHints(profile(bio)))).toEqual(expected);
  });

  it("knows the handle domains of the user's own PDS", () => {
    expect(pick(extractHints(profile('ana.test and bob.example.com'), ['.bsky.social', '.test']))).toEqual([
      'bluesky:handle:ana.test',
    ]);
  });

  it("reads the display name as the person's own", () => {
    expect(pick(extractHints(profile('', { displayName: 'Jane 🦋 jane.bsky.social' })))).toEqual([
      'bluesky:handle:jane.bsky.social+cue',
    ]);
    expect(pick(extractHints(profile('', { displayName: 'Jane (@jane@piaille.fr)' })))).toEqual([
      'mastodon:acct:jane@piaille.fr+cue',
    ]);
  });

  it('takes bio links and the website: profile URLs, and home pages as possible domain handles', () => {
    const hints = extractHints(
      profile('', {
        links: ['https://piaille.fr/@jane', 'https://janedoe.net/', 'https://janedoe.net/blog/post'],
        website: 'https://www.jane.dev/',
      }),
    );
    expect(pick(hints)).toEqual([
      'mastodon:profile-url:https://piaille.fr/@jane',
      'bluesky:domain:janedoe.net',
      'bluesky:domain:jane.dev+cue',
    ]);
  });

  it('takes a www. home page as the bare domain, a handle when it is on a known handle domain', () => {
    const hints = extractHints(profile('Photos: www.ana.test/', { links: ['https://www.ana.test/'] }), ['.test']);
    expect(pick(hints)).toEqual(['bluesky:handle:ana.test']);
  });

  it('merges the same address seen in the text and in a link, keeping the cue', () => {
    const hints = extractHints(profile('🐘 piaille.fr/@jane', { links: ['https://piaille.fr/@jane'] }));
    expect(hints).toHaveLength(1);
    expect(hints[0]).toMatchObject({ source: 'link', cue: true });
  });

  it('gives the address of a profile URL', () => {
    const [a, b, c] = extractHints(
      profile('piaille.fr/@jane fosstodon.org/users/bob social.example/@carl@other.example'),
    );
    expect([a, b, c].map((h) => handleOfHint(h!))).toEqual([
      'jane@piaille.fr',
      'bob@fosstodon.org',
      'carl@other.example',
    ]);
  });
});

describe('affiliation wording before an address (the person is connected to it, it is not theirs)', () => {
  const read = (bio: string) =>
    extractHints(profile(bio), ['.bsky.social']).map(
      (h) => `${h.value}${h.cue ? '+cue' : ''}${h.affiliated ? '+affiliated' : ''}`,
    );
  it.each<[string, string[]]>([
    ["Chargée de com' pour 🦋 orga.bsky.social", ['orga.bsky.social+affiliated']],
    ['Journaliste chez 🐘 @redac@piaille.fr', ['redac@piaille.fr+affiliated']],
    ['Engineer at acme.bsky.social', ['acme.bsky.social+affiliated']],
    ['Campaigning for @asso@piaille.fr', ['asso@piaille.fr+affiliated']],
    ['Dev @ work: @acme@social.example', ['acme@social.example+affiliated']],
    ['Co-founder of 🦋 acme.bsky.social', ['acme.bsky.social+affiliated']],
    ['Cofondatrice de @asso@piaille.fr', ['asso@piaille.fr+affiliated']],
    ['Head of comms at 🐘 @orga@piaille.fr 🌍', ['orga@piaille.fr+affiliated']],
    ['مديرة at 🦋 orga.bsky.social', ['orga.bsky.social+affiliated']],
    ['Views my own. Work: 🦋 orga.bsky.social', ['orga.bsky.social+affiliated']],
    ['Le taf : @orga@piaille.fr', ['orga@piaille.fr+affiliated']],
    ['My work on 🦋 jane.bsky.social', ['jane.bsky.social+cue']],
    // The person's own, even with "at" or "for" before it.
    ['Find me at @jane@piaille.fr', ['jane@piaille.fr+cue']],
    ['Also at 🦋 jane.bsky.social', ['jane.bsky.social+cue']],
    ['Retrouvez-moi sur 🐘 @jane@piaille.fr', ['jane@piaille.fr+cue']],
    ['🦋 jane.bsky.social', ['jane.bsky.social+cue']],
    // On another line, the employer does not taint the person's own address.
    [
      "Chargée de com' pour 🦋 orga.bsky.social\nPerso : 🦋 jane.bsky.social",
      ['orga.bsky.social+affiliated', 'jane.bsky.social+cue'],
    ],
  ])('%s', (bio, expected) => {
    expect(read(bio)).toEqual(expected);
  });
});
