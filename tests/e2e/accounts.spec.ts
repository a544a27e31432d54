/** Disconnecting, in Chromium: the server-side revoke of each network (the errors and Reconnect are journeys: tests/e2e/journeys/accounts.spec.ts). */
import { AtpAgent } from '@atproto/api';
import { readAccessJwt } from './support/bulk.ts';
import { expect, test, uniqueName } from './support/servers.ts';
import { connectBluesky, connectMastodon } from './support/ui.ts';

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<any> } };

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
