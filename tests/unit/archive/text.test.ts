import { describe, expect, it } from 'vitest';
import { findTokens } from '../../../lib/compose/tokens.ts';
import {
  MENTION_BREAK,
  codePointOffsets,
  decodeHtmlEntities,
  locate,
  neutralizeMentions,
  rewrite,
} from '../../../lib/archive/text.ts';
import { parseYtd, YtdFormatError, checkItems, rawTweetSchema, dataFileKind } from '../../../lib/archive/ytd.ts';

describe('decodeHtmlEntities', () => {
  it.each([
    ['a &amp; b', 'a & b'],
    ['&lt;3 &gt;_&lt;', '<3 >_<'],
    ['&amp;amp;', '&amp;'],
    ['caf&#233; &#x1F600;', 'café 😀'],
    ['&#0; &#xD800; &#1114112;', '&#0; &#xD800; &#1114112;'],
    ['&nbsp; &unknown;', '&nbsp; &unknown;'],
    ['no entities', 'no entities'],
  ])('%j → %j', (input, out) => {
    expect(decodeHtmlEntities(input)).toBe(out);
  });
});

describe('code point indices', () => {
  it.each([
    ['abc', [0, 1, 2, 3]],
    ['a😀b', [0, 1, 3, 4]],
    ['👩‍💻x', [0, 2, 3, 5, 6]],
    ['עברית', [0, 1, 2, 3, 4, 5]],
  ])('%j', (text, offsets) => {
    expect(codePointOffsets(text)).toEqual(offsets);
  });

  it('finds a link by X indices after an emoji (code points, not UTF-16)', () => {
    const text = '😀😀 https://t.co/abc';
    // In code points the link starts at 3; in UTF-16 at 5.
    expect(locate(text, codePointOffsets(text), 'https://t.co/abc', [3, 19], [])).toEqual({ start: 5, end: 21 });
  });

  it('finds a link where it is when the indices are off (e.g. counted before &amp; was decoded)', () => {
    const text = 'a & b https://t.co/abc';
    expect(locate(text, codePointOffsets(text), 'https://t.co/abc', [10, 26], [])).toEqual({ start: 6, end: 22 });
  });

  it('does not take the same occurrence twice', () => {
    const text = 'https://t.co/a https://t.co/a';
    const first = locate(text, codePointOffsets(text), 'https://t.co/a', undefined, []);
    const second = locate(text, codePointOffsets(text), 'https://t.co/a', undefined, [{ ...first!, with: '' }]);
    expect(second).toEqual({ start: 15, end: 29 });
  });
});

describe('mentions stay plain text on both networks', () => {
  it.each([
    ['@alice hi', `@${MENTION_BREAK}alice hi`],
    ['hi @bob_1.', `hi @${MENTION_BREAK}bob_1.`],
    ['(@carol)', `(@${MENTION_BREAK}carol)`],
    ['RT @dave: x', `RT @${MENTION_BREAK}dave: x`],
    ['me@example.com', 'me@example.com'],
    ['a=@b and /@c', 'a=@b and /@c'],
    ['@ alone', '@ alone'],
    ['😀@emoji', `😀@${MENTION_BREAK}emoji`],
    ['@alice@mastodon.social', `@${MENTION_BREAK}alice@mastodon.social`],
  ])('%j', (input, out) => {
    const text = neutralizeMentions(input);
    expect(text).toBe(out);
    expect(findTokens(text, 'mastodon').filter((t) => t.kind === 'mention')).toEqual([]);
    expect(findTokens(text, 'bluesky').filter((t) => t.kind === 'mention')).toEqual([]);
  });

  it('leaves an "@" inside a replaced link alone', () => {
    const text = 'see LINK, @bob';
    const out = rewrite(text, [{ start: 4, end: 8, with: 'https://medium.com/@bob/post' }]);
    expect(out).toBe(`see https://medium.com/@bob/post, @${MENTION_BREAK}bob`);
  });
});

describe('window.YTD files', () => {
  it.each([
    ['window.YTD.tweets.part0 = []', 'tweets', 0, 0],
    ['\uFEFFwindow.YTD.note_tweet.part12 = [{"a":1}];\n', 'note_tweet', 12, 1],
    ['  window.YTD.account.part0=[1,2]', 'account', 0, 2],
  ])('%j', (text, name, part, count) => {
    const file = parseYtd(text);
    expect(file).toMatchObject({ name, part });
    expect(file.items).toHaveLength(count);
  });

  it.each([
    'alert(1); window.YTD.tweets.part0 = []',
    'window.YTD.tweets.part0 = {}',
    'window.YTD.tweets.part0 = [1,',
    'window.YTD["x"].part0 = []',
    '',
  ])('refuses %j', (text) => {
    expect(() => parseYtd(text)).toThrow(YtdFormatError);
  });

  it('counts malformed items and keeps the others', () => {
    const good = { tweet: { id_str: '1', full_text: 'hi', created_at: 'Wed Oct 10 20:19:24 +0000 2018' } };
    const { items, malformed } = checkItems(
      [
        good,
        null,
        7,
        { tweet: { id_str: 'x1', full_text: 'a', created_at: 'a' } },
        { tweet: { ...good.tweet, full_text: 'a'.repeat(100_001) } },
        { tweet: { ...good.tweet, display_text_range: ['0', '-1'] } },
      ],
      rawTweetSchema,
    );
    expect(items).toHaveLength(1);
    expect(malformed).toBe(5);
  });

  it.each([
    ['tweets.js', 'tweets'],
    ['tweet.js', 'tweets'],
    ['tweets-part1.js', 'tweets'],
    ['tweets-part12.js', 'tweets'],
    ['deleted-tweets.js', null],
    ['tweetdeck.js', null],
    ['note-tweet.js', 'note-tweets'],
    ['account.js', 'account'],
    ['following.js', 'following'],
    ['follower.js', null],
  ])('%s is %s', (name, kind) => {
    expect(dataFileKind(name)).toBe(kind);
  });
});
