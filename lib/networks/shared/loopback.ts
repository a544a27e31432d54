/**
 * Which servers may be spoken to over plain http: only this machine's (tests,
 * self-hosters trying a local server). Anywhere else a password or a token
 * must never travel unencrypted, whatever scheme the user typed.
 */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/** This server address with https:// instead of http:// unless it is this machine's; anything else as given. */
export function httpsUnlessLoopback(address: string): string {
  let url: URL;
  try {
    url = new URL(address);
  } catch (error) {
    // Not an address the parser reads: left for the client library to refuse, as before.
    if (error instanceof TypeError) return address;
    throw error;
  }
  if (url.protocol !== 'http:' || LOOPBACK_HOSTS.has(url.hostname.replace(/\.$/, ''))) return address;
  url.protocol = 'https:';
  if (url.port === '443') url.port = '';
  return url.href.replace(/\/$/, address.endsWith('/') ? '/' : '');
}
