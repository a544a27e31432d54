/**
 * The user journeys that run in both browsers (see tests/e2e/support/journey.ts):
 * first run, connecting to a real PDS and the Mastodon test server, a thread with
 * images and their alt text to both, X links to a mirror, and "Share on X" to Sortie's composer. After each,
 * the privacy contract is checked: no request to a host the journey did not allow.
 */
import { AtpAgent } from '@atproto/api';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import sharp from 'sharp';
import { flatPng, hasExif, photoWithGps } from '../support/images.ts';
import { uniqueName } from '../support/servers.ts';
import { expect, test, type JourneyBrowser } from '../support/journey.ts';
import { MIRROR_HOSTS } from '../support/links.ts';
import {
  answerWelcome,
  connectBlueskyAccount,
  connectMastodonWithToken,
  linksScriptRegistered,
  postAndWait,
  signInToMastodon,
  statusesOf,
} from './steps.ts';

/**
 * What reached X: any request at all in Firefox; in Chromium, anything but a
 * bare tunnel (the proxy answers every tunnel with 502, so none carried a request).
 */
function contactsWithX(kind: 'chromium' | 'firefox', log: readonly { host: string; url: string }[]) {
  return log.filter((r) => r.host === 'x.com' && (kind === 'firefox' || !r.url.startsWith('https://x.com:443')));
}

/** A post record as the PDS gives it back, with what this file reads of it. */
interface BlueskyPost {
  text: string;
  reply?: { parent: { uri: string } };
  embed?: {
    images?: {
      alt: string;
      aspectRatio?: { width: number; height: number };
      /** A CID, decoded by the client. */
      image: { mimeType: string; ref: { toString(): string } };
    }[];
  };
}

const leaveX = (journey: JourneyBrowser) => answerWelcome(journey, 'leaving');

test("first run opens Sortie's own welcome page and nothing else", async ({ journey }) => {
  let urls: string[] = [];
  await expect
    .poll(async () => (urls = await journey.tabUrls()), { timeout: 15_000 })
    .toContainEqual(expect.stringMatching(new RegExp(`^${journey.extensionOrigin}/welcome\\.html$`)));
  // Only Sortie's page and the browser's own blank tab.
  expect(urls.filter((u) => !u.startsWith(journey.extensionOrigin) && u !== 'about:blank')).toEqual([]);
});

