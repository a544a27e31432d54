/**
 * The toolbar popup, opened as a page (no automation can press the toolbar
 * button in either browser; the popup is the same page in a smaller window):
 * a post written there reaches Mastodon once, and at 380 px wide nothing
 * makes it scroll sideways.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { flatPng } from '../support/images.ts';
import { expect, test } from '../support/journey.ts';
import { ALL_SENT, connectBlueskyAccount, connectMastodonWithToken, statusesOf } from './steps.ts';

test('a post written in the toolbar popup goes to Mastodon, once', async ({ journey, mastodon }) => {
  const { id, username } = await connectMastodonWithToken(journey, mastodon, 'po');
  const popup = await journey.openPage('popup.html');
  // The popup lists the connected account as a target before anything is written.
  await popup.waitFor(`document.body.textContent.includes(${JSON.stringify(`@${username}@`)})`);
  const text = `Depuis la fenêtre de Sortie (${journey.kind}) ✉️`;
  await popup.fill('What do you want to say?', text);
  await popup.click('Post to 1 account');
  await popup.waitFor(ALL_SENT, 30_000);
  await expect.poll(() => statusesOf(mastodon, id).map((s) => s.text)).toEqual([text]);
});

/** Long enough for a thread on both networks, with a link, a mention and a tag. */
const THREAD =
  'On part ensemble samedi à 14 h, place de la République. Programme et trajet : https://exemple.org/marche #Climat avec @amis. ' +
  'Venez avec vos pancartes, vos voisin·es et de quoi boire. '.repeat(9);

test('the popup at 380 px: no sideways scroll, with a thread, a long link, an image and an option open', async ({
  journey,
  mastodon,
  pds,
}) => {
  await connectMastodonWithToken(journey, mastodon, 'nw');
  await connectBlueskyAccount(journey, pds, 'nw');
  const popup = await journey.openPage('popup.html');
  await popup.resize(380, 700);
  await popup.waitFor(`document.getElementById('text') !== null`);
  const image = test.info().outputPath('a.png');
  await mkdir(dirname(image), { recursive: true });
  await writeFile(image, await flatPng(800, 200, 90));
  await popup.fill(
    'What do you want to say?',
    `${THREAD} https://exemple.org/${'un-chemin-tres-long-sans-espace-'.repeat(6)}`,
  );
  await popup.upload('Add images (up to 4)', image);
  await popup.fill('Alt text for image 1', 'Une banderole');
  await popup.click(/^Audience\b/);
  await popup.waitFor(`document.querySelector('[data-testid="counter-bluesky"]')?.textContent.includes('posts')`);
  const widths = await popup.evaluate<{ scroll: number; client: number; inner: number }>(
    `({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth, inner: innerWidth })`,
  );
  expect(widths.inner).toBe(380);
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
});
