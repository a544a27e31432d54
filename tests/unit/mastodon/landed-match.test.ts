/** What counts as the status an earlier attempt made: every field the attempt fixed must agree. */
import { describe, expect, it } from 'vitest';
import {
  CLOCK_SKEW_MS,
  plainTextOf,
  sameText,
  scheduledMatches,
  statusMatches,
  type AttemptShape,
  type SeenStatus,
} from '../../../lib/networks/mastodon/landed-match.ts';

const SINCE = Date.parse('2025-03-01T22:00:00Z');

const shape: AttemptShape = {
  text: 'Hello @bob@remote.example, see https://example.com/a/long/path',
  spoilerText: '',
  visibility: 'public',
  inReplyToId: null,
  mediaCount: 0,
  poll: false,
  since: SINCE,
  scheduledAt: null,
};

const status: SeenStatus = {
  id: '1',
  createdAt: '2025-03-02T07:00:00.000Z',
  content:
    '<p>Hello <span class="h-card"><a href="https://remote.example/@bob" class="u-url mention">@<span>bob</span></a></span>, see <a href="https://example.com/a/long/path"><span class="invisible">https://</span><span class="ellipsis">example.com/a/long/pa</span><span class="invisible">th</span></a></p>',
  spoilerText: '',
  visibility: 'public',
  inReplyToId: null,
  mediaAttachments: [],
  poll: null,
  reblog: null,
  application: { name: 'Sortie' },
};

describe('statusMatches', () => {
  const rows: Array<[string, Partial<SeenStatus>, boolean]> = [
    ['the status as the server rendered it', {}, true],
    [
      'created within the clock skew before the attempt',
      { createdAt: new Date(SINCE - CLOCK_SKEW_MS + 1000).toISOString() },
      true,
    ],
    ['created before the attempt began', { createdAt: new Date(SINCE - CLOCK_SKEW_MS - 1000).toISOString() }, false],
    ['another reply target', { inReplyToId: '99' }, false],
    ['another visibility', { visibility: 'unlisted' }, false],
    ['a content warning', { spoilerText: 'cw' }, false],
    ['an image', { mediaAttachments: [{}] }, false],
    ['a poll', { poll: { id: 'p' } }, false],
    ['a boost', { reblog: { id: '5' } }, false],
    ['posted from another app', { application: { name: 'Tusky' } }, false],
    ['the app unknown', { application: null }, true],
    ['other words', { content: '<p>Hello bob, see you</p>' }, false],
  ];
  it.each(rows)('%s', (_, change, expected) => {
    expect(statusMatches({ ...status, ...change }, shape, 'Sortie')).toBe(expected);
  });

  it('a thread part is known by the part it replies to', () => {
    const part = { ...shape, text: '2/2', inReplyToId: '42' };
    expect(statusMatches({ ...status, content: '<p>2/2</p>', inReplyToId: '42' }, part, null)).toBe(true);
    expect(statusMatches({ ...status, content: '<p>2/2</p>', inReplyToId: '43' }, part, null)).toBe(false);
  });
});

describe('text comparison', () => {
  it('undoes line breaks, paragraphs and entities', () => {
    expect(plainTextOf('<p>a &amp; b<br>c</p><p>&#128512; &#x41;</p>')).toBe('a & b\nc\n\n😀 A');
  });
  const rows: Array<[string, string, boolean]> = [
    ['Same words', 'same   words', true],
    ['Good morning!', 'Good morning', false],
    [
      'A **bold** claim that runs long enough to be compared loosely',
      'A bold claim that runs long enough to be compared loosely',
      true,
    ],
    [
      'A long text about one thing that runs past forty characters',
      'A long text about another matter entirely, also quite long',
      false,
    ],
  ];
  it.each(rows)('%j vs %j', (sent, shown, expected) => {
    expect(sameText(sent, shown)).toBe(expected);
  });
});

describe('scheduledMatches', () => {
  const at = '2025-03-02T09:00:00.000Z';
  const scheduled = {
    id: 's1',
    scheduledAt: at,
    params: { text: 'Later', visibility: 'public', inReplyToId: null, spoilerText: null, mediaIds: null, poll: null },
  };
  it('matches the words and the time exactly', () => {
    const later = { ...shape, text: 'Later', scheduledAt: at };
    expect(scheduledMatches(scheduled, later)).toBe(true);
    expect(scheduledMatches({ ...scheduled, params: { ...scheduled.params, text: 'later' } }, later)).toBe(false);
    expect(scheduledMatches({ ...scheduled, scheduledAt: '2025-03-02T10:00:00.000Z' }, later)).toBe(false);
    expect(scheduledMatches(scheduled, { ...later, scheduledAt: null })).toBe(false);
  });
});
