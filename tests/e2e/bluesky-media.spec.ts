import { AtpAgent } from '@atproto/api';
import { flatPng, hasExif, photoWithGps } from './support/images.ts';
import { serveArticle } from './support/og-server.ts';
import { expect, test, uniqueName } from './support/servers.ts';
import { connectBluesky, openComposerOption, postFromComposer } from './support/ui.ts';

type Rec = { uri: string; value: Record<string, any> };

async function records(pds: { url: string }, did: string, collection: string): Promise<Rec[]> {
  const agent = new AtpAgent({ service: pds.url });
  const { data } = await agent.com.atproto.repo.listRecords({ repo: did, collection, limit: 100 });
  return data.records as unknown as Rec[];
}

test('four images with alt text (a 6 MB photo shrunk, its GPS position dropped), a content label and a language', async ({
  openPage,
  pds,
}) => {
  const me = await pds.createUser(uniqueName('img'));
  const options = await openPage('options.html');
  await connectBluesky(options.page, { identifier: me.handle, appPassword: me.appPassword, service: pds.url });
  const big = await photoWithGps(6);
  expect(big.length).toBeGreaterThan(5_000_000);
  expect(hasExif(big)).toBe(true);

  const { page, errors } = await openPage('compose.html');
  await page.getByLabel('Add images (up to 4)').setInputFiles([
    { name: 'big.jpg', mimeType: 'image/jpeg', buffer: big },
    { name: 'a.png', mimeType: 'image/png', buffer: await flatPng(400, 300, 10) },
    { name: 'b.png', mimeType: 'image/png', buffer: await flatPng(300, 600, 90) },
    { name: 'c.png', mimeType: 'image/png', buffer: await flatPng(500, 500, 170) },
  ]);
  for (let i = 1; i <= 4; i++)
    await page.getByLabel(`Alt text for image ${i}`).fill(`Description ${i} — manifestation`);
  await openComposerOption(page, 'Warning');
  await page.getByLabel('Bluesky content label').selectOption('graphic-media');
  await openComposerOption(page, 'Language');
  await page.getByLabel('Language', { exact: true }).selectOption('fr');
  await postFromComposer(page, 'Photos de la marche 📸');

  const [post] = await records(pds, me.did, 'app.bsky.feed.post');
  const images = post!.value.embed.images as Array<{
    alt: string;
    aspectRatio: { width: number; height: number };
    image: { size: number; ref: { $link: string } };
  }>;
  expect(images.map((i) => i.alt)).toEqual([1, 2, 3, 4].map((n) => `Description ${n} — manifestation`));
  expect(images[1]!.aspectRatio).toEqual({ width: 400, height: 300 });
  expect(images[2]!.aspectRatio).toEqual({ width: 300, height: 600 });
  expect(images[0]!.image.size).toBeLessThanOrEqual(2_000_000);
  const agent = new AtpAgent({ service: pds.url });
  const blob = await agent.com.atproto.sync.getBlob({
    did: me.did,
    cid: images[0]!.image.ref.$link ?? String(images[0]!.image.ref),
  });
  expect(hasExif(blob.data)).toBe(false);
  expect(post!.value.labels).toEqual({
    $type: 'com.atproto.label.defs#selfLabels',
    values: [{ val: 'graphic-media' }],
  });
  expect(post!.value.langs).toEqual(['fr']);
  expect(errors).toEqual([]);
});

