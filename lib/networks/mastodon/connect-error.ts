/**
 * What can go wrong while connecting a Mastodon account (finding the server,
 * signing in, checking the token). Kept free of any library import because
 * the service worker that runs the sign-in must stay small.
 */

export type MastodonConnectErrorKind =
  /** The text typed in the server field is not a server address. */
  | 'invalidServer'
  /** Something answered, but it is not a Mastodon-compatible API. */
  | 'notMastodon'
  /** Network down, DNS failure, timeout or a 5xx: worth trying again later. */
  | 'unreachable'
  /** The user pressed "Deny" (or closed the page) on the server's consent screen. */
  | 'cancelled'
  /** The redirect does not answer the request we made: possible forgery, never trusted. */
  | 'stateMismatch'
  /** The server did not grant the scopes posting needs. */
  | 'permission'
  /** Credentials rejected (bad code, revoked or invalid token, unknown app). */
  | 'auth';

const MESSAGE_KEYS: Record<MastodonConnectErrorKind, string> = {
  invalidServer: 'error.mastodon.invalidServer',
  notMastodon: 'error.mastodon.notMastodon',
  unreachable: 'error.mastodon.unreachable',
  cancelled: 'error.mastodon.cancelled',
  stateMismatch: 'error.mastodon.stateMismatch',
  permission: 'error.mastodon.permission',
  auth: 'error.mastodon.auth',
};

/** `messageKey` is an i18n key; `detail` is the server's own words, shown as they are. */
export class MastodonConnectError extends Error {
  // Plain fields rather than parameter properties, so Node's type stripping can run this file.
  readonly kind: MastodonConnectErrorKind;
  readonly detail: string;
  readonly messageKey: string;

  constructor(kind: MastodonConnectErrorKind, detail = '', options?: ErrorOptions) {
    const messageKey = MESSAGE_KEYS[kind];
    super(detail ? `${messageKey}: ${detail}` : messageKey, options);
    this.name = 'MastodonConnectError';
    this.kind = kind;
    this.detail = detail;
    this.messageKey = messageKey;
  }
}
