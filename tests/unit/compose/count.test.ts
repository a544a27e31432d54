import { describe, expect, it } from 'vitest';
import { countBluesky } from '../../../lib/networks/bluesky/text/count.ts';
import { countMastodon, mastodonCountableText } from '../../../lib/networks/mastodon/text/count.ts';

const FAMILY = '👨‍👩‍👧‍👦'; // 1 grapheme, 7 code points, 25 UTF-8 bytes
const LIMITS = { maxCharacters: 500, charactersReservedPerUrl: 23 };

describe('countMastodon: what StatusLengthValidator counts', () => {
  it.each<[string, string, string, number]>([
    ['plain text', 'hello', '', 5],
    ['URL with scheme is 23', 'https://example.com', '', 23],
    ['long URL is still 23', `https://example.com/${'a'.repeat(200)}?q=1&r=2`, '', 23],
    ['short URL is still 23', 'https://t.co', '', 23],
    ['URL without scheme counts as typed', 'example.com', '', 11],
    ['www. without scheme counts as typed', 'www.example.com/path', '', 20],
    ['several URLs', 'see https://a.com and https://b.org/x.', '', 4 + 23 + 5 + 23 + 1],
    ['URL on an unknown TLD counts as typed', 'https://localhost:3000', '', 22],
    ['ftp is not a Mastodon scheme', 'ftp://example.com', '', 17],
    ['Wikipedia link in parentheses', '(https://en.wikipedia.org/wiki/Foo_(bar))', '', 1 + 23 + 1],
    ['URL glued to a word counts as typed', 'xhttps://example.com', '', 20],
    ['URL path swallows unspaced CJK', '詳細はhttps://example.com/を参照', '', 3 + 23],
    ['t.co link keeps only its slug', 'https://t.co/abc/def', '', 23 + 4],
    ['upper-case scheme', 'HTTPS://EXAMPLE.COM', '', 23],
    ['custom per-URL cost is not used here', 'gemini://example.org/x', '', 23],
    ['remote mention counts as @user', '@alice@mastodon.social', '', 6],
    ['local mention', '@alice', '', 6],
    ['remote mention in a sentence', 'hi @alice@example.com!', '', 3 + 6 + 1],
    ['Bluesky handle is a dotted local name', '@bob.bsky.social', '', 16],
    ['e-mail address counts as typed', 'mail me: alice@example.com', '', 26],
    ['refused mention counts as typed', '@alice@example.social@x', '', 23],
    ['emoji family is 1', FAMILY, '', 1],
    ['two flags are 2', '🇫🇷🇩🇪', '', 2],
    ['skin tones', '👍🏽👋🏿', '', 2],
    ['combining accent', 'cafe\u0301', '', 4],
    ['Arabic', 'مرحبا بالعالم', '', 13],
    ['Hebrew with niqqud', 'שָׁלוֹם עולם', '', 4 + 1 + 4],
    ['CJK', '日本語のテキスト', '', 8],
    ['CRLF is one', 'a\r\nb', '', 3],
    ['spoiler is counted', 'hello', 'CW: spoilers', 5 + 12],
    ['spoiler is counted as typed (no URL shortening)', 'x', 'https://example.com', 1 + 19],
    ['blank text counts nothing, spoiler still counts', ' \n\t ', 'cw', 2],
    ['spoiler and text are joined before counting', '\u0301x', 'e', 2],
  ])('%s', (_name, text, spoiler, used) => {
    expect(countMastodon(text, spoiler, LIMITS).used).toBe(used);
  });

  it('uses the server’s characters_reserved_per_url', () => {
    expect(countMastodon('https://example.com', '', { maxCharacters: 500, charactersReservedPerUrl: 30 }).used).toBe(
      30,
    );
  });

  it('reports remaining and over at the limit', () => {
    expect(countMastodon('a'.repeat(500), '', LIMITS)).toEqual({ used: 500, limit: 500, remaining: 0, over: false });
    expect(countMastodon('a'.repeat(501), '', LIMITS)).toEqual({ used: 501, limit: 500, remaining: -1, over: true });
    expect(countMastodon('a'.repeat(490), 'b'.repeat(11), LIMITS).over).toBe(true);
  });

  it('rewrites entities as the server does', () => {
    expect(mastodonCountableText('hi @alice@example.social see https://x.org/a', 23)).toBe(
      `hi @alice see ${'x'.repeat(23)}`,
    );
  });
});

describe('countBluesky: graphemes and bytes of the text as typed', () => {
  it.each<[string, string, number, number, boolean]>([
    ['ascii', 'hello', 5, 5, false],
    ['300 ascii is the limit', 'a'.repeat(300), 300, 300, false],
    ['301 ascii is over', 'a'.repeat(301), 301, 301, true],
    ['300 CJK: 900 bytes, fine', '日'.repeat(300), 300, 900, false],
    ['120 families: exactly 3000 bytes', FAMILY.repeat(120), 120, 3000, false],
    ['121 families: over on bytes only', FAMILY.repeat(121), 121, 3025, true],
    ['300 families: under 300 graphemes but 7500 bytes', FAMILY.repeat(300), 300, 7500, true],
    ['flag is 8 bytes', '🇫🇷', 1, 8, false],
    ['combining accent', 'e\u0301', 1, 3, false],
    ['Arabic', 'مرحبا', 5, 10, false],
    ['links are not shortened', `https://example.com/${'x'.repeat(300)}`, 320, 320, true],
    ['lone surrogate is 3 bytes', '\uD83D', 1, 3, false],
  ])('%s', (_name, text, graphemes, bytes, over) => {
    expect(countBluesky(text)).toEqual({ graphemes, bytes, graphemeLimit: 300, byteLimit: 3000, over });
  });
});
