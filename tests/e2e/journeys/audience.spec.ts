/**
 * Who sees a post and who can answer it, in both browsers. Mastodon: every
 * visibility, a language, a poll and a thread, its quote policy on 4.5 and a
 * plain notice where a server cannot apply it. Bluesky: the presets become
 * threadgate and postgate records keyed like the post, and the queue view
 * changes them after posting. Read back from the servers.
 */
import { AtpAgent } from '@atproto/api';
import { startMastodonServer } from '../../servers/mastodon/index.ts';
import { allRecords } from '../support/pds-records.ts';
import { expect, test, type Tab } from '../support/journey.ts';
import { connectBlueskyAccount, connectMastodonWithToken, postAndWait, statusesOf } from './steps.ts';

/** The text of the first element with this test id whose text includes `within` (the whole page's first without). */
const shown = (tab: Tab, testId: string, within = '') =>
  tab.evaluate<string>(
    `[...document.querySelectorAll('[data-testid="preview-mastodon"], body')].find((e) => e.textContent.includes(${JSON.stringify(within)}))?.querySelector('[data-testid="${testId}"]')?.textContent ?? ''`,
  );

test('Mastodon: every visibility, a language, a poll with three choices, and a long text as a 3-part thread', async ({
  journey,
  mastodon,
}) => {
  const me = await connectMastodonWithToken(journey, mastodon, 'vis');
  const mine = () => statusesOf(mastodon, me.id);
  const compose = await journey.openPage('compose.html');

  await compose.click(/^Audience\b/);
  for (const visibility of ['unlisted', 'private', 'direct', 'public'] as const) {
    await compose.select('Mastodon visibility', visibility);
    await postAndWait(compose, `Visibilité ${visibility}`);
    expect(mine().at(-1)).toMatchObject({ text: `Visibilité ${visibility}`, visibility });
  }

  await compose.click(/^Language\b/);
  await compose.select('Language', 'fr');
  await compose.click(/^Poll\b/);
  await compose.check('Add a poll');
  await compose.fill('Choice 1', 'Samedi');
  await compose.fill('Choice 2', 'Dimanche');
  await compose.click('Add a choice');
  await compose.fill('Choice 3', 'Les deux');
  await compose.check('Allow several choices');
  await postAndWait(compose, 'Quel jour pour la prochaine marche ?');
  expect(mine().at(-1)).toMatchObject({
    language: 'fr',
    poll: { options: ['Samedi', 'Dimanche', 'Les deux'], multiple: true },
  });

  await compose.check('Add a poll', false);
  const sentence = 'Nous demandons des comptes, des actes et pas seulement des promesses pour le climat. ';
  await postAndWait(compose, sentence.repeat(15).trim());
  const thread = mine().slice(-3);
  expect(thread.map((s) => s.poll ?? null)).toEqual([null, null, null]);
  expect(thread[0]!.inReplyToId).toBeNull();
  expect(thread[1]!.inReplyToId).toBe(thread[0]!.id);
  expect(thread[2]!.inReplyToId).toBe(thread[1]!.id);
  // 4 visibilities + 1 poll + a 3-part thread, each once.
  expect(mine()).toHaveLength(8);
});

