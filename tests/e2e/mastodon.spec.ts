import { expect, test, uniqueName } from './support/servers.ts';
import { connectMastodon, postFromComposer } from './support/ui.ts';

test("connect through the server's own OAuth pages and post; the server stores exactly the post", async ({
  context,
  openPage,
  mastodon,
}) => {
  const username = uniqueName('ana');
  const { id: accountId } = mastodon.createAccount(username, 'correct horse');
  const options = await openPage('options.html');
  await connectMastodon(context, options.page, { server: mastodon.url, username, password: 'correct horse' });

  // PKCE was used with the browser's own redirect URL, and the token never reached the page.
  const app = mastodon.state.apps.at(-1)!;
  expect(app.redirectUris.join(' ')).toMatch(/^https:\/\/[a-p]{32}\.chromiumapp\.org\/mastodon/);
  expect(mastodon.state.authCodes.at(-1)).toMatchObject({ codeChallengeMethod: 'S256', used: true });
  const token = mastodon.state.tokens.filter((t) => t.accountId === accountId).at(-1)!.token;
  expect(await options.page.content()).not.toContain(token);

  const compose = await openPage('compose.html');
  const text = `Bonjour 👋 https://example.org/${'x'.repeat(80)} @someone@piaille.fr`;
  await postFromComposer(compose.page, text);
  const mine = mastodon.state.statuses.filter((s) => s.accountId === accountId);
  expect(mine).toHaveLength(1);
  expect(mine[0]).toMatchObject({ text, visibility: 'public', sensitive: false });
  expect(mine[0]!.idempotencyKey).toBeTruthy();
  expect(compose.errors).toEqual([]);
});
