import { createRestAPIClient, type mastodon } from 'masto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countableText, statusLength } from './counting';
import { startMastodonServer, type MastodonTestServer } from './index';

// Mastodon counts grapheme clusters of spoiler_text + text, with every URL worth
// characters_reserved_per_url and `@user@remote.host` worth only `@user`.

describe('statusLength', () => {
  it.each([
    ['plain ascii', 'hello', '', 5],
    ['a family emoji is one grapheme', '👩‍👩‍👧', '', 1],
    ['a flag is one grapheme', '🇫🇷🇩🇪', '', 2],
    ['combining accents stay with their letter', 'e\u0301e\u0301', '', 2],
    ['a URL counts 23', 'https://example.com/a/very/long/path/that/goes/on?and=on&on=1', '', 23],
    ['each URL counts 23', 'a https://a.example b http://b.example/x', '', 2 + 23 + 3 + 23],
    ['a trailing period is not part of the URL', 'see https://example.com/foo.', '', 4 + 23 + 1],
    ['balanced parentheses are', 'https://en.wikipedia.org/wiki/Foo_(bar)', '', 23],
    ['a URL without protocol counts in full', 'example.com/path', '', 16],
    ['an IP-address URL is not an entity', 'http://127.0.0.1/', '', 17],
    ['a remote mention counts only @user', '@alice@social.example.org hi', '', 6 + 3],
    ['a local mention counts in full', '@alice hi', '', 9],
    ['an e-mail address is not a mention', 'me@mail.example', '', 15],
    ['the spoiler counts too', 'body', 'warning', 11],
    ['mentions and URLs together', '@bob@x.example https://x.example/@bob', '', 4 + 1 + 23],
  ])('%s', (_label, text, spoiler, expected) => {
    expect(statusLength(text, spoiler, 23)).toBe(expected);
  });

  it('replaces URLs with the configured reservation', () => {
    expect(countableText('go https://example.com now', 5)).toBe('go xxxxx now');
  });
});

describe('over-length statuses through masto', () => {
  let server: MastodonTestServer;
  let masto: mastodon.rest.Client;
  beforeAll(async () => {
    server = await startMastodonServer({ maxCharacters: 50 });
    masto = createRestAPIClient({ url: server.url, accessToken: server.createAccount('alice').token });
  });
  afterAll(() => server.close());

  const url = 'https://example.com/' + 'x'.repeat(200);
  const remote = '@someone@a.very.long.remote.instance.example';
  const limitError = { statusCode: 422, message: 'Validation failed: Text character limit of 50 exceeded' };

  it.each([
    ['50 letters', { status: 'a'.repeat(50) }, true],
    ['51 letters', { status: 'a'.repeat(51) }, false],
    ['27 letters and a long URL (27 + 23)', { status: `${'a'.repeat(26)} ${url}` }, true],
    ['28 letters and a long URL (28 + 23)', { status: `${'a'.repeat(27)} ${url}` }, false],
    ['a long remote mention counts as @someone', { status: `${remote} ${'a'.repeat(41)}` }, true],
    ['the same mention plus one', { status: `${remote} ${'a'.repeat(42)}` }, false],
    ['50 emoji families', { status: '👩‍👩‍👧'.repeat(50) }, true],
    ['spoiler and text share the limit', { status: 'a'.repeat(30), spoilerText: 'b'.repeat(21) }, false],
  ])('%s', async (_label, params, accepted) => {
    const attempt = masto.v1.statuses.create(params);
    if (accepted) await expect(attempt).resolves.toMatchObject({ visibility: 'public' });
    else await expect(attempt).rejects.toMatchObject(limitError);
  });
});