test('connect Bluesky and Mastodon, then a thread with two images and their alt text goes to both, each part once and in order', async ({
  journey,
  pds,
  mastodon,
}) => {
  const me = await connectBlueskyAccount(journey, pds, 'ff');
  const masto = await connectMastodonWithToken(journey, mastodon, 'ff');

  // Real files on disk, as the file chooser picks them: a photo carrying its GPS position, and a flat PNG.
  const photo = await photoWithGps(1);
  expect(hasExif(photo)).toBe(true);
  const photoSize = await sharp(photo).metadata();
  // In the test's own output folder, there until it ends: the page may read a picked file after the pick.
  const files = [test.info().outputPath('marche.jpg'), test.info().outputPath('banderole.png')];
  await mkdir(dirname(files[0]!), { recursive: true });
  await writeFile(files[0]!, photo);
  await writeFile(files[1]!, await flatPng(400, 300, 10));
  const alts = [`La marche, vue du pont (${journey.kind})`, 'Banderole : « Le climat, pas le profit »'];

  const compose = await journey.openPage('compose.html');
  await compose.upload('Add images (up to 4)', files);
  // Each field appears once its image is re-encoded and stored.
  for (const [i, alt] of alts.entries()) await compose.fill(`Alt text for image ${i + 1}`, alt);
  // Longer than Bluesky's 300 characters: a thread of two there, one post on Mastodon (500).
  const first = `Premier message depuis ${journey.kind} : ça part partout sauf sur X. `;
  const text = (first + "Les fils restent dans l'ordre. ").padEnd(420, '·');
  await compose.fill('What do you want to say?', text);
  await compose.click('Post to 2 accounts');
  await compose.waitFor(
    `(() => { const s = document.querySelector('[data-testid="post-status"]'); const li = s ? s.querySelectorAll('li') : []; return li.length > 0 && [...li].every((l) => l.dataset.state === 'sent'); })()`,
    45_000,
  );

  const agent = new AtpAgent({ service: pds.url });
  const { data } = await agent.com.atproto.repo.listRecords({
    repo: me.did,
    collection: 'app.bsky.feed.post',
    reverse: true,
  });
  const posts = data.records.map((r) => r.value as unknown as BlueskyPost);
  expect(posts.length).toBeGreaterThanOrEqual(2);
  expect(posts[0]!.text.startsWith(first.trim())).toBe(true);
  expect(posts[0]!.reply).toBeUndefined();
  // Each part answers the one before it: the thread reads in order.
  posts.slice(1).forEach((post, i) => expect(post.reply?.parent.uri).toBe(data.records[i]!.uri));
  // The images go with the first part, in the order picked, each with its alt text.
  const images = posts[0]!.embed?.images ?? [];
  expect(images.map((i) => i.alt)).toEqual(alts);
  expect(images.map((i) => i.image.mimeType)).toEqual(['image/jpeg', 'image/png']);
  expect(images[0]!.aspectRatio).toEqual({ width: photoSize.width, height: photoSize.height });
  expect(images[1]!.aspectRatio).toEqual({ width: 400, height: 300 });
  posts.slice(1).forEach((post) => expect(post.embed).toBeUndefined());
  const blob = await agent.com.atproto.sync.getBlob({ did: me.did, cid: images[0]!.image.ref.toString() });
  expect(hasExif(blob.data)).toBe(false);

  const statuses = mastodon.state.statuses.filter((s) => s.accountId === masto.id);
  expect(statuses).toHaveLength(1);
  expect(statuses[0]!.text).toContain(first.trim());
  const media = statuses[0]!.mediaIds.map((id) => mastodon.state.media.find((m) => m.id === id));
  expect(media.map((m) => m?.description)).toEqual(alts);
  expect(media.map((m) => m?.mimeType)).toEqual(['image/jpeg', 'image/png']);
  expect(hasExif(media[0]!.data)).toBe(false);
});

test('after "I\'m leaving X", an X link typed or opened goes to a mirror, never to X', async ({
  journey,
  recordingProxy,
  allowHosts,
}) => {
  allowHosts(...MIRROR_HOSTS);
  // Chromium may open a bare TCP connection (a tunnel with no request in it) to a typed host
  // before any rule applies; Firefox, with speculative connections off, opens none.
  if (journey.kind === 'chromium') allowHosts('x.com');
  await leaveX(journey);
  const tab = await journey.newTab();
  await tab.goto('https://x.com/jack/status/20');
  await expect
    .poll(() => recordingProxy.log.filter((r) => MIRROR_HOSTS.includes(r.host)).length, { timeout: 15_000 })
    .toBeGreaterThan(0);
  expect(contactsWithX(journey.kind, recordingProxy.log)).toEqual([]);
});

test('after "I\'m leaving X", "Share on X" opens Sortie\'s composer with the shared text, and X hears nothing', async ({
  journey,
  recordingProxy,
  allowHosts,
}) => {
  if (journey.kind === 'chromium') allowHosts('x.com'); // a bare preconnect, as above
  await leaveX(journey);
  const tab = await journey.newTab();
  await tab.goto('https://x.com/intent/post?text=Je%20quitte%20X&url=https%3A%2F%2Fexample.org%2Fa');
  await expect
    .poll(() => tab.url(), { timeout: 15_000 })
    .toMatch(new RegExp(`^${journey.extensionOrigin}/compose\\.html`));
  await tab.waitFor(`document.getElementById('text')?.value.includes('Je quitte X')`);
  expect(await tab.evaluate<string>(`document.getElementById('text').value`)).toContain('https://example.org/a');
  expect(contactsWithX(journey.kind, recordingProxy.log)).toEqual([]);
});

