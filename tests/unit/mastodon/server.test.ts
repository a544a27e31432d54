import { describe, expect, it } from 'vitest';
import { normaliseServerInput } from '../../../lib/networks/mastodon/server-input.ts';

describe('normaliseServerInput', () => {
  it.each([
    ['bare domain', 'mastodon.social', 'https://mastodon.social'],
    ['surrounding spaces', '  mastodon.social  ', 'https://mastodon.social'],
    ['handle with leading @', '@me@piaille.fr', 'https://piaille.fr'],
    ['handle without leading @', 'me@piaille.fr', 'https://piaille.fr'],
    ['profile URL', 'https://mastodon.social/@me', 'https://mastodon.social'],
    ['profile URL without scheme', 'mastodon.social/@me', 'https://mastodon.social'],
    ['upper-case scheme and host, trailing slash', 'HTTPS://Mastodon.Social/', 'https://mastodon.social'],
    ['query and fragment', 'https://mastodon.social/about?x=1#top', 'https://mastodon.social'],
    ['internationalised domain', 'https://bücher.example', 'https://xn--bcher-kva.example'],
    ['internationalised handle', 'moi@café.example', 'https://xn--caf-dma.example'],
    ['explicit non-default port', 'https://example.org:8443', 'https://example.org:8443'],
    ['default https port dropped', 'https://example.org:443/', 'https://example.org'],
    ['trailing dot in host', 'mastodon.social.', 'https://mastodon.social'],
    ['http upgraded to https', 'http://mastodon.social', 'https://mastodon.social'],
    ['http with port upgraded', 'http://example.org:8080/', 'https://example.org:8080'],
    ['localhost kept as http', 'http://localhost:3000', 'http://localhost:3000'],
    ['127.0.0.1 kept as http', 'http://127.0.0.1:41234/', 'http://127.0.0.1:41234'],
    ['IPv6 loopback kept as http', 'http://[::1]:3000', 'http://[::1]:3000'],
    ['localhost over https stays https', 'https://localhost:3000', 'https://localhost:3000'],
    ['credentials in the URL are dropped', 'https://me:pw@example.org', 'https://example.org'],
  ])('%s: %s -> %s', (_name, input, origin) => {
    expect(normaliseServerInput(input)).toEqual({ origin });
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['username only', '@me'],
    ['single label', 'mastodon'],
    ['space inside', 'masto don.social'],
    ['other scheme', 'ftp://mastodon.social'],
    ['javascript scheme', 'javascript://mastodon.social'],
    ['double dot', 'mastodon..social'],
    ['two @ without handle shape', 'a@b@c.example'],
  ])('%s (%j) is an invalidServer error', (_name, input) => {
    const result = normaliseServerInput(input);
    expect('error' in result && result.error).toMatchObject({
      kind: 'invalidServer',
      messageKey: 'error.mastodon.invalidServer',
    });
  });
});
