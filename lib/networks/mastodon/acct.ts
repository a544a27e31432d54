/** Mastodon addresses. */

/**
 * The full `user@host` Mastodon expects: the server that looked an account up
 * names its own accounts without a host.
 */
export function fullAcct(acct: string, serverOrigin: string): string {
  const bare = acct.replace(/^@/, '');
  if (bare.includes('@')) return bare;
  return `${bare}@${new URL(serverOrigin).host}`;
}