test('Mastodon: who can reply or quote, applied on 4.5, said plainly where a server cannot apply it', async ({
  journey,
  mastodon,
}) => {
  const old = await startMastodonServer({ version: '4.4.0' });
  try {
    const me = await connectMastodonWithToken(journey, mastodon, 'qp');
    const compose = await journey.openPage('compose.html');
    await compose.click(/^Audience\b/);
    await compose.click('Announcement — no replies');
    // Mastodon cannot close replies: the composer says so before posting.
    await expect.poll(() => shown(compose, 'notice-not-applied')).toContain('Mastodon cannot limit replies');
    await postAndWait(compose, 'Annonce officielle.');
    expect(statusesOf(mastodon, me.id).at(-1)).toMatchObject({ visibility: 'public', quoteApprovalPolicy: 'nobody' });

    await compose.select('Who can reply', 'followers');
    await expect.poll(() => shown(compose, 'notice-visibility')).toContain('Followers only');
    await postAndWait(compose, 'Pour mes abonné·es.');
    expect(statusesOf(mastodon, me.id).at(-1)).toMatchObject({ visibility: 'private' });

    // An older server: the quote rule cannot be applied there, and the composer says it plainly.
    const older = await connectMastodonWithToken(journey, old, 'old');
    const again = await journey.openPage('compose.html');
    // The composer starts from the accounts last used; the new one is added by hand.
    await again.check(`@${older.username}@`);
    await again.click(/^Audience\b/);
    await again.click('Public');
    await again.check('Allow quotes', false);
    await expect.poll(() => shown(again, 'notice-not-applied', older.username)).toContain('cannot restrict who quotes');
    await postAndWait(again, 'Sans citations, si possible.');
    expect(statusesOf(old, older.id).at(-1)).toMatchObject({ quoteApprovalPolicy: null });
    expect(statusesOf(mastodon, me.id).at(-1)).toMatchObject({ quoteApprovalPolicy: 'nobody' });
  } finally {
    await old.close();
  }
});

type Rec = { uri: string; value: Record<string, any> };
const rkey = (uri: string) => uri.split('/').pop();
const NO_QUOTES = { $type: 'app.bsky.feed.postgate#disableRule' };

test("Bluesky: the presets become threadgate and postgate records with the post's key, changed from the queue after posting", async ({
  journey,
  pds,
}) => {
  const me = await connectBlueskyAccount(journey, pds, 'gate');
  const agent = new AtpAgent({ service: pds.url });
  const records = (collection: string) => allRecords<Rec>(agent, me.did, collection);
  const compose = await journey.openPage('compose.html');
  await compose.click(/^Audience\b/);
  await compose.click('Announcement — no replies');
  await postAndWait(compose, 'Annonce : rassemblement annulé.');
  const [announce] = await records('app.bsky.feed.post');
  expect((await records('app.bsky.feed.threadgate')).map((g) => [rkey(g.uri), g.value])).toEqual([
    [rkey(announce!.uri), expect.objectContaining({ post: announce!.uri, allow: [] })],
  ]);

  expect((await records('app.bsky.feed.postgate')).map((g) => [rkey(g.uri), g.value])).toEqual([
    [rkey(announce!.uri), expect.objectContaining({ post: announce!.uri, embeddingRules: [NO_QUOTES] })],
  ]);

  // Later, from the queue: the announcement opened to everyone again, quotes allowed.
  await me.options.click('Publishing');
  await me.options.click(/^Who can reply or quote \(bluesky/);
  await me.options.select('Who can reply', 'everyone');
  await me.options.check('Allow quotes');
  await me.options.click('Apply');
  await expect.poll(async () => (await records('app.bsky.feed.threadgate')).length, { timeout: 15_000 }).toBe(0);
  await expect.poll(async () => (await records('app.bsky.feed.postgate')).length, { timeout: 15_000 }).toBe(0);

  await compose.click('Protected');
  await postAndWait(compose, 'Message protégé.');
  const guarded = (await records('app.bsky.feed.post')).find((p) => p.value.text.startsWith('Message'))!;
  const gates = await records('app.bsky.feed.threadgate');
  expect(gates.map((g) => rkey(g.uri))).toEqual([rkey(guarded.uri)]);
  expect(gates[0]!.value.allow).toEqual([{ $type: 'app.bsky.feed.threadgate#followingRule' }]);
  const postgates = await records('app.bsky.feed.postgate');
  expect(postgates.map((g) => [rkey(g.uri), g.value])).toEqual([
    [rkey(guarded.uri), expect.objectContaining({ post: guarded.uri, embeddingRules: [NO_QUOTES] })],
  ]);
});
