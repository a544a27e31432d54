import { describe, expect, it } from 'vitest';
import { findMastodonUrls } from '../../../lib/networks/mastodon/text/urls.ts';
import { findTokens } from '../../../lib/compose/tokens.ts';
import { findMastodonEntities, findMastodonMentions } from '../../../lib/networks/mastodon/text/tokens.ts';

describe('findMastodonUrls (links Mastodon shortens to 23)', () => {
  it.each<[string, string, string[]]>([
    ['plain https', 'see https://example.com now', ['https://example.com']],
    ['trailing full stop left out', 'see https://example.com/a.', ['https://example.com/a']],
    [
      'trailing comma and question mark left out',
      'https://example.com/a, https://example.org/b?',
      ['https://example.com/a', 'https://example.org/b'],
    ],
    [
      'Wikipedia parentheses kept',
      'https://en.wikipedia.org/wiki/Foo_(bar)',
      ['https://en.wikipedia.org/wiki/Foo_(bar)'],
    ],
    [
      'closing paren of the sentence left out',
      '(see https://en.wikipedia.org/wiki/Foo_(bar)).',
      ['https://en.wikipedia.org/wiki/Foo_(bar)'],
    ],
    ['query string kept', 'go http://x.org/a?b=c&d=e, ok', ['http://x.org/a?b=c&d=e']],
    ['no scheme: not counted as a URL', 'example.com and www.example.org/path', []],
    ['unknown TLD: not a URL for the server', 'https://localhost:3000/x https://example.invalidtld', []],
    ['glued to a word: not a URL', 'xhttps://example.com', []],
    ['swallowed by a scheme-less one before it', 'example.com/https://x.org', []],
    ['upper-case scheme', 'HTTPS://EXAMPLE.COM/Path', ['HTTPS://EXAMPLE.COM/Path']],
    [
      'Mastodon extra schemes',
      'gemini://example.org/ dat://example.com ftp://example.com',
      ['gemini://example.org/', 'dat://example.com'],
    ],
    ['URL in a query is one URL', 'https://a.com/r?u=https://b.com', ['https://a.com/r?u=https://b.com']],
    ['path runs into unspaced CJK', '詳細はhttps://example.com/を参照。', ['https://example.com/を参照。']],
    ['ccTLD after a gTLD label', 'https://www.example.co.uk/x', ['https://www.example.co.uk/x']],
    [
      'IDN domain and TLD',
      'https://bücher.de/x https://例え.テスト https://example.みんな',
      ['https://bücher.de/x', 'https://example.みんな'],
    ],
    ['emoji domain: IDNA2003 (the gem’s libidn) refuses it', 'https://👨.org https://a👨‍👩‍👧.com', []],
    ['t.co keeps only its slug', 'https://t.co/abcdef/more', ['https://t.co/abcdef']],
    ['after RTL text', 'مرحبا https://example.com شكرا', ['https://example.com']],
  ])('%s', (_name, text, expected) => {
    expect(findMastodonUrls(text).map((u) => u.url)).toEqual(expected);
  });

  it('reports UTF-16 ranges', () => {
    const text = '👨‍👩‍👧‍👦 https://example.com!';
    const [url] = findMastodonUrls(text);
    expect(url && text.slice(url.start, url.end)).toBe('https://example.com');
    expect(url?.start).toBe('👨‍👩‍👧‍👦 '.length);
  });
});

describe('findMastodonMentions', () => {
  it.each<[string, string, Array<[string, string | null]>]>([
    ['local', 'hi @alice!', [['alice', null]]],
    ['remote', 'hi @alice@mastodon.social.', [['alice', 'mastodon.social']]],
    ['Bluesky handle reads as a dotted local name', '@bob.bsky.social', [['bob.bsky.social', null]]],
    ['e-mail address is not a mention', 'mail alice@example.com', []],
    ['after a slash or "=" is not a mention', 'https://x.social/@alice a=@bob', []],
    ['followed by another @ is refused', '@alice@example.social@x', []],
    ['followed by a latin accent is refused', '@alicé', []],
    ['unicode domain', '@anna@bücher.de', [['anna', 'bücher.de']]],
    [
      'after Arabic and Hebrew',
      'مرحبا @alice שלום @bob@example.org',
      [
        ['alice', null],
        ['bob', 'example.org'],
      ],
    ],
  ])('%s', (_name, text, expected) => {
    expect(findMastodonMentions(text).map((m) => [m.username, m.domain])).toEqual(expected);
  });

  it('refuses a domain longer than 253 characters', () => {
    expect(findMastodonMentions(`@a@${'b'.repeat(253)}`)).toHaveLength(1);
    expect(findMastodonMentions(`@a@${'b'.repeat(254)}`)).toHaveLength(0);
  });
});

describe('findMastodonEntities', () => {
  it('keeps the link when a mention sits inside it', () => {
    const text = 'https://example.com/x?@alice';
    expect(findMastodonEntities(text).map((e) => e.kind)).toEqual(['url']);
  });
});

describe('findTokens', () => {
  const tags = (text: string, network: 'mastodon' | 'bluesky'): string[] =>
    findTokens(text, network)
      .filter((t) => t.kind === 'hashtag')
      .map((t) => text.slice(t.start, t.end));

  it.each<[string, string, string[]]>([
    ['simple', 'I like #cats.', ['#cats']],
    ['pure digits is not a tag', 'room #123 and #123abc', ['#123abc']],
    ['unicode letters', '#café #日本語 #مرحبا #שלום', ['#café', '#日本語', '#مرحبا', '#שלום']],
    ['underscore and middle dot', '#snake_case #l·l', ['#snake_case', '#l·l']],
    ['not inside a word or after a slash', 'a#tag x/#tag', []],
  ])('Mastodon hashtags: %s', (_name, text, expected) => {
    expect(tags(text, 'mastodon')).toEqual(expected);
  });

  it('Bluesky hashtags run to the next space, minus trailing punctuation', () => {
    expect(tags('#c++ and #tag! and #123', 'bluesky')).toEqual(['#c++', '#tag']);
  });

  it('Bluesky links include bare domains and drop a closing full stop', () => {
    const text = 'see example.com/path. and https://bsky.app/profile/x)';
    const urls = findTokens(text, 'bluesky').filter((t) => t.kind === 'url');
    expect(urls.map((u) => text.slice(u.start, u.end))).toEqual(['example.com/path', 'https://bsky.app/profile/x']);
  });

  it('Bluesky mentions are handles', () => {
    const text = 'hi @alice.bsky.social and (@bob.example.com)';
    const mentions = findTokens(text, 'bluesky').filter((t) => t.kind === 'mention');
    expect(mentions.map((m) => text.slice(m.start, m.end))).toEqual(['@alice.bsky.social', '@bob.example.com']);
  });

  it('returns sorted, non-overlapping tokens', () => {
    const text = '#a https://x.org/#b @c #d';
    const tokens = findTokens(text, 'mastodon');
    for (let i = 1; i < tokens.length; i++) {
      expect(tokens[i]?.start).toBeGreaterThanOrEqual(tokens[i - 1]?.end ?? 0);
    }
    expect(tokens.map((t) => t.kind)).toEqual(['hashtag', 'url', 'mention', 'hashtag']);
  });
});
