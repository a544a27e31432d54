/**
 * The toolbar popup, opened as a page (no automation can press the toolbar
 * button in either browser; the popup is the same page in a smaller window):
 * a post written there reaches Mastodon once.
 */
import { expect, test } from '../support/journey.ts';
import { ALL_SENT, connectMastodonWithToken, statusesOf } from './steps.ts';

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
