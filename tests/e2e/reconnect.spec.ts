/** Reconnecting an account in place, and the Bluesky connect form's own words. */
import { expect, test, uniqueName } from './support/servers.ts';
import { connectMastodon, postFromComposer } from './support/ui.ts';

test('an account needing reconnection has a Reconnect button that signs in again on the same server, in place', async ({
  context,
  openPage,
  mastodon,
}) => {
  const username = uniqueName('rc');
  const { id: accountId } = mastodon.createAccount(username, 'pw');
  const { page } = await openPage('options.html');
  await connectMastodon(context, page, { server: mastodon.url, username, password: 'pw' });
  // Nothing typed stays in the form once connected.
  await expect(page.getByLabel('Your server')).toHaveValue('');

  for (const t of mastodon.state.tokens.filter((t) => t.accountId === accountId)) t.revoked = true;
  const compose = await openPage('compose.html');
  await compose.page.getByLabel('What do you want to say?').fill('Encore là ?');
  await compose.page.getByRole('button', { name: /^Post( to \d+ accounts?)?$/ }).click();
  await expect(compose.page.getByTestId('post-status').locator('li[data-state="failed"]')).toContainText(
    'reconnect the account',
  );
  await page.reload();

  const row = page.getByTestId('accounts').locator('li', { hasText: username });
  await expect(row).toContainText('Reconnect needed');
  const authPage = context.waitForEvent('page', { predicate: (p) => p.url().includes('/oauth/authorize') });
  await row.getByRole('button', { name: `Reconnect @${username}@` + new URL(mastodon.url).host }).click();
  const auth = await authPage;
  await auth.locator('#username').fill(username);
  await auth.locator('#password').fill('pw');
  await auth.getByRole('button', { name: 'Authorize' }).click();
  await expect(row).toContainText('Connected');
  await expect(page.getByTestId('accounts').locator('li')).toHaveCount(1);

  await postFromComposer(compose.page, 'De retour.');
  expect(mastodon.state.statuses.filter((s) => s.accountId === accountId).map((s) => s.text)).toEqual(['De retour.']);
});

test('Bluesky connect: a server that is not a PDS is named as such; the form clears after connecting', async ({
  openPage,
  pds,
  mastodon,
}) => {
  const me = await pds.createUser(uniqueName('bc'));
  const { page } = await openPage('options.html');
  await page.getByLabel('Handle or email').fill(me.handle);
  await page.getByLabel('App password').fill(me.appPassword);
  await page.getByText('Self-hosted account or other provider').click();
  // A Mastodon server typed as the PDS address.
  await page.getByLabel('Hosting provider (PDS) address').fill(mastodon.url);
  await page.getByRole('button', { name: 'Connect Bluesky' }).click();
  await expect(page.getByRole('alert')).toHaveText(/is not a Bluesky server/);
  await expect(page.getByRole('alert')).not.toContainText('refused');

  // The "self-hosted" section is still open: only the address changes.
  await page.getByLabel('Hosting provider (PDS) address').fill(pds.url);
  await page.getByRole('button', { name: 'Connect Bluesky' }).click();
  await expect(page.getByTestId('accounts')).toContainText(me.handle);
  await expect(page.getByLabel('Handle or email')).toHaveValue('');
  await expect(page.getByLabel('App password')).toHaveValue('');
  await expect(page.getByLabel('Hosting provider (PDS) address')).toHaveValue('');
});
