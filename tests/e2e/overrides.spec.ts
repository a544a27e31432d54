import { AtpAgent } from '@atproto/api';
import { expect, test, uniqueName } from './support/servers.ts';
import { connectBluesky, connectMastodonWithToken, openComposerOption, postFromComposer } from './support/ui.ts';

test("per-network text, later Mastodon thread parts unlisted, and an account's default reply rule", async ({
  openPage,
  mastodon,
  pds,
}) => {
  const username = uniqueName('ov');
  const { id: accountId, token } = mastodon.createAccount(username);
  const me = await pds.createUser(uniqueName('ov'));
  const options = await openPage('options.html');
  await connectMastodonWithToken(options.page, { server: mastodon.url, token, username });
  await connectBluesky(options.page, { identifier: me.handle, appPassword: me.appPassword, service: pds.url });
  await options.page.getByRole('link', { name: 'Publishing' }).click();
  await options.page.getByLabel('Mastodon threads: first post public, the rest quiet public (unlisted)').check();
  await options.page.getByRole('link', { name: 'Accounts' }).click();

  const { page } = await openPage('compose.html');
  await openComposerOption(page, 'More');
  await page.getByLabel('Write a different text for Bluesky').check();
  await page.getByRole('textbox', { name: 'Text for Bluesky', exact: true }).fill('Version courte pour Bluesky 🦋');
  const sentence = 'Une phrase assez longue pour que Mastodon coupe le texte en plusieurs messages. ';
  await postFromComposer(page, sentence.repeat(8).trim());

  const statuses = mastodon.state.statuses.filter((s) => s.accountId === accountId);
  expect(statuses.length).toBeGreaterThan(1);
  expect(statuses.map((s) => s.visibility)).toEqual(['public', ...statuses.slice(1).map(() => 'unlisted')]);
  const agent = new AtpAgent({ service: pds.url });
  const { data } = await agent.com.atproto.repo.listRecords({ repo: me.did, collection: 'app.bsky.feed.post' });
  expect(data.records.map((r) => (r.value as { text: string }).text)).toEqual(['Version courte pour Bluesky 🦋']);

  // An account's default "who can reply" (set in the options) starts every new post from it.
  await options.page.reload();
  await options.page.getByLabel(`Who can reply by default to ${me.handle}`).selectOption('mentioned');
  await options.page
    .getByLabel(`Who can reply by default to @${username}@`, { exact: false })
    .selectOption('mentioned');
  await options.page.reload();
  await expect(options.page.getByLabel(`Who can reply by default to ${me.handle}`)).toHaveValue('mentioned');
  const fresh = await openPage('compose.html');
  await openComposerOption(fresh.page, 'Audience');
  await expect(fresh.page.getByLabel('Who can reply', { exact: true })).toHaveValue('mentioned');
});
