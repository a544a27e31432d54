/**
 * Adapting one post to each network, in both browsers: a different text for
 * Bluesky, later Mastodon thread parts unlisted (an option), and an account's
 * default "who can reply" starting every new post from it.
 */
import { AtpAgent } from '@atproto/api';
import { allRecords } from '../support/pds-records.ts';
import { expect, test } from '../support/journey.ts';
import { connectBlueskyAccount, connectMastodonWithToken, postAndWait, statusesOf } from './steps.ts';

const selectValue = (label: string) =>
  `[...document.querySelectorAll('select')].find((s) => [...s.labels].some((l) => l.textContent.replace(/\\s+/g, ' ').trim() === ${JSON.stringify(label)}))?.value ?? null`;

test("per-network text, later Mastodon thread parts unlisted, and an account's default reply rule", async ({
  journey,
  mastodon,
  pds,
}) => {
  const masto = await connectMastodonWithToken(journey, mastodon, 'ov');
  const me = await connectBlueskyAccount(journey, pds, 'ov');
  const options = me.options;
  await options.click('Publishing');
  await options.check('Mastodon threads: first post public, the rest quiet public (unlisted)');

  const compose = await journey.openPage('compose.html');
  await compose.click(/^More\b/);
  await compose.check('Write a different text for Bluesky');
  await compose.fill('Text for Bluesky', 'Version courte pour Bluesky 🦋');
  const sentence = 'Une phrase assez longue pour que Mastodon coupe le texte en plusieurs messages. ';
  await postAndWait(compose, sentence.repeat(8).trim());

  const statuses = statusesOf(mastodon, masto.id);
  expect(statuses.length).toBeGreaterThan(1);
  expect(statuses.map((s) => s.visibility)).toEqual(['public', ...statuses.slice(1).map(() => 'unlisted')]);
  const posts = await allRecords<{ value: { text: string } }>(
    new AtpAgent({ service: pds.url }),
    me.did,
    'app.bsky.feed.post',
  );
  expect(posts.map((r) => r.value.text)).toEqual(['Version courte pour Bluesky 🦋']);

  // An account's default "who can reply" (set in the options) starts every new post from it.
  const accounts = await journey.openPage('options.html');
  await accounts.select(`Who can reply by default to ${me.handle}`, 'mentioned');
  await accounts.select(`Who can reply by default to @${masto.username}@${new URL(mastodon.url).host}`, 'mentioned');
  await accounts.goto(`${journey.extensionOrigin}/options.html`);
  await accounts.waitFor(`(${selectValue(`Who can reply by default to ${me.handle}`)}) === 'mentioned'`);
  const fresh = await journey.openPage('compose.html');
  await fresh.click(/^Audience\b/);
  await fresh.waitFor(`(${selectValue('Who can reply')}) === 'mentioned'`);
});
