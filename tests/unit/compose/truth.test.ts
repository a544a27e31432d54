/**
 * The composer tells the truth: what it counts is what is sent (sent.ts, the
 * same text the planner splits), a thread's counter is the whole text's, the
 * caret is placed in its part, and Post says why it is off.
 */
import { describe, expect, it } from 'vitest';
import { BLUESKY_LIMITS, type MastodonLimits } from '../../../lib/compose/adapt.ts';
import { emptyDraft, type Draft } from '../../../lib/model/draft.ts';
import { partAt, previewDraft, type PreviewTarget } from '../../../lib/compose/preview.ts';
import { whyPostIsOff, type ReadyAccount } from '../../../lib/compose/ready.ts';
import { sentRange, sentText } from '../../../lib/compose/sent.ts';

const MASTODON: MastodonLimits = {
  maxCharacters: 500,
  charactersReservedPerUrl: 23,
  maxMediaAttachments: 4,
  descriptionLimit: 1500,
  supportedMimeTypes: ['image/jpeg', 'image/png'],
  imageSizeLimit: 16 * 1024 * 1024,
  pollMaxOptions: 4,
  pollMaxCharactersPerOption: 50,
};
const TARGETS: PreviewTarget[] = [
  { accountId: 'm1', network: 'mastodon', limits: MASTODON },
  { accountId: 'b1', network: 'bluesky', limits: BLUESKY_LIMITS },
];

function draft(patch: Partial<Draft>): Draft {
  return { ...emptyDraft('d1', 0), ...patch };
}

function previews(patch: Partial<Draft>) {
  const [m, b] = previewDraft(draft(patch), TARGETS);
  if (m?.network !== 'mastodon' || b?.network !== 'bluesky') throw new Error('unexpected order');
  return { m, b };
}

describe('sentText: what is sent, for the counter and the planner alike', () => {
  it.each([
    ['plain', 'hello', 'hello'],
    ['trailing spaces and breaks', 'hello  \n\n ', 'hello'],
    ['leading breaks', '\n\n\thello', 'hello'],
    ['inner paragraph kept', ' a\n\nb ', 'a\n\nb'],
    ['CRLF at the end', 'a\r\n', 'a'],
    ['no-break and ideographic spaces', '\u00a0a\u3000', 'a'],
    ['RTL with a trailing mark of its own', 'שלום \u05b0', 'שלום \u05b0'],
    ['emoji', '  👩🏽‍💻 ', '👩🏽‍💻'],
    ['blank', ' \n\t ', ''],
    ['empty', '', ''],
  ])('%s', (_, text, sent) => {
    expect(sentText({ text, overrides: {} }, 'bluesky')).toBe(sent);
    const { start, end } = sentRange(text);
    expect(text.slice(start, end)).toBe(sent);
  });

  it('takes the override for its network only, even an empty one', () => {
    const d = { text: 'shared ', overrides: { bluesky: ' own ', mastodon: '' } };
    expect(sentText(d, 'bluesky')).toBe('own');
    expect(sentText(d, 'mastodon')).toBe('');
  });

  it('the counter does not count the trailing whitespace the planner drops', () => {
    // 500 letters and 3 spaces: one post of 500 on Mastodon, not "503 / 500".
    const { m, b } = previews({ text: `${'a'.repeat(500)}   ` });
    expect(m.parts).toHaveLength(1);
    expect(m.count.used).toBe(500);
    expect(m.total.used).toBe(500);
    expect(m.overLimit).toBe(false);
    expect(b.total.graphemes).toBe(500);
  });
});

