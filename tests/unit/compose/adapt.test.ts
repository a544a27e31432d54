import { describe, expect, it } from 'vitest';
import {
  adaptDraft,
  BLUESKY_LIMITS,
  textFor,
  type AdaptWarning,
  type MastodonLimits,
} from '../../../lib/compose/adapt.ts';
import { emptyDraft, type Draft, type DraftImage } from '../../../lib/model/draft.ts';

const MASTODON: MastodonLimits = {
  maxCharacters: 500,
  charactersReservedPerUrl: 23,
  maxMediaAttachments: 4,
  descriptionLimit: 1500,
  supportedMimeTypes: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'],
  imageSizeLimit: 16 * 1024 * 1024,
  pollMaxOptions: 4,
  pollMaxCharactersPerOption: 50,
};

function draft(patch: Partial<Draft>): Draft {
  return { ...emptyDraft('d1', 0), ...patch };
}

function image(id: string, patch: Partial<DraftImage> = {}): DraftImage {
  return { mediaId: id, alt: `alt ${id}`, mime: 'image/jpeg', width: 800, height: 600, size: 100_000, ...patch };
}

const codes = (warnings: AdaptWarning[]): string[] => warnings.map((w) => w.code);

describe('adaptDraft: text', () => {
  it('uses the per-network override when there is one', () => {
    const d = draft({ text: 'shared', overrides: { bluesky: 'just for Bluesky' } });
    expect(adaptDraft(d, 'bluesky', BLUESKY_LIMITS).parts).toEqual(['just for Bluesky']);
    expect(adaptDraft(d, 'mastodon', MASTODON).parts).toEqual(['shared']);
    expect(textFor(draft({ text: 'shared', overrides: { mastodon: '' } }), 'mastodon')).toBe('');
  });

  it('splits and numbers a long text, and says so', () => {
    const text = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} is here.`).join(' ');
    const result = adaptDraft(draft({ text, numbering: true }), 'bluesky', BLUESKY_LIMITS);
    expect(result.parts.length).toBeGreaterThan(1);
    expect(result.parts[0]).toMatch(new RegExp(` 1/${result.parts.length}$`));
    expect(result.warnings).toContainEqual({ code: 'split', severity: 'info', parts: result.parts.length });
  });

  it('counts the content warning on every Mastodon part', () => {
    const text = 'word '.repeat(190).trim(); // 949 characters
    const plain = adaptDraft(draft({ text }), 'mastodon', MASTODON).parts;
    const warned = adaptDraft(draft({ text, contentWarning: 'x'.repeat(300) }), 'mastodon', MASTODON).parts;
    expect(plain).toHaveLength(2);
    expect(warned.length).toBeGreaterThanOrEqual(5);
  });

  it('flags a part that cannot fit', () => {
    const url = `https://example.com/${'x'.repeat(400)}`;
    const result = adaptDraft(draft({ text: url }), 'bluesky', BLUESKY_LIMITS);
    expect(result.warnings).toContainEqual({ code: 'part-over-limit', severity: 'error', part: 0 });
  });

  it('an empty draft cannot be posted, but an image-only one can', () => {
    expect(codes(adaptDraft(draft({ text: '  ' }), 'bluesky', BLUESKY_LIMITS).warnings)).toEqual(['empty']);
    const imageOnly = adaptDraft(draft({ images: [image('a')] }), 'bluesky', BLUESKY_LIMITS);
    expect(imageOnly.parts).toEqual(['']);
    expect(codes(imageOnly.warnings)).toEqual([]);
  });
});