test('a long text becomes a numbered 3-part thread, and a shared link gets a card from its OpenGraph tags', async ({
  openPage,
  pds,
  recordingProxy,
  allowHosts,
}) => {
  const me = await pds.createUser(uniqueName('thr'));
  // The shared page: the one outside host Sortie may contact here, for its card.
  allowHosts('news.example.org');
  const article = serveArticle(recordingProxy, 'news.example.org', await flatPng(120, 63, 40));
  {
    const options = await openPage('options.html');
    await connectBluesky(options.page, { identifier: me.handle, appPassword: me.appPassword, service: pds.url });
    const { page } = await openPage('compose.html');
    await openComposerOption(page, 'More');
    await page.getByLabel('Number thread posts (1/3)').check();
    const sentence = 'Nous marchons pour le climat et la justice sociale, ensemble et sans violence. ';
    await postFromComposer(page, sentence.repeat(9).trim());
    await postFromComposer(page, `À lire avant samedi : ${article.url}/article`);

    const posts = (await records(pds, me.did, 'app.bsky.feed.post')).sort((a, b) =>
      a.value.createdAt.localeCompare(b.value.createdAt),
    );
    const thread = posts.filter((p) => p.value.text.startsWith('Nous') || p.value.reply);
    expect(thread).toHaveLength(3);
    const [root, second, third] = thread;
    expect(thread.map((p) => p.value.text.slice(-4))).toEqual([' 1/3', ' 2/3', ' 3/3']);
    for (const p of thread) expect([...new Intl.Segmenter().segment(p.value.text)].length).toBeLessThanOrEqual(300);
    expect(second!.value.reply).toMatchObject({ root: { uri: root!.uri }, parent: { uri: root!.uri } });
    expect(third!.value.reply).toMatchObject({ root: { uri: root!.uri }, parent: { uri: second!.uri } });

    const card = posts.find((p) => p.value.embed?.$type === 'app.bsky.embed.external')!;
    expect(card.value.embed.external).toMatchObject({
      uri: `${article.url}/article`,
      title: 'Marche pour le climat & la justice',
      description: 'Rendez-vous samedi <b>14h</b>, place de la République.',
    });
    expect(card.value.embed.external.thumb.mimeType).toBe('image/png');
    expect(article.hits).toEqual(['/article', '/thumb.png']);
  }
});

test("who can reply and quote: presets become threadgate and postgate records with the post's key, editable after posting", async ({
  openPage,
  pds,
}) => {
  const me = await pds.createUser(uniqueName('gate'));
  const options = await openPage('options.html');
  await connectBluesky(options.page, { identifier: me.handle, appPassword: me.appPassword, service: pds.url });
  const { page } = await openPage('compose.html');
  await openComposerOption(page, 'Audience');
  await page.getByRole('button', { name: 'Announcement — no replies' }).click();
  await postFromComposer(page, 'Annonce : rassemblement annulé.');
  await openComposerOption(page, 'Audience');
  await page.getByRole('button', { name: 'Protected' }).click();
  await postFromComposer(page, 'Message protégé.');

  const posts = await records(pds, me.did, 'app.bsky.feed.post');
  const gates = await records(pds, me.did, 'app.bsky.feed.threadgate');
  const postgates = await records(pds, me.did, 'app.bsky.feed.postgate');
  const rkey = (uri: string) => uri.split('/').pop();
  const announce = posts.find((p) => p.value.text.startsWith('Annonce'))!;
  const guarded = posts.find((p) => p.value.text.startsWith('Message'))!;
  const gateOf = (post: Rec) => gates.find((g) => rkey(g.uri) === rkey(post.uri));
  expect(gateOf(announce)!.value).toMatchObject({ post: announce.uri, allow: [] });
  expect(gateOf(guarded)!.value.allow).toEqual([{ $type: 'app.bsky.feed.threadgate#followingRule' }]);
  for (const post of [announce, guarded]) {
    const pg = postgates.find((g) => rkey(g.uri) === rkey(post.uri))!;
    expect(pg.value).toMatchObject({
      post: post.uri,
      embeddingRules: [{ $type: 'app.bsky.feed.postgate#disableRule' }],
    });
  }

  // Later, from the queue: open the announcement to everyone again.
  await options.page.reload();
  await options.page.getByRole('link', { name: 'Publishing' }).click();
  const entry = options.page.getByTestId('queue').locator('article', { hasText: 'Annonce' });
  await entry.getByRole('button', { name: /^Who can reply or quote/ }).click();
  await entry.getByLabel('Who can reply', { exact: true }).selectOption('everyone');
  await entry.getByLabel('Allow quotes', { exact: true }).check();
  await entry.getByRole('button', { name: 'Apply' }).click();
  await expect.poll(async () => (await records(pds, me.did, 'app.bsky.feed.threadgate')).length).toBe(1);
  // The queue view applies both records in turn: read the postgate once it has been written too.
  await expect
    .poll(async () => (await records(pds, me.did, 'app.bsky.feed.postgate')).map((g) => rkey(g.uri)))
    .toEqual([rkey(guarded.uri)]);
});