describe('the whole text is counted, not part 1', () => {
  it.each([
    // [text, Mastodon total, Mastodon parts, Bluesky graphemes, Bluesky bytes, Bluesky parts]
    ['501 letters', 'a'.repeat(501), 501, 2, 501, 501, 2],
    ['601 words with a trailing break', `${'mot '.repeat(150)}x\n`, 601, 2, 601, 601, 3],
    ['emoji count once each, four bytes each', '😀'.repeat(301), 301, 1, 301, 1204, 2],
    ['families are one cluster', '👨‍👩‍👧‍👦 '.repeat(160).trim(), 319, 1, 319, 160 * 25 + 159, 2],
    ['RTL text', 'שלום '.repeat(61).trim(), 304, 1, 304, 61 * 8 + 60, 2],
  ])('%s', (_, text, mUsed, mParts, bGraphemes, bBytes, bParts) => {
    const { m, b } = previews({ text });
    expect([m.total.used, m.parts.length]).toEqual([mUsed, mParts]);
    expect([b.total.graphemes, b.total.bytes, b.parts.length]).toEqual([bGraphemes, bBytes, bParts]);
    // The first part's own count is still there for the first post.
    expect(b.count.graphemes).toBeLessThanOrEqual(300);
  });

  it('Bluesky bytes: under 300 characters but over 3,000 bytes becomes a thread, counted in both', () => {
    const heavy = '👩🏽‍💻'.repeat(200); // 200 clusters of 15 bytes: exactly 3,000 bytes
    const { b: fits } = previews({ text: heavy });
    expect([fits.total.graphemes, fits.total.bytes, fits.parts.length]).toEqual([200, 3000, 1]);
    const { b } = previews({ text: `${heavy}a` });
    expect([b.total.graphemes, b.total.bytes, b.parts.length]).toEqual([201, 3001, 2]);
  });
});

describe('partAt: which post the caret is in', () => {
  const text = `${'a'.repeat(300)} ${'b'.repeat(200)}`;
  const [b] = previewDraft(draft({ text }), [TARGETS[1] as PreviewTarget]);
  it.each([
    [0, 0],
    [150, 0],
    [300, 0], // right after the last letter of part 1
    [301, 1], // after the space between the parts
    [501, 1],
    [9999, 1],
  ])('caret %i is in part %i', (caret, part) => {
    expect(b?.split).toHaveLength(2);
    expect(partAt(b?.split ?? [], caret)).toBe(part);
  });

  it('counts the caret in the text as written, leading whitespace included', () => {
    const [p] = previewDraft(draft({ text: `\n\n${text}` }), [TARGETS[1] as PreviewTarget]);
    expect(p?.split[1]?.start).toBe(303);
    expect(partAt(p?.split ?? [], 304)).toBe(1);
    expect(partAt(p?.split ?? [], 302)).toBe(0);
  });

  it('-1 without parts', () => expect(partAt([], 3)).toBe(-1));
});

describe('whyPostIsOff', () => {
  const m: ReadyAccount = { id: 'm1', network: 'mastodon', handle: '@a@m.example', status: 'ok' };
  const b: ReadyAccount = { id: 'b1', network: 'bluesky', handle: 'a.bsky.example', status: 'ok' };
  const stale: ReadyAccount = { ...b, status: 'reconnect' };
  const ok = (accountId: string, network: 'mastodon' | 'bluesky') => ({ accountId, network, warnings: [] });
  const empty = (accountId: string, network: 'mastodon' | 'bluesky') => ({
    accountId,
    network,
    warnings: [{ code: 'empty', severity: 'error' }],
  });
  const tooLong = (accountId: string, network: 'mastodon' | 'bluesky') => ({
    accountId,
    network,
    warnings: [{ code: 'part-over-limit', severity: 'error' }],
  });
  it.each([
    ['no account connected', [], [], [], ['no-accounts']],
    ['none ticked', [m, b], [], [], ['no-target']],
    ['ticked account removed', [m], ['gone'], [], ['no-target']],
    ['empty text', [m, b], ['m1', 'b1'], [empty('m1', 'mastodon'), empty('b1', 'bluesky')], ['empty']],
    ['needs reconnecting', [m, stale], ['m1', 'b1'], [ok('m1', 'mastodon'), ok('b1', 'bluesky')], ['reconnect']],
    ['too long on one network', [m, b], ['m1', 'b1'], [ok('m1', 'mastodon'), tooLong('b1', 'bluesky')], ['refused']],
    ['poll only: empty for Bluesky', [m, b], ['m1', 'b1'], [ok('m1', 'mastodon'), empty('b1', 'bluesky')], ['refused']],
    ['ready', [m, b], ['m1', 'b1'], [ok('m1', 'mastodon'), ok('b1', 'bluesky')], []],
    ['ready, a stale account not ticked', [m, stale], ['m1'], [ok('m1', 'mastodon')], []],
  ] as const)('%s', (_, accounts, targets, ps, codes) => {
    expect(whyPostIsOff(accounts, targets, ps).map((r) => r.code)).toEqual(codes);
  });

  it('names the accounts to reconnect', () => {
    expect(whyPostIsOff([m, stale], ['m1', 'b1'], [])).toEqual([{ code: 'reconnect', handles: ['a.bsky.example'] }]);
  });
});
