/**
 * Which words a failed request gets. "Your network is down" is said only
 * when the browser itself says it is offline; a server that answered with an
 * error (5xx, a proxy's HTML page) or let the request time out is the
 * server's fault, and a connection that failed while the browser is online
 * could be either, so it says so. The kind ('transient') and the retries
 * are the same for all three: only the truth told to the user differs.
 */

/** The browser reports no network at all. */
export const KEY_OFFLINE = 'error.network';
/** The server answered, but with a failure (5xx, 408, an HTML error page), or accepted the request and never answered. */
export const KEY_SERVER_DOWN = 'error.serverDown';
/** No answer while the browser says it is online: the server (or the way to it) is down. */
export const KEY_SERVER_UNREACHABLE = 'error.serverUnreachable';

export function isOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/** For a request that got no answer at all. */
export function noAnswerKey(): string {
  return isOffline() ? KEY_OFFLINE : KEY_SERVER_UNREACHABLE;
}

/** For an answer that is a server-side failure or a timeout: offline still wins (a timeout may be ours). */
export function serverFailureKey(): string {
  return isOffline() ? KEY_OFFLINE : KEY_SERVER_DOWN;
}