test("Mastodon sign-in through the browser's own sign-in window (OAuth with PKCE), the token never in a page, then a post the server stores exactly", async ({
  journey,
  mastodon,
  allowHosts,
}) => {
  const username = uniqueName('oa');
  mastodon.createAccount(username, 'correct horse');
  const options = await journey.openPage('options.html');
  await signInToMastodon(journey, allowHosts, options, { server: mastodon.url, username, password: 'correct horse' });
  const token = mastodon.state.tokens
    .filter((t) => mastodon.state.accounts.find((a) => a.id === t.accountId)?.username === username)
    .at(-1)!;
  expect(token.token).toBeTruthy();
  expect(await options.evaluate<string>('document.documentElement.outerHTML')).not.toContain(token.token);
  // PKCE, with the browser's own redirect address (Chromium's chromiumapp.org, Firefox's allizom.org).
  const app = mastodon.state.apps.at(-1)!;
  expect(app.redirectUris.join(' ')).toMatch(
    journey.kind === 'chromium'
      ? /^https:\/\/[a-p]{32}\.chromiumapp\.org\/mastodon/
      : /^https:\/\/[0-9a-f]{40}\.extensions\.allizom\.org\/mastodon/,
  );
  expect(mastodon.state.authCodes.at(-1)).toMatchObject({ codeChallengeMethod: 'S256', used: true });

  // The server stores exactly the post, once, with its idempotency key.
  const compose = await journey.openPage('compose.html');
  const text = `Bonjour 👋 https://example.org/${'x'.repeat(80)} @someone@piaille.fr`;
  allowHosts('example.org');
  await postAndWait(compose, text);
  const mine = statusesOf(mastodon, token.accountId!);
  expect(mine).toHaveLength(1);
  expect(mine[0]).toMatchObject({ text, visibility: 'public', sensitive: false });
  expect(mine[0]!.idempotencyKey).toBeTruthy();
});

test('a post waiting for a retry goes out once after the browser suspended the background', async ({
  journey,
  mastodon,
}) => {
  test.setTimeout(150_000);
  const masto = await connectMastodonWithToken(journey, mastodon, 'su');

  // The server fails the first attempt: the post waits for its retry when the background goes.
  mastodon.faults.nextStatuses.push('error503');
  const compose = await journey.openPage('compose.html');
  const text = `Suspendu puis envoyé (${journey.kind})`;
  await compose.fill('What do you want to say?', text);
  await compose.click('Post to 1 account');
  // This account's first attempt (the server is shared with the other journeys: count only its requests).
  const attempts = () =>
    mastodon.state.requestLog.filter(
      (r) =>
        r.method === 'POST' && r.path === '/api/v1/statuses' && r.headers['authorization'] === `Bearer ${masto.token}`,
    ).length;
  await expect.poll(attempts, { timeout: 20_000 }).toBeGreaterThan(0);
  await journey.suspendBackground();

  await expect
    .poll(() => mastodon.state.statuses.filter((s) => s.accountId === masto.id).length, {
      timeout: 120_000,
      intervals: [1_000],
    })
    .toBe(1);
  // And it stays once: nothing posts it a second time.
  await new Promise((r) => setTimeout(r, 3_000));
  expect(mastodon.state.statuses.filter((s) => s.accountId === masto.id && s.text === text)).toHaveLength(1);
});

test.describe('on a site the user granted', () => {
  test.use({ grantAllSites: true });

  test('X links inside the page are rewritten to the mirror, other links left alone', async ({
    journey,
    recordingProxy,
    allowHosts,
  }) => {
    allowHosts('blog.example.org');
    recordingProxy.serve('blog.example.org', () => ({
      status: 200,
      type: 'text/html',
      body: `<!doctype html><title>Blog</title><p><a id="post" href="https://x.com/jack/status/20">a post</a>
        <a id="profile" href="https://twitter.com/jack">a profile</a> <a id="other" href="https://example.org/a">elsewhere</a></p>`,
    }));
    // As a person would: the grant is given, then pages are read.
    await linksScriptRegistered(journey);
    const blog = await journey.newTab('http://blog.example.org/');
    await blog.waitFor(`!document.getElementById('post').href.startsWith('https://x.com/')`, 20_000);
    const hrefs = await blog.evaluate<string[]>(
      `['post', 'profile', 'other'].map((id) => document.getElementById(id).href)`,
    );
    const mirror = new URL(hrefs[0]!).hostname;
    expect(MIRROR_HOSTS).toContain(mirror);
    expect(hrefs).toEqual([`https://${mirror}/jack/status/20`, `https://${mirror}/jack`, 'https://example.org/a']);
    expect(contactsWithX(journey.kind, recordingProxy.log)).toEqual([]);
  });
});
