/**
 * Connecting accounts, and what the user is told when it goes wrong, in both
 * browsers (each browser words its own network errors; Sortie's must not
 * depend on them): a wrong app password, a main password typed as one, a
 * server that does not speak the Mastodon API, a Mastodon server typed as a
 * Bluesky one, a token the server revoked ("reconnect needed", said in the
 * composer and the options), and Reconnect signing in again in place.
 */
import { AtpAgent } from '@atproto/api';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { uniqueName } from '../support/servers.ts';
import { expect, test, type Tab } from '../support/journey.ts';
import {
  ALL_SENT,
  accountsText,
  authorizeAfter,
  connectBlueskyAccount,
  signInToMastodon,
  statusesOf,
} from './steps.ts';

const TEXT = 'What do you want to say?';

/** The text of the alert in the form holding this text, once there is one. */
async function alertIn(tab: Tab, formText: string): Promise<string> {
  const read = `(() => {
    const form = [...document.querySelectorAll('form')].find((f) => f.textContent.includes(${JSON.stringify(formText)}));
    return form?.querySelector('[role="alert"]')?.textContent.trim() || null;
  })()`;
  await tab.waitFor(read);
  return tab.evaluate<string>(read);
}

const fieldValue = (label: string) =>
  `[...document.querySelectorAll('input')].find((i) => [...(i.labels ?? [])].some((l) => l.textContent.includes(${JSON.stringify(label)})))?.value ?? null`;

