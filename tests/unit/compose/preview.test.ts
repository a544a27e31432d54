import { describe, expect, it } from 'vitest';
import { BLUESKY_LIMITS, type MastodonLimits } from '../../../lib/compose/adapt.ts';
import { emptyDraft, type Draft } from '../../../lib/model/draft.ts';
import { previewDraft, type PreviewTarget } from '../../../lib/compose/preview.ts';

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

function draft(patch: Partial<Draft>): Draft {
  return { ...emptyDraft('d1', 0), ...patch };
}

describe('previewDraft', () => {
  it('counts the first post of each target in its own units', () => {
    const d = draft({ text: 'Hi @alice@example.social 👨‍👩‍👧‍👦 https://example.com/long/path', contentWarning: 'cw' });
    const [m, b] = previewDraft(d, [
      { accountId: 'm1', network: 'mastodon', limits: MASTODON },
      { accountId: 'b1', network: 'bluesky', limits: BLUESKY_LIMITS },
    ]);
    expect(m?.network).toBe('mastodon');
    expect(m?.accountId).toBe('m1');
    // "Hi " 3 + "@alice" 6 + " " + family 1 + " " + URL 23, plus the 2-character warning.
    expect(m?.network === 'mastodon' && m.count).toEqual({
      used: 3 + 6 + 1 + 1 + 1 + 23 + 2,
      limit: 500,
      remaining: 463,
      over: false,
    });
    expect(b?.network === 'bluesky' && b.count.graphemes).toBe(d.text.length - '👨‍👩‍👧‍👦'.length + 1);
    expect(b?.network === 'bluesky' && b.count.bytes).toBe(new TextEncoder().encode(d.text).length);
    expect(m?.overLimit).toBe(false);
  });

  it('computes once per network and limits, not once per account', () => {
    const d = draft({ text: 'shared text' });
    const targets: PreviewTarget[] = [
      { accountId: 'm1', network: 'mastodon', limits: MASTODON },
      { accountId: 'm2', network: 'mastodon', limits: { ...MASTODON } },
      { accountId: 'm3', network: 'mastodon', limits: { ...MASTODON, maxCharacters: 6 } },
      { accountId: 'b1', network: 'bluesky', limits: BLUESKY_LIMITS },
    ];
    const [m1, m2, m3, b1] = previewDraft(d, targets);
    expect(m1?.split).toBe(m2?.split); // the very same result, shared
    expect(m3?.split).not.toBe(m1?.split);
    expect(m3?.parts).toEqual(['shared', 'text']);
    expect(b1?.parts).toEqual(['shared text']);
    expect([m1?.accountId, m2?.accountId, m3?.accountId, b1?.accountId]).toEqual(['m1', 'm2', 'm3', 'b1']);
  });

  it('flags parts over the limit and reports the first part of a thread', () => {
    const url = `https://example.com/${'x'.repeat(400)}`;
    const d = draft({ text: `intro ${url} outro`, numbering: true });
    const [b] = previewDraft(d, [{ accountId: 'b1', network: 'bluesky', limits: BLUESKY_LIMITS }]);
    expect(b?.partsOver).toEqual([false, true, false]);
    expect(b?.overLimit).toBe(true);
    expect(b?.parts[0]).toBe('intro 1/3');
    expect(b?.network === 'bluesky' && b.count).toEqual({
      graphemes: 9,
      bytes: 9,
      graphemeLimit: 300,
      byteLimit: 3000,
      over: false,
    });
    expect(b?.warnings.map((w) => w.code)).toEqual(['split', 'part-over-limit']);
  });

  it('follows edits made to the same draft object', () => {
    const d = draft({ text: 'one' });
    const target: PreviewTarget[] = [{ accountId: 'b1', network: 'bluesky', limits: BLUESKY_LIMITS }];
    expect(previewDraft(d, target)[0]?.parts).toEqual(['one']);
    d.text = 'two';
    expect(previewDraft(d, target)[0]?.parts).toEqual(['two']);
  });
});
