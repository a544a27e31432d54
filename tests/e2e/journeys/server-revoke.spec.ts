/**
 * A server that will not end Sortie's access on disconnect (no /oauth/revoke,
 * or an error) must not let the user believe the session ended: the privacy
 * page promises that disconnecting revokes the access. The attack "works" if
 * the account disappears and nothing tells the user the token is still valid.
 */
import { startMastodonServer } from '../../servers/mastodon/index.ts';
import { uniqueName } from '../support/servers.ts';
import { expect, test, type Tab } from '../support/journey.ts';
import { signInToMastodon } from './steps.ts';

/** What the last disconnect said, if it is an alert: `{ text, link }` (the link's href, if any). */
const OUTCOME = `(() => {
  const alert = document.querySelector('[data-testid="disconnect-outcome"][role="alert"]');
  return alert && alert.getClientRects().length > 0 ? { text: alert.textContent, link: alert.querySelector('a')?.getAttribute('href') ?? null } : null;
})()`;

async function disconnectTheAccount(options: Tab, username: string): Promise<void> {
  const handle = await options.evaluate<string>(
    `[...document.querySelectorAll('[data-testid="accounts"] strong')].map((s) => s.textContent).find((h) => h.startsWith(${JSON.stringify(`@${username}@`)}))`,
  );
  await options.click(`Disconnect ${handle}`);
  await options.waitFor(`document.querySelector('[data-testid="no-accounts"]') !== null`);
}

test('a server answering 404 to /oauth/revoke cannot make a disconnect look complete', async ({
  journey,
  allowHosts,
}) => {
  const server = await startMastodonServer({ hasRevoke: false });
  try {
    const username = uniqueName('r');
    server.createAccount(username, 'pw');
    const options = await journey.openPage('options.html');
    await signInToMastodon(journey, allowHosts, options, { server: server.url, username, password: 'pw' });
    await disconnectTheAccount(options, username);
    // The token still works on that server ...
    expect(server.state.tokens.filter((t) => t.accountId !== null && !t.revoked).length).toBeGreaterThan(0);
    // ... and the user is told so, with the server's page for removing Sortie (Mastodon's authorised apps).
    await options.waitFor(OUTCOME);
    const outcome = (await options.evaluate<{ text: string; link: string | null }>(OUTCOME))!;
    expect(outcome.text).toContain("Sortie's access still works");
    expect(outcome.link).toBe(`${server.url}/oauth/authorized_applications`);
  } finally {
    await server.close();
  }
});

test('a server failing the revoke is reported as a failure, not as signed out', async ({ journey, allowHosts }) => {
  const server = await startMastodonServer();
  try {
    const username = uniqueName('r');
    server.createAccount(username, 'pw');
    const options = await journey.openPage('options.html');
    await signInToMastodon(journey, allowHosts, options, { server: server.url, username, password: 'pw' });
    // The server goes away between connect and disconnect: the revoke cannot reach it.
    await server.close();
    await disconnectTheAccount(options, username);
    await options.waitFor(OUTCOME);
    expect((await options.evaluate<{ text: string }>(OUTCOME)).text).toContain(
      "revoking Sortie's access on the server failed",
    );
  } finally {
    await server.close().catch(() => undefined);
  }
});
