/**
 * Turns whatever the user typed in the "your server" field into the origin
 * every later request is built on. People paste handles, profile links and
 * mixed-case addresses; all of them name a server.
 */
import { LOOPBACK_HOSTS } from '../shared/loopback.ts';
import { MastodonConnectError } from './connect-error.ts';

export type ServerInputResult = { origin: string } | { error: MastodonConnectError };

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
/** `me@host` or `@me@host`: a fediverse handle names its server after the last `@`. */
const HANDLE = /^@?[^@/\s]+@([^@/\s]+)$/;

export function normaliseServerInput(input: string): ServerInputResult {
  const text = input.trim();
  if (!text) return invalid('empty');

  let candidate = text;
  if (!SCHEME.test(candidate)) {
    const handle = HANDLE.exec(candidate);
    if (handle?.[1]) candidate = handle[1];
    // Any other `@` before the path would be read as URL credentials and hide a typo.
    else if (candidate.split('/')[0]?.includes('@')) return invalid(text);
    candidate = `https://${candidate}`;
  }

  let url: URL;
  try {
    // The URL parser lowercases the host and turns internationalised names into punycode.
    url = new URL(candidate);
  } catch (cause) {
    return { error: new MastodonConnectError('invalidServer', text, { cause }) };
  }

  if (url.protocol !== 'https:' && url.protocol !== 'http:') return invalid(`unsupported scheme ${url.protocol}`);
  const host = url.hostname.replace(/\.$/, '');
  if (!isPlausibleHost(host)) return invalid(text);

  // Plain http is only kept for this machine (tests, self-hosters trying a
  // local server); anywhere else a token must never travel unencrypted.
  const protocol = url.protocol === 'http:' && LOOPBACK_HOSTS.has(host) ? 'http:' : 'https:';
  const port = url.port && !(protocol === 'https:' && url.port === '443') ? `:${url.port}` : '';
  return { origin: `${protocol}//${host}${port}` };
}

function isPlausibleHost(host: string): boolean {
  if (!host) return false;
  if (LOOPBACK_HOSTS.has(host) || host.startsWith('[')) return true;
  // A single label ("mastodon") is a typo or an intranet name, never a public server.
  return host.includes('.') && !host.startsWith('.') && !host.includes('..');
}

function invalid(detail: string): { error: MastodonConnectError } {
  return { error: new MastodonConnectError('invalidServer', detail) };
}
