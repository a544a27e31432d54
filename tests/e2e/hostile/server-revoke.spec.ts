/**
 * A server that will not end Sortie's access on disconnect (no /oauth/revoke,
 * or an error) must not let the user believe the session ended: the privacy
 * page promises that disconnecting revokes the access. The attack "works" if
 * the account disappears and nothing tells the user the token is still valid.
 */
import { startMastodonServer } from '../../servers/mastodon/index.ts';
import { expect, test, uniqueName } from '../support/servers.ts';
import { connectMastodon } from '../support/ui.ts';

test('a server answering 404 to /oauth/revoke cannot make a disconnect look complete', async ({
  context,
  openPage,
}) => {
  const server = await startMastodonServer({ hasRevoke: false });
  try {
    const username = uniqueName('r');
    server.createAccount(username, 'pw');
    const { page } = await openPage('options.html');
    await connectMastodon(context, page, { server: server.url, username, password: 'pw' });
    await page.getByRole('button', { name: /^Disconnect / }).click();
    await expect(page.getByTestId('no-accounts')).toBeVisible();
    // The token still works on that server ...
    expect(server.state.tokens.filter((t) => t.accountId !== null && !t.revoked).length).toBeGreaterThan(0);
    // ... and the user is told so, with the server's page for removing Sortie (Mastodon's authorised apps).
    const outcome = page.getByRole('alert').filter({ hasText: "Sortie's access still works" });
    await expect(outcome).toBeVisible();
    await expect(outcome.getByRole('link')).toHaveAttribute('href', `${server.url}/oauth/authorized_applications`);
  } finally {
    await server.close();
  }
});

test('a server failing the revoke (500) is reported as a failure, not as signed out', async ({ context, openPage }) => {
  const server = await startMastodonServer();
  try {
    const username = uniqueName('r');
    server.createAccount(username, 'pw');
    const { page } = await openPage('options.html');
    await connectMastodon(context, page, { server: server.url, username, password: 'pw' });
    // The server goes down between connect and disconnect: every request is now slow enough... or refused.
    await server.close();
    await page.getByRole('button', { name: /^Disconnect / }).click();
    await expect(page.getByTestId('no-accounts')).toBeVisible();
    await expect(
      page.getByRole('alert').filter({ hasText: "revoking Sortie's access on the server failed" }),
    ).toBeVisible();
  } finally {
    await server.close().catch(() => undefined);
  }
});
