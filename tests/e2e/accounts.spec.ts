import { AtpAgent } from '@atproto/api';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readAccessJwt } from './support/bulk.ts';
import { expect, test, uniqueName } from './support/servers.ts';
import { connectBluesky, connectMastodon, connectMastodonWithToken } from './support/ui.ts';

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<any> } };

test('clear errors: wrong app password, a server that is not Mastodon, a revoked token shows "reconnect needed"', async ({
  openPage,
  pds,
  mastodon,
}) => {
  const me = await pds.createUser(uniqueName('err'));
  const { page } = await openPage('options.html');
  await page.getByLabel('Handle or email').fill(me.handle);
  await page.getByLabel('App password').fill('aaaa-bbbb-cccc-dddd');
  await page.getByText('Self-hosted account or other provider').click();
  await page.getByLabel('Hosting provider (PDS) address').fill(pds.url);
  await page.getByRole('button', { name: 'Connect Bluesky' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong handle or app password.');
  await page.getByLabel('App password').fill('my main password');
  await expect(page.locator('#bsky-password-hint')).toContainText('does not look like an app password');

  const blog = createServer((_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>My blog</h1>'));
  await new Promise<void>((r) => blog.listen(0, '127.0.0.1', r));
  try {
    await page.getByLabel('Your server').fill(`http://127.0.0.1:${(blog.address() as AddressInfo).port}`);
    await page.getByRole('button', { name: 'Connect Mastodon' }).click();
    await expect(page.locator('form', { hasText: 'Connect a Mastodon account' }).getByRole('alert')).toHaveText(
      'This server does not speak the Mastodon API.',
    );
  } finally {
    blog.close();
  }

  const username = uniqueName('rv');
  const { token } = mastodon.createAccount(username);
  await connectMastodonWithToken(page, { server: mastodon.url, token, username });
  mastodon.state.tokens.find((t) => t.token === token)!.revoked = true;
  const compose = await openPage('compose.html');
  await compose.page.getByLabel('What do you want to say?').fill('Encore là ?');
  await compose.page.getByRole('button', { name: /^Post( to \d+ accounts?)?$/ }).click();
  await expect(compose.page.getByTestId('post-status').locator('li[data-state="failed"]')).toContainText(
    'reconnect the account',
  );
  // The open composer hears the account now needs reconnecting, and says so instead of a silent grey button.
  await compose.page.getByLabel('What do you want to say?').fill('Et maintenant ?');
  await expect(compose.page.getByTestId('post-off')).toContainText(`Reconnect @${username}@`);
  await expect(compose.page.getByRole('button', { name: /^Post( to \d+ accounts?)?$/ })).toBeDisabled();
  await page.reload();
  await expect(page.getByTestId('accounts').locator('li', { hasText: username })).toContainText('Reconnect needed');
});

test('disconnect revokes the Mastodon token and deletes the Bluesky session on their servers', async ({
  context,
  openPage,
  pds,
  mastodon,
}) => {
  const username = uniqueName('dc');
  const { id: accountId } = mastodon.createAccount(username, 'pw');
  const me = await pds.createUser(uniqueName('dc'));
  const { page } = await openPage('options.html');
  await connectMastodon(context, page, { server: mastodon.url, username, password: 'pw' });
  await connectBluesky(page, { identifier: me.handle, appPassword: me.appPassword, service: pds.url });
  const accounts = (await page.evaluate(() => chrome.runtime.sendMessage({ sortie: 1, name: 'accounts.list' })))
    .value as Array<{ id: string; network: string }>;
  const bskyId = accounts.find((a) => a.network === 'bluesky')!.id;
  const refreshJwt = await page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const req = indexedDB.open('sortie');
      req.onsuccess = () => resolve(req.result);
    });
    const account = await new Promise<any>((resolve) => {
      const req = db.transaction('accounts').objectStore('accounts').get(id);
      req.onsuccess = () => resolve(req.result);
    });
    return account.credentials.refreshJwt as string;
  }, bskyId);
  expect(await readAccessJwt(page, bskyId)).toBeTruthy();

  await page.getByRole('button', { name: `Disconnect @${username}@`, exact: false }).click();
  await page.getByRole('button', { name: `Disconnect ${me.handle}` }).click();
  await expect(page.getByTestId('no-accounts')).toBeVisible();
  const token = mastodon.state.tokens.filter((t) => t.accountId === accountId).at(-1)!;
  expect(token.revoked).toBe(true);
  const agent = new AtpAgent({ service: pds.url });
  await expect(
    agent.com.atproto.server.refreshSession(undefined, { headers: { authorization: `Bearer ${refreshJwt}` } }),
  ).rejects.toThrow();
});
