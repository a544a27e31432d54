/**
 * The composer's counts in both browsers. Both networks count grapheme
 * clusters (UAX #29), which Sortie gets from the browser's own
 * Intl.Segmenter: Firefox's and Chromium's must agree with the counts the
 * text rules give (lib/networks/<network>/text/count.ts, table-tested in
 * Node), on text where clusters are not code points: a ZWJ family, a flag,
 * a skin tone, a combining accent, Hangul jamo, Arabic, plus a link Mastodon
 * counts as 23 and a mention it counts without its server. Then the text is
 * posted as typed, and Bluesky's link facet spans the link's own UTF-8 bytes.
 */
import { AtpAgent } from '@atproto/api';
import { countBluesky } from '../../../lib/networks/bluesky/text/count.ts';
import { countMastodon } from '../../../lib/networks/mastodon/text/count.ts';
import { expect, test } from '../support/journey.ts';
import { uniqueName } from '../support/servers.ts';
import { ALL_SENT, connectBlueskyAccount, connectMastodonWithToken, statusesOf } from './steps.ts';

const TEXT =
  'Salut 👨‍👩‍👧‍👦 🇫🇷 👍🏽 e\u0301te\u0301 \u1100\u1161\u11a8 مرحبا بكم ' +
  'https://example.org/un/chemin/bien/plus/long/que/vingt-trois @ami@piaille.fr';

const counter = (network: string) => `document.querySelector('[data-testid="counter-${network}"]')?.textContent ?? ''`;

test('the composer counts a text of emoji sequences, combining marks, Hangul jamo, Arabic, a link and a mention as each network does, and posts it as typed', async ({
  journey,
  pds,
  mastodon,
  allowHosts,
  recordingProxy,
}) => {
  // The composer looks the link up for a card, and finds no page there.
  allowHosts('example.org');
  recordingProxy.serveTls('example.org', () => ({ status: 404, type: 'text/plain', body: '' }));
  const me = await connectBlueskyAccount(journey, pds, 'ct');
  const masto = await connectMastodonWithToken(journey, mastodon, 'ct');
  const bluesky = countBluesky(TEXT).graphemes;
  const mastodonCount = countMastodon(TEXT, '', { maxCharacters: 500, charactersReservedPerUrl: 23 }).used;
  // The rules' own counts: clusters, not code units or code points.
  expect([TEXT.length, [...TEXT].length, bluesky, mastodonCount]).toEqual([124, 116, 104, 56]);

  const compose = await journey.openPage('compose.html');
  await compose.fill('What do you want to say?', TEXT);
  expect(await compose.evaluate<string>(`document.getElementById('text').value`)).toBe(TEXT);
  await compose.waitFor(`(${counter('bluesky')}).startsWith('${bluesky} / 300')`);
  await compose.waitFor(`(${counter('mastodon')}).startsWith('${mastodonCount} / 500')`);

  // Posted as typed; on Bluesky the link is a facet whose UTF-8 byte range holds exactly the link.
  await compose.click('Post to 2 accounts');
  await compose.waitFor(ALL_SENT, 30_000);
  const agent = new AtpAgent({ service: pds.url });
  const { data } = await agent.com.atproto.repo.listRecords({ repo: me.did, collection: 'app.bsky.feed.post' });
  const post = data.records[0]!.value as {
    text: string;
    facets?: { index: { byteStart: number; byteEnd: number }; features: { $type: string; uri?: string }[] }[];
  };
  expect(post.text).toBe(TEXT);
  const link = (post.facets ?? []).find((f) => f.features.some((x) => x.$type === 'app.bsky.richtext.facet#link'));
  const url = 'https://example.org/un/chemin/bien/plus/long/que/vingt-trois';
  expect(link?.features[0]?.uri).toBe(url);
  const bytes = new TextEncoder().encode(post.text);
  expect(new TextDecoder().decode(bytes.slice(link!.index.byteStart, link!.index.byteEnd))).toBe(url);
  expect(statusesOf(mastodon, masto.id).map((s) => s.text)).toEqual([TEXT]);
});

