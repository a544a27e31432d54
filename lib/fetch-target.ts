/**
 * The one home for "which addresses may Sortie fetch because some content
 * named them" (a link's card, its picture, an image shared from a page).
 * The user's own servers (their PDS, their Mastodon instance) are not
 * checked here: they were chosen by the user, not by a page.
 *
 * Invariants, all decided on the URL as the browser's own parser reads it
 * (so `0x7f.1`, `2130706433` and `[::ffff:127.0.0.1]` are seen for what
 * they are, IDN becomes punycode, a trailing dot is dropped):
 * - http(s) only, and no user name or password in the URL (`http://x.com@evil/`
 *   goes to `evil`; it is refused rather than guessed at);
 * - never an X host (x.com, twitter.com, t.co, twimg.com and their
 *   subdomains): a card fetch there would tell X which of its accounts shared
 *   what, and when;
 * - never an IP literal, in any spelling: public pages are named, and every
 *   private, loopback, link-local and unique-local range (127/8, 10/8,
 *   172.16/12, 192.168/16, 100.64/10, 169.254/16, ::1, fc00::/7, fe80::/10,
 *   IPv4-mapped IPv6...) is an IP literal first;
 * - never a name that only means something on the local network:
 *   `localhost`, `*.localhost`, `*.local`, `*.internal`, `*.home.arpa`,
 *   `*.lan`, or a single label (`http://router/` resolves through the
 *   search domain).
 * What this cannot see: a public name whose DNS answer is a private address
 * (DNS rebinding). A browser extension gets no say in name resolution.
 */

export type FetchTargetRefusal = 'not-url' | 'scheme' | 'userinfo' | 'x-host' | 'ip-literal' | 'local-name';

export type FetchTargetVerdict = { ok: true; url: URL } | { ok: false; reason: FetchTargetRefusal };

/** X's own hosts; each also covers its subdomains. */
export const X_HOSTS: readonly string[] = ['x.com', 'twitter.com', 't.co', 'twimg.com'];

/** Suffixes (and whole names) that only resolve on the user's own machine or network. */
const LOCAL_SUFFIXES: readonly string[] = ['localhost', 'local', 'internal', 'home.arpa', 'lan'];

function within(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/** True for a host the URL parser produced from an IPv4 or IPv6 literal. */
function isIpLiteral(host: string): boolean {
  // The parser turns every IPv4 spelling (octal, hex, one big number, fewer parts) into a dotted quad.
  return host.startsWith('[') || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host);
}

/** The URL's host, lower case, punycode, without trailing dots ("x.com." is x.com). */
export function normalHost(url: URL): string {
  return url.hostname.toLowerCase().replace(/\.+$/, '');
}

export function isXHost(host: string): boolean {
  return X_HOSTS.some((domain) => within(host, domain));
}

/** Whether Sortie may fetch `raw` on behalf of content (a page, a post's link, a shared image). */
export function checkFetchTarget(raw: string | URL): FetchTargetVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch (err) {
    if (err instanceof TypeError) return { ok: false, reason: 'not-url' };
    throw err;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'scheme' };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'userinfo' };
  const host = normalHost(url);
  if (isIpLiteral(host)) return { ok: false, reason: 'ip-literal' };
  if (isXHost(host)) return { ok: false, reason: 'x-host' };
  if (!host.includes('.') || LOCAL_SUFFIXES.some((suffix) => within(host, suffix))) {
    return { ok: false, reason: 'local-name' };
  }
  return { ok: true, url };
}