describe('adaptDraft: media', () => {
  it.each<[string, 'mastodon' | 'bluesky', DraftImage[], AdaptWarning[]]>([
    ['four images are fine on Bluesky', 'bluesky', ['a', 'b', 'c', 'd'].map((id) => image(id)), []],
    [
      'five are too many on Bluesky',
      'bluesky',
      ['a', 'b', 'c', 'd', 'e'].map((id) => image(id)),
      [{ code: 'too-many-images', severity: 'error', count: 5, max: 4 }],
    ],
    [
      'missing alt text',
      'mastodon',
      [image('a', { alt: ' ' }), image('b')],
      [{ code: 'missing-alt', severity: 'warning', mediaIds: ['a'] }],
    ],
    [
      'Bluesky blobs are limited to 2,000,000 bytes',
      'bluesky',
      [image('a', { size: 2_000_001 }), image('b', { size: 2_000_000 })],
      [{ code: 'image-too-large', severity: 'error', mediaIds: ['a'], max: 2_000_000 }],
    ],
    [
      'Mastodon refuses a type it does not list',
      'mastodon',
      [image('a', { mime: 'image/heic' })],
      [{ code: 'unsupported-media-type', severity: 'error', mediaIds: ['a'] }],
    ],
    [
      'Bluesky alt text stops at 2000 graphemes (emoji count as one)',
      'bluesky',
      [image('a', { alt: '👨‍👩‍👧‍👦'.repeat(2000) }), image('b', { alt: 'a'.repeat(2001) })],
      [{ code: 'alt-too-long', severity: 'error', mediaIds: ['b'], max: 2000 }],
    ],
    [
      'Mastodon alt text is counted in code points',
      'mastodon',
      [image('a', { alt: '👨‍👩‍👧‍👦'.repeat(215) })], // 1505 code points
      [{ code: 'alt-too-long', severity: 'error', mediaIds: ['a'], max: 1500 }],
    ],
  ])('%s', (_name, network, images, expected) => {
    const d = draft({ text: 'hi', images });
    const result =
      network === 'mastodon' ? adaptDraft(d, 'mastodon', MASTODON) : adaptDraft(d, 'bluesky', BLUESKY_LIMITS);
    expect(result.warnings).toEqual(expected);
  });
});

describe('adaptDraft: polls, warnings, labels, languages', () => {
  const poll = { options: ['yes', 'no'], expiresInSeconds: 86_400, multiple: false };

  it('Bluesky has no polls', () => {
    expect(codes(adaptDraft(draft({ text: 'vote', poll }), 'bluesky', BLUESKY_LIMITS).warnings)).toEqual([
      'poll-unsupported',
    ]);
  });

  it.each<[string, Partial<Draft>, string[]]>([
    ['a valid poll', { poll }, []],
    ['poll and images together', { poll, images: [image('a')] }, ['poll-with-media']],
    ['one option', { poll: { ...poll, options: ['only'] } }, ['poll-too-few-options']],
    ['five options', { poll: { ...poll, options: ['a', 'b', 'c', 'd', 'e'] } }, ['poll-too-many-options']],
    [
      'an option over 50 graphemes',
      { poll: { ...poll, options: ['x'.repeat(51), '🇫🇷'.repeat(50)] } },
      ['poll-option-too-long'],
    ],
    ['duplicate options', { poll: { ...poll, options: ['same', 'same'] } }, ['poll-duplicate-options']],
    ['expires in under 5 minutes', { poll: { ...poll, expiresInSeconds: 299 } }, ['poll-expiry-out-of-range']],
  ])('Mastodon: %s', (_name, patch, expected) => {
    expect(codes(adaptDraft(draft({ text: 'vote', ...patch }), 'mastodon', MASTODON).warnings)).toEqual(expected);
  });

  it('a poll-only Mastodon post is one empty-text post', () => {
    expect(adaptDraft(draft({ poll }), 'mastodon', MASTODON).parts).toEqual(['']);
  });

  it('a content warning needs a self-label on Bluesky', () => {
    const warned = draft({ text: 'spoilers', contentWarning: 'Film ending' });
    expect(adaptDraft(warned, 'bluesky', BLUESKY_LIMITS).warnings).toEqual([
      { code: 'content-warning-needs-label', severity: 'warning' },
    ]);
    expect(adaptDraft({ ...warned, labels: ['graphic-media'] }, 'bluesky', BLUESKY_LIMITS).warnings).toEqual([
      { code: 'content-warning-as-label', severity: 'info', labels: ['graphic-media'] },
    ]);
    // On Mastodon the warning is the spoiler text itself: nothing to say.
    expect(adaptDraft(warned, 'mastodon', MASTODON).warnings).toEqual([]);
  });

  it('self-labels become "sensitive" on Mastodon', () => {
    expect(codes(adaptDraft(draft({ text: 'x', labels: ['nudity'] }), 'mastodon', MASTODON).warnings)).toEqual([
      'labels-as-sensitive',
    ]);
  });

  it('Bluesky takes at most 3 languages', () => {
    expect(
      adaptDraft(draft({ text: 'x', langs: ['en', 'fr', 'de', 'ar'] }), 'bluesky', BLUESKY_LIMITS).warnings,
    ).toEqual([{ code: 'too-many-langs', severity: 'warning', count: 4, max: 3 }]);
  });
});
