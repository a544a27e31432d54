/**
 * Mastodon-API servers that are not Mastodon, through Sortie's own pages:
 * the test server in its Hollo, GoToSocial and Akkoma profiles.
 */
import type { Page } from '@playwright/test';
import { startMastodonServer, type MastodonServerOptions, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { expect, test, uniqueName } from './support/servers.ts';
import { connectMastodon, openComposerOption, postFromComposer } from './support/ui.ts';

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<any> } };

const servers: MastodonTestServer[] = [];
async function serve(opts: MastodonServerOptions): Promise<MastodonTestServer> {
  const server = await startMastodonServer(opts);
  servers.push(server);
  return server;
}
test.afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function scheduleAt(page: Page, at: Date): Promise<void> {
  await openComposerOption(page, 'Send later');
  const pad = (n: number) => String(n).padStart(2, '0');
  await page
    .getByLabel('Send at')
    .fill(
      `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`,
    );
}

test('a server that ignores scheduled_at (Hollo, not recognised): the user is told it was published now, with the status link', async ({
  context,
  openPage,
}) => {
  // No nodeinfo: '0.4.4' alone cannot say it is Hollo, so Sortie asks the server to schedule and reads the answer.
  const hollo = await serve({ profile: 'hollo', nodeinfo: null });
  const username = uniqueName('h');
  hollo.createAccount(username, 'pw');
  const options = await openPage('options.html');
  await connectMastodon(context, options.page, { server: hollo.url, username, password: 'pw' });

  const { page } = await openPage('compose.html');
  const later = new Date(Date.now() + 30 * 60_000);
  await scheduleAt(page, later);
  await page.getByLabel('What do you want to say?').fill('Rendez-vous plus tard');
  await page.getByRole('button', { name: 'Schedule' }).click();
  const status = page.getByTestId('post-status');
  await expect(status.locator('li[data-state="sent"]')).toHaveCount(1, { timeout: 30_000 });
  // The server published it at once: it says so, and links to the status, not to the server's home.
  expect(hollo.state.statuses.map((s) => s.text)).toEqual(['Rendez-vous plus tard']);
  await expect(status.getByTestId('post-notice')).toHaveText(/does not schedule posts: it published this one now/);
  const href = await status.getByRole('link', { name: 'View' }).getAttribute('href');
  expect(href).toContain(`/@${username}/${hollo.state.statuses[0]!.id}`);
});

test('a server known not to schedule (Hollo with nodeinfo): Sortie keeps the post and does not publish it early', async ({
  context,
  openPage,
}) => {
  const hollo = await serve({ profile: 'hollo' });
  const username = uniqueName('h');
  hollo.createAccount(username, 'pw');
  const options = await openPage('options.html');
  await connectMastodon(context, options.page, { server: hollo.url, username, password: 'pw' });

  const { page } = await openPage('compose.html');
  await scheduleAt(page, new Date(Date.now() + 30 * 60_000));
  await page.getByLabel('What do you want to say?').fill('Pas avant l’heure');
  await page.getByRole('button', { name: 'Schedule' }).click();
  await options.page.reload();
  await options.page.getByRole('link', { name: 'Publishing' }).click();
  await expect(
    options.page.getByTestId('queue').locator('li[data-network="mastodon"][data-state="queued"]'),
  ).toHaveCount(1);
  expect(hollo.state.statuses).toHaveLength(0);
});

test("disconnect on a server without /oauth/revoke: the user is told Sortie's access still works there and given the page", async ({
  context,
  openPage,
}) => {
  const hollo = await serve({ profile: 'hollo' });
  const username = uniqueName('h');
  hollo.createAccount(username, 'pw');
  const { page } = await openPage('options.html');
  await connectMastodon(context, page, { server: hollo.url, username, password: 'pw' });
  await page.getByRole('button', { name: /^Disconnect / }).click();
  await expect(page.getByTestId('no-accounts')).toBeVisible();
  const outcome = page.getByTestId('disconnect-outcome');
  await expect(outcome).toHaveAttribute('data-reason', 'unsupported');
  await expect(outcome).toContainText("Sortie's access still works");
  await expect(outcome.getByRole('link')).toHaveAttribute('href', `${hollo.url}/`);
  // And it really still works: nothing was revoked on the server.
  expect(hollo.state.tokens.filter((t) => t.revoked)).toHaveLength(0);
});

for (const profile of ['gotosocial', 'akkoma'] as const) {
  test(`${profile}: connect through the UI, post, and the server's own limits are used`, async ({
    context,
    openPage,
  }) => {
    const server = await serve({ profile });
    const username = uniqueName(profile.slice(0, 3));
    server.createAccount(username, 'pw');
    const options = await openPage('options.html');
    await connectMastodon(context, options.page, { server: server.url, username, password: 'pw' });
    const accounts = (
      await options.page.evaluate(() => chrome.runtime.sendMessage({ sortie: 1, name: 'accounts.list' }))
    ).value as Array<{
      serverInfo: { limits: { maxCharacters: number; pollMaxOptions: number }; profile: { family: string } };
    }>;
    expect(accounts).toHaveLength(1);
    expect(accounts[0]!.serverInfo.profile.family).toBe(profile);
    expect(accounts[0]!.serverInfo.limits.maxCharacters).toBe(5_000);
    // Longer than Mastodon's 500 characters: one post on these servers, not a thread.
    const { page } = await openPage('compose.html');
    const text = `${profile} ${'long '.repeat(150)}`.trim();
    await postFromComposer(page, text);
    expect(server.state.statuses.map((s) => s.text)).toEqual([text]);
  });
}