test('clear errors: a wrong app password, a main password, a server that is not Mastodon, a Mastodon server typed as a PDS; the Bluesky form clears once connected', async ({
  journey,
  pds,
  mastodon,
}) => {
  const me = await pds.createUser(uniqueName('err'));
  const options = await journey.openPage('options.html');
  await options.fill('Handle or email', me.handle);
  await options.fill('App password', 'aaaa-bbbb-cccc-dddd');
  await options.clickText('Self-hosted account or other provider');
  await options.fill('Hosting provider (PDS) address', pds.url);
  await options.click('Connect Bluesky');
  expect(await alertIn(options, 'Connect Bluesky')).toBe('Wrong handle or app password.');
  await options.fill('App password', 'my main password');
  await options.waitFor(
    `document.getElementById('bsky-password-hint')?.textContent.includes('does not look like an app password')`,
  );

  // A Mastodon server typed as the PDS address is named as such, not as a refusal.
  await options.fill('App password', me.appPassword);
  await options.fill('Hosting provider (PDS) address', mastodon.url);
  await options.click('Connect Bluesky');
  await options.waitFor(`/is not a Bluesky server/.test(document.querySelector('[role="alert"]')?.textContent ?? '')`);
  expect(await alertIn(options, 'Connect Bluesky')).not.toContain('refused');
  // The "self-hosted" section is still open: only the address changes.
  await options.fill('Hosting provider (PDS) address', pds.url);
  await options.click('Connect Bluesky');
  await expect.poll(() => accountsText(options), { timeout: 20_000 }).toContain(me.handle);
  for (const label of ['Handle or email', 'App password', 'Hosting provider (PDS) address'])
    expect(await options.evaluate(fieldValue(label)), label).toBe('');

  const blog = createServer((_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>My blog</h1>'));
  await new Promise<void>((r) => blog.listen(0, '127.0.0.1', r));
  try {
    await options.fill('Your server', `http://127.0.0.1:${(blog.address() as AddressInfo).port}`);
    await options.click('Connect Mastodon');
    expect(await alertIn(options, 'Connect a Mastodon account')).toBe('This server does not speak the Mastodon API.');
  } finally {
    blog.close();
  }
});

test('a token the server revoked: the post fails saying to reconnect, the composer and the options say so, and Reconnect signs in again in place', async ({
  journey,
  mastodon,
  allowHosts,
}) => {
  const username = uniqueName('rc');
  const { id: accountId } = mastodon.createAccount(username, 'pw');
  const options = await journey.openPage('options.html');
  await signInToMastodon(journey, allowHosts, options, { server: mastodon.url, username, password: 'pw' });
  // Nothing typed stays in the form once connected.
  expect(await options.evaluate(fieldValue('Your server'))).toBe('');

  for (const t of mastodon.state.tokens.filter((t) => t.accountId === accountId)) t.revoked = true;
  const compose = await journey.openPage('compose.html');
  await compose.fill(TEXT, 'Encore là ?');
  await compose.click('Post to 1 account');
  await compose.waitFor(
    `document.querySelector('[data-testid="post-status"] li[data-state="failed"]')?.textContent.includes('reconnect the account')`,
    30_000,
  );
  // The open composer hears the account now needs reconnecting, and says so instead of a silent grey button.
  await compose.fill(TEXT, 'Et maintenant ?');
  await compose.waitFor(
    `document.querySelector('[data-testid="post-off"]')?.textContent.includes(${JSON.stringify(`Reconnect @${username}@`)})`,
  );
  const row = `[...document.querySelectorAll('[data-testid="accounts"] li')].find((li) => li.textContent.includes(${JSON.stringify(username)}))?.textContent ?? ''`;
  await options.goto(`${journey.extensionOrigin}/options.html`);
  await options.waitFor(`(${row}).includes('Reconnect needed')`);

  await authorizeAfter(
    journey,
    allowHosts,
    () => options.click(`Reconnect @${username}@${new URL(mastodon.url).host}`),
    { username, password: 'pw' },
  );
  await options.waitFor(`(${row}).includes('Connected')`, 20_000);
  expect(await options.evaluate<number>(`document.querySelectorAll('[data-testid="accounts"] li').length`)).toBe(1);

  await compose.fill(TEXT, 'De retour.');
  await compose.click('Post to 1 account');
  await compose.waitFor(ALL_SENT, 30_000);
  expect(statusesOf(mastodon, accountId).map((s) => s.text)).toEqual(['De retour.']);
});

/** A stored account's credentials, read from IndexedDB in one of Sortie's pages. */
const STORED_CREDENTIALS = `(async () => {
  const db = await new Promise((resolve, reject) => {
    const req = indexedDB.open('sortie');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const all = await new Promise((resolve, reject) => {
    const req = db.transaction('accounts').objectStore('accounts').getAll();
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  db.close();
  return all.map((a) => ({ network: a.network, credentials: a.credentials }));
})()`;

test('disconnecting revokes the Mastodon token and ends the Bluesky session on their servers', async ({
  journey,
  pds,
  mastodon,
  allowHosts,
}) => {
  const username = uniqueName('dc');
  const { id: accountId } = mastodon.createAccount(username, 'pw');
  const options = await journey.openPage('options.html');
  await signInToMastodon(journey, allowHosts, options, { server: mastodon.url, username, password: 'pw' });
  const me = await connectBlueskyAccount(journey, pds, 'dc');
  await options.goto(`${journey.extensionOrigin}/options.html`);
  await expect.poll(() => accountsText(options)).toContain(me.handle);
  const stored =
    await options.evaluate<{ network: string; credentials: { refreshJwt?: string; accessJwt?: string } }[]>(
      STORED_CREDENTIALS,
    );
  const bluesky = stored.find((a) => a.network === 'bluesky')!.credentials;
  expect(bluesky.accessJwt).toBeTruthy();
  const agent = new AtpAgent({ service: pds.url });
  // The session works before the disconnect (so its failure after means something).
  const before = await agent.com.atproto.server.getSession(undefined, {
    headers: { authorization: `Bearer ${bluesky.accessJwt}` },
  });
  expect(before.data.did).toBe(me.did);

  await options.click(new RegExp(`^Disconnect @${username}@`));
  await options.click(`Disconnect ${me.handle}`);
  await options.waitFor(`document.querySelector('[data-testid="no-accounts"]') !== null`);
  expect(mastodon.state.tokens.filter((t) => t.accountId === accountId).at(-1)!.revoked).toBe(true);
  await expect(
    agent.com.atproto.server.refreshSession(undefined, { headers: { authorization: `Bearer ${bluesky.refreshJwt}` } }),
  ).rejects.toThrow();
});
