import { AtpAgent } from '@atproto/api';
import { expect, test, uniqueName } from './support/servers.ts';
import { connectBluesky, postFromComposer } from './support/ui.ts';

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

test('connect with an app password and post rich text that Bluesky renders as its app would', async ({
  openPage,
  pds,
  allowHosts,
}) => {
  // The shared link's page is fetched for a link card: the one outside host the contract allows.
  allowHosts('example.org');
  const me = await pds.createUser(uniqueName('me'));
  const friend = await pds.createUser(uniqueName('fr'));
  const options = await openPage('options.html');
  await connectBluesky(options.page, { identifier: me.handle, appPassword: me.appPassword, service: pds.url });

  const compose = await openPage('compose.html');
  // A mention that matches no account is pointed out before posting.
  await compose.page.getByLabel('What do you want to say?').fill(`Salut @${friend.handle} et @personne-ici.test`);
  await expect(compose.page.getByTestId('unresolved-mentions')).toHaveText(/@personne-ici\.test/);
  await expect(compose.page.getByTestId('unresolved-mentions')).not.toContainText(friend.handle);
  // RichText links a handle in parentheses too: an unknown one there is pointed out as well.
  await compose.page.getByLabel('What do you want to say?').fill('Merci (@absent-ici.test)');
  await expect(compose.page.getByTestId('unresolved-mentions')).toHaveText(/@absent-ici\.test/);
  const text = `Été 🌍👩🏽‍🤝‍👩🏻 avec @${friend.handle} — lire https://example.org/a_(b) #Sortie ça marche`;
  await postFromComposer(compose.page, text);

  const agent = new AtpAgent({ service: pds.url });
  const { data } = await agent.com.atproto.repo.listRecords({ repo: me.did, collection: 'app.bsky.feed.post' });
  expect(data.records).toHaveLength(1);
  const record = data.records[0]!.value as {
    text: string;
    langs?: string[];
    facets?: Array<{ index: { byteStart: number; byteEnd: number }; features: Array<Record<string, string>> }>;
  };
  expect(record.text).toBe(text);
  const facet = (type: string) => record.facets?.find((f) => f.features[0]?.$type === type);
  const span = (needle: string) => ({
    byteStart: utf8(text.slice(0, text.indexOf(needle))),
    byteEnd: utf8(text.slice(0, text.indexOf(needle) + needle.length)),
  });
  expect(facet('app.bsky.richtext.facet#mention')).toMatchObject({
    index: span(`@${friend.handle}`),
    features: [{ did: friend.did }],
  });
  expect(facet('app.bsky.richtext.facet#link')).toMatchObject({
    index: span('https://example.org/a_(b)'),
    features: [{ uri: 'https://example.org/a_(b)' }],
  });
  expect(facet('app.bsky.richtext.facet#tag')).toMatchObject({ index: span('#Sortie'), features: [{ tag: 'Sortie' }] });
  expect(record.langs).toHaveLength(1);
  expect(compose.errors).toEqual([]);
});
