/**
 * Mastodon-API servers that are not Mastodon, through Sortie's own pages, in
 * both browsers: the test server in its Hollo, GoToSocial and Akkoma profiles
 * (their version strings, limits and missing endpoints), each signed in with
 * OAuth as a user does. What the user is told must be what the server did.
 */
import {
  startMastodonServer,
  type MastodonServerOptions,
  type MastodonTestServer,
} from '../../servers/mastodon/index.ts';
import { uniqueName } from '../support/servers.ts';
import { expect, test, type JourneyBrowser, type Tab } from '../support/journey.ts';
import { ALL_SENT, accountsText, schedulePost, signInToMastodon } from './steps.ts';

const servers: MastodonTestServer[] = [];
test.afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close().catch(() => undefined)));
});

/** A server in this profile with a new account, signed in with OAuth on the options page. */
async function signedInOn(
  journey: JourneyBrowser,
  allowHosts: (...hosts: string[]) => void,
  opts: MastodonServerOptions,
  prefix: string,
): Promise<{ server: MastodonTestServer; username: string; options: Tab }> {
  const server = await startMastodonServer(opts);
  servers.push(server);
  const username = uniqueName(prefix);
  server.createAccount(username, 'pw');
  const options = await journey.openPage('options.html');
  await signInToMastodon(journey, allowHosts, options, { server: server.url, username, password: 'pw' });
  return { server, username, options };
}

const STATES = `[...document.querySelectorAll('[data-testid="post-status"] li')].map((li) => li.dataset.state)`;

test('a server that ignores scheduled_at (Hollo, not recognised): the user is told it was published now, with the status link', async ({
  journey,
  allowHosts,
}) => {
  // No nodeinfo: '0.4.4' alone cannot say it is Hollo, so Sortie asks the server to schedule and reads the answer.
  const { server: hollo, username } = await signedInOn(journey, allowHosts, { profile: 'hollo', nodeinfo: null }, 'h');
  const compose = await journey.openPage('compose.html');
  await schedulePost(compose, new Date(Date.now() + 30 * 60_000), 'Rendez-vous plus tard');
  await compose.waitFor(ALL_SENT, 30_000);
  // The server published it at once: it says so, and links to the status, not to the server's home.
  expect(hollo.state.statuses.map((s) => s.text)).toEqual(['Rendez-vous plus tard']);
  const told = await compose.evaluate<{ notice: string; view: string | null }>(`(() => {
    const status = document.querySelector('[data-testid="post-status"]');
    const view = [...status.querySelectorAll('a')].find((a) => a.textContent.trim().startsWith('View'));
    return { notice: status.querySelector('[data-testid="post-notice"]')?.textContent ?? '', view: view?.getAttribute('href') ?? null };
  })()`);
  expect(told.notice).toMatch(/does not schedule posts: it published this one now/);
  expect(told.view).toContain(`/@${username}/${hollo.state.statuses[0]!.id}`);
});

test('a server known not to schedule (Hollo with nodeinfo): Sortie keeps the post and does not publish it early', async ({
  journey,
  allowHosts,
}) => {
  const { server: hollo } = await signedInOn(journey, allowHosts, { profile: 'hollo' }, 'h');
  const compose = await journey.openPage('compose.html');
  await schedulePost(compose, new Date(Date.now() + 30 * 60_000), 'Pas avant l’heure');
  await compose.waitFor(`${STATES}.length > 0`);
  expect(await compose.evaluate<string[]>(STATES)).not.toContain('sent');

  const publishing = await journey.openPage('options.html');
  await publishing.click('Publishing');
  await publishing.waitFor(
    `document.querySelectorAll('[data-testid="queue"] li[data-network="mastodon"][data-state="queued"]').length === 1`,
  );
  expect(hollo.state.statuses).toHaveLength(0);
});

test("disconnect on a server without /oauth/revoke: the user is told Sortie's access still works there and given the page", async ({
  journey,
  allowHosts,
}) => {
  const { server: hollo, options } = await signedInOn(journey, allowHosts, { profile: 'hollo' }, 'h');
  await options.click(/^Disconnect /);
  await options.waitFor(`document.querySelector('[data-testid="no-accounts"]') !== null`);
  await options.waitFor(`document.querySelector('[data-testid="disconnect-outcome"]') !== null`);
  const outcome = await options.evaluate<{ reason: string; text: string; link: string | null }>(`(() => {
    const o = document.querySelector('[data-testid="disconnect-outcome"]');
    return { reason: o.dataset.reason, text: o.textContent, link: o.querySelector('a')?.getAttribute('href') ?? null };
  })()`);
  expect(outcome.reason).toBe('unsupported');
  expect(outcome.text).toContain("Sortie's access still works");
  expect(outcome.link).toBe(`${hollo.url}/`);
  // And it really still works: nothing was revoked on the server.
  expect(hollo.state.tokens.filter((t) => t.revoked)).toHaveLength(0);
});

for (const profile of ['gotosocial', 'akkoma'] as const) {
  test(`${profile}: sign in, post, and the server's own limits are used`, async ({ journey, allowHosts }) => {
    const { server, username, options } = await signedInOn(journey, allowHosts, { profile }, profile.slice(0, 3));
    expect(await accountsText(options)).toContain(`@${username}@`);
    const accounts = await options.evaluate<
      Array<{ serverInfo: { limits: { maxCharacters: number }; profile: { family: string } } }>
    >(
      `(globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ sortie: 1, name: 'accounts.list' }).then((r) => r.value)`,
    );
    expect(accounts).toHaveLength(1);
    expect(accounts[0]!.serverInfo.profile.family).toBe(profile);
    expect(accounts[0]!.serverInfo.limits.maxCharacters).toBe(5_000);
    // Longer than Mastodon's 500 characters: one post on these servers, not a thread.
    const compose = await journey.openPage('compose.html');
    const text = `${profile} ${'long '.repeat(150)}`.trim();
    await compose.fill('What do you want to say?', text);
    await compose.click('Post to 1 account');
    await compose.waitFor(ALL_SENT, 30_000);
    expect(server.state.statuses.map((s) => s.text)).toEqual([text]);
  });
}