test('with numbering on, a long text becomes a 3-part Bluesky thread marked 1/3 to 3/3, each part within 300 graphemes and replying in order', async ({
  journey,
  pds,
}) => {
  const me = await connectBlueskyAccount(journey, pds, 'num');
  const compose = await journey.openPage('compose.html');
  await compose.click(/^More\b/);
  await compose.check('Number thread posts (1/3)');
  const sentence = 'Nous marchons pour le climat et la justice sociale, ensemble et sans violence. ';
  await compose.fill('What do you want to say?', sentence.repeat(9).trim());
  await compose.click('Post to 1 account');
  await compose.waitFor(ALL_SENT, 30_000);

  type Part = {
    uri: string;
    value: { text: string; createdAt: string; reply?: { root: { uri: string }; parent: { uri: string } } };
  };
  const { data } = await new AtpAgent({ service: pds.url }).com.atproto.repo.listRecords({
    repo: me.did,
    collection: 'app.bsky.feed.post',
  });
  const thread = (data.records as unknown as Part[]).sort((a, b) => a.value.createdAt.localeCompare(b.value.createdAt));
  expect(thread.map((p) => p.value.text.slice(-4))).toEqual([' 1/3', ' 2/3', ' 3/3']);
  for (const p of thread) expect(countBluesky(p.value.text).graphemes).toBeLessThanOrEqual(300);
  const [root, second, third] = thread;
  expect(root!.value.reply).toBeUndefined();
  expect(second!.value.reply).toMatchObject({ root: { uri: root!.uri }, parent: { uri: root!.uri } });
  expect(third!.value.reply).toMatchObject({ root: { uri: root!.uri }, parent: { uri: second!.uri } });
});

test('Bluesky rich text as its app renders it: a mention of a real account, a link with parentheses and a tag become facets on their own bytes; unknown handles are pointed out first', async ({
  journey,
  pds,
  allowHosts,
  recordingProxy,
}) => {
  // The composer looks the link up for a card, and finds no page there.
  allowHosts('example.org');
  recordingProxy.serveTls('example.org', () => ({ status: 404, type: 'text/plain', body: '' }));
  const friend = await pds.createUser(uniqueName('fr'));
  const me = await connectBlueskyAccount(journey, pds, 'rt');
  const compose = await journey.openPage('compose.html');
  const unresolved = () =>
    compose.evaluate<string>(`document.querySelector('[data-testid="unresolved-mentions"]')?.textContent ?? ''`);
  // A mention that matches no account is pointed out before posting; a real one is not.
  await compose.fill('What do you want to say?', `Salut @${friend.handle} et @personne-ici.test`);
  await expect.poll(unresolved, { timeout: 15_000 }).toContain('@personne-ici.test');
  expect(await unresolved()).not.toContain(friend.handle);
  // A handle in parentheses is a mention too: an unknown one there is pointed out as well.
  await compose.fill('What do you want to say?', 'Merci (@absent-ici.test)');
  await expect.poll(unresolved, { timeout: 15_000 }).toContain('@absent-ici.test');

  const text = `Été 🌍👩🏽‍🤝‍👩🏻 avec @${friend.handle} — lire https://example.org/a_(b) #Sortie ça marche`;
  await compose.fill('What do you want to say?', text);
  await compose.click('Post to 1 account');
  await compose.waitFor(ALL_SENT, 30_000);

  type Facet = { index: { byteStart: number; byteEnd: number }; features: Record<string, string>[] };
  const { data } = await new AtpAgent({ service: pds.url }).com.atproto.repo.listRecords({
    repo: me.did,
    collection: 'app.bsky.feed.post',
  });
  expect(data.records).toHaveLength(1);
  const record = data.records[0]!.value as { text: string; langs?: string[]; facets?: Facet[] };
  expect(record.text).toBe(text);
  const utf8 = (t: string) => Buffer.byteLength(t, 'utf8');
  const span = (needle: string) => ({
    byteStart: utf8(text.slice(0, text.indexOf(needle))),
    byteEnd: utf8(text.slice(0, text.indexOf(needle) + needle.length)),
  });
  const facet = (type: string) => record.facets?.find((f) => f.features[0]?.$type === type);
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
});
