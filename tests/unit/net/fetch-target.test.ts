import { describe, expect, it } from 'vitest';
import { checkFetchTarget, type FetchTargetRefusal } from '../../../lib/fetch-target.ts';

/** Each row: an address a page or a post could name, and whether Sortie may fetch it (or why not). */
const TABLE: [string, true | FetchTargetRefusal][] = [
  // Ordinary public pages.
  ['https://example.com/article', true],
  ['http://news.example.org/a?b=c#d', true],
  ['https://EXAMPLE.com./path', true],
  ['https://www.lemonde.fr:8443/x', true],
  ['https://bücher.example/', true], // IDN: punycode, still a public name
  ['https://notx.com/', true],
  ['https://x.company.example/', true],
  ['https://twitter.com.evil.example/', true], // a public name that merely starts like X
  ['https://mytwimg.com/', true],
  // Not http(s).
  ['javascript:alert(1)', 'scheme'],
  ['data:image/png;base64,AAAA', 'scheme'],
  ['file:///etc/passwd', 'scheme'],
  ['ftp://example.com/', 'scheme'],
  ['chrome-extension://abc/options.html', 'scheme'],
  ['blob:https://example.com/1234', 'scheme'],
  ['not a url', 'not-url'],
  ['/relative/path', 'not-url'],
  ['', 'not-url'],
  // User info: the host is what follows '@'; refused rather than guessed at.
  ['http://x.com@evil.example/', 'userinfo'],
  ['http://user:pass@example.com/', 'userinfo'],
  ['http://evil.example@127.0.0.1/', 'userinfo'],
  // X and its subdomains, whatever the case or trailing dot.
  ['https://x.com/jack/status/20', 'x-host'],
  ['https://X.COM./jack', 'x-host'],
  ['https://mobile.x.com/', 'x-host'],
  ['https://twitter.com/', 'x-host'],
  ['https://mobile.twitter.com/a', 'x-host'],
  ['https://pic.twitter.com/a', 'x-host'],
  ['http://t.co/abc', 'x-host'],
  ['https://pbs.twimg.com/media/a.jpg', 'x-host'],
  ['https://abs.twimg.com./x', 'x-host'],
  // IP literals, every spelling the URL parser accepts.
  ['http://127.0.0.1/', 'ip-literal'],
  ['http://127.0.0.1:8080/secret.png', 'ip-literal'],
  ['http://127.1/', 'ip-literal'],
  ['http://0x7f.1/', 'ip-literal'],
  ['http://0x7f000001/', 'ip-literal'],
  ['http://2130706433/', 'ip-literal'],
  ['http://0177.0.0.1/', 'ip-literal'],
  ['http://017700000001/', 'ip-literal'],
  ['http://127.0.0.1./', 'ip-literal'],
  ['http://0/', 'ip-literal'],
  ['http://0.0.0.0/', 'ip-literal'],
  ['http://10.0.0.1/', 'ip-literal'],
  ['http://172.16.5.4/', 'ip-literal'],
  ['http://192.168.1.1/admin', 'ip-literal'],
  ['http://100.64.0.1/', 'ip-literal'],
  ['http://169.254.169.254/latest/meta-data/', 'ip-literal'],
  ['http://8.8.8.8/', 'ip-literal'], // even a public one: pages are named
  ['http://[::1]/', 'ip-literal'],
  ['http://[::ffff:127.0.0.1]/', 'ip-literal'],
  ['http://[::ffff:7f00:1]/', 'ip-literal'],
  ['http://[fc00::1]/', 'ip-literal'],
  ['http://[fd12:3456::1]/', 'ip-literal'],
  ['http://[fe80::1]/', 'ip-literal'],
  ['http://[2001:db8::1]/', 'ip-literal'],
  ['http://%31%32%37.0.0.1/', 'ip-literal'], // percent-encoded digits decode to an IP
  ['http://１２７.０.０.１/', 'ip-literal'], // full-width digits normalise to an IP
  // Names that only mean something on this machine or network.
  ['http://localhost/', 'local-name'],
  ['http://LOCALHOST./', 'local-name'],
  ['http://localhost:3000/', 'local-name'],
  ['http://evil.localhost/', 'local-name'],
  ['http://printer.local/', 'local-name'],
  ['http://metadata.google.internal/', 'local-name'],
  ['http://nas.home.arpa/', 'local-name'],
  ['http://router.lan/', 'local-name'],
  ['http://router/', 'local-name'],
  ['http://intranet./', 'local-name'],
];

describe('checkFetchTarget', () => {
  it.each(TABLE)('%s → %s', (raw, expected) => {
    const verdict = checkFetchTarget(raw);
    if (expected === true) expect(verdict).toMatchObject({ ok: true });
    else expect(verdict).toEqual({ ok: false, reason: expected });
  });

  it('hands back the parsed URL it checked (what is fetched is what was checked)', () => {
    const verdict = checkFetchTarget('HTTPS://Example.COM/a b');
    expect(verdict.ok && verdict.url.href).toBe('https://example.com/a%20b');
  });
});
