import { describe, expect, it } from 'vitest';
import { mapInteractionToMastodon } from '../../../lib/networks/mastodon/engine/publish.ts';
import type { MastodonVisibility, ReplyPolicy } from '../../../lib/model/draft.ts';

const REPLY = 'notice.mastodon.replyPolicyUnsupported';
const QUOTES = 'notice.mastodon.quotesUnsupported';

type Row = [
  reply: ReplyPolicy,
  allowQuotes: boolean,
  visibility: MastodonVisibility,
  quotePolicyServer: boolean,
  expected: { visibility: MastodonVisibility; quoteApprovalPolicy?: string; notApplied: string[] },
];

describe('mapInteractionToMastodon', () => {
  it.each<Row>([
    // Replies from everyone: the chosen visibility stands.
    ['everyone', true, 'public', true, { visibility: 'public', quoteApprovalPolicy: 'public', notApplied: [] }],
    ['everyone', true, 'unlisted', true, { visibility: 'unlisted', quoteApprovalPolicy: 'public', notApplied: [] }],
    ['everyone', false, 'public', true, { visibility: 'public', quoteApprovalPolicy: 'nobody', notApplied: [] }],
    ['everyone', true, 'public', false, { visibility: 'public', notApplied: [] }],
    ['everyone', false, 'public', false, { visibility: 'public', notApplied: [QUOTES] }],
    // Private and direct posts cannot be quoted: no policy sent, nothing to report.
    ['everyone', true, 'private', true, { visibility: 'private', notApplied: [] }],
    ['everyone', false, 'private', false, { visibility: 'private', notApplied: [] }],
    ['everyone', false, 'direct', true, { visibility: 'direct', notApplied: [] }],
    // Followers only -> followers-only visibility, unless already narrower.
    ['followers', true, 'public', true, { visibility: 'private', notApplied: [] }],
    ['followers', false, 'unlisted', false, { visibility: 'private', notApplied: [] }],
    ['followers', true, 'private', true, { visibility: 'private', notApplied: [] }],
    ['followers', true, 'direct', true, { visibility: 'direct', notApplied: [] }],
    // Mentioned only -> direct.
    ['mentioned', true, 'public', true, { visibility: 'direct', notApplied: [] }],
    ['mentioned', false, 'private', false, { visibility: 'direct', notApplied: [] }],
    // People I follow / nobody: Mastodon cannot say that.
    ['following', true, 'public', true, { visibility: 'public', quoteApprovalPolicy: 'public', notApplied: [REPLY] }],
    ['following', false, 'unlisted', false, { visibility: 'unlisted', notApplied: [REPLY, QUOTES] }],
    ['following', true, 'private', true, { visibility: 'private', notApplied: [REPLY] }],
    ['following', true, 'direct', true, { visibility: 'direct', notApplied: [] }],
    ['nobody', false, 'public', true, { visibility: 'public', quoteApprovalPolicy: 'nobody', notApplied: [REPLY] }],
    ['nobody', true, 'direct', false, { visibility: 'direct', notApplied: [REPLY] }],
  ])('reply %s, quotes %s, %s, 4.5 %s', (reply, allowQuotes, visibility, supportsQuotePolicy, expected) => {
    expect(mapInteractionToMastodon({ reply, allowQuotes }, visibility, { supportsQuotePolicy })).toEqual(expected);
  });
});
