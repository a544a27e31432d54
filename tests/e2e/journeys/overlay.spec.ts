/**
 * The x.com overlay on a stand-in of X's page (tests/e2e/fixtures/x-home.html,
 * served on https://x.com under a CSP like X's), in both browsers: typing in
 * X's composer brings the offer, the offer frames Sortie's composer with the
 * text, and the post reaches Mastodon while X's post endpoint hears nothing.
 * How it is posted differs, on purpose: Chromium's framed composer posts once
 * IntersectionObserver v2 reports it visible; Firefox has no IOv2, so its
 * framed composer has no Post button and sends the user to Sortie's own tab.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '../support/journey.ts';
import { DIALOG, OFFER_BUTTON } from '../support/overlay-ui.ts';
import { X_CSP } from '../support/x-page.ts';
import { ALL_SENT, answerWelcome, connectMastodonWithToken, statusesOf } from './steps.ts';

const X_HOME = readFileSync(new URL('../fixtures/x-home.html', import.meta.url), 'utf8');
const OFFER = 'Post to Mastodon & Bluesky instead';
const DIALOG_NAME = 'Sortie: post to Mastodon & Bluesky';

test("X's composer brings the overlay; what was typed there goes to Mastodon through Sortie, X hears nothing", async ({
  journey,
  mastodon,
  allowHosts,
}) => {
  allowHosts('x.com');
  const createTweet: string[] = [];
  await journey.serveHttps('x.com', ({ path, body }) => {
    if (path.endsWith('/CreateTweet')) {
      createTweet.push(body);
      return { status: 200, type: 'application/json', body: '{"data":{"create_tweet":{}}}' };
    }
    if (path === '/home')
      return { status: 200, type: 'text/html', body: X_HOME, headers: { 'content-security-policy': X_CSP } };
    return { status: 404, type: 'text/plain', body: '' };
  });
  const { id } = await connectMastodonWithToken(journey, mastodon, 'xo');
  // First-run choice: x.com stays usable (otherwise X itself goes to a mirror).
  await answerWelcome(journey, 'staying');

  const x = await journey.newTab('https://x.com/home');
  await x.waitFor(`document.querySelector('[data-testid="tweetTextarea_0"]') !== null`);
  // Nothing is added to X's page before its composer is used.
  expect(await x.inOverlay(OFFER_BUTTON)).toBeNull();
  const text = `Je quitte X depuis ${journey.kind} 👋 #Sortie`;
  await x.typeInto('Post text', text);
  await expect.poll(async () => (await x.inOverlay(OFFER_BUTTON))?.text).toBe(OFFER);
  await x.clickInOverlay(OFFER_BUTTON);
  await expect.poll(async () => (await x.inOverlay(DIALOG))?.label).toBe(DIALOG_NAME);

  const framed = await x.overlayFrame();
  await framed.waitFor(`document.getElementById('text')?.value === ${JSON.stringify(text)}`);
  const buttons = () =>
    framed.evaluate<string[]>(`[...document.querySelectorAll('button')].map((b) => b.textContent.trim())`);

  if (journey.kind === 'chromium') {
    // As a user would: Post scrolled into sight and seen for a moment before the click (the
    // framed composer posts only once IOv2 has reported it visible for half a second).
    await framed.evaluate(`document.querySelector('button[type="submit"]').scrollIntoView({ block: 'center' })`);
    await new Promise((r) => setTimeout(r, 1_000));
    await framed.click('Post to 1 account');
    // Queued: the overlay closes.
    await expect.poll(() => x.inOverlay(DIALOG)).toBeNull();
  } else {
    // No IntersectionObserver v2: no Post here, the reason in words, and Sortie's own tab offered.
    expect((await buttons()).filter((b) => b.startsWith('Post'))).toEqual([]);
    expect(await framed.evaluate<string>('document.body.textContent')).toContain(
      'This browser cannot tell whether something on x.com covers this composer',
    );
    await framed.click("Continue in Sortie's tab");
    const own = await journey.waitForTab(new RegExp(`^${journey.extensionOrigin}/compose\\.html\\?draft=`));
    await own.waitFor(`document.getElementById('text')?.value === ${JSON.stringify(text)}`);
    await own.click('Post to 1 account');
    await own.waitFor(ALL_SENT, 30_000);
  }

  await expect.poll(() => statusesOf(mastodon, id).length, { timeout: 30_000 }).toBe(1);
  expect(statusesOf(mastodon, id)[0]!.text).toBe(text);
  // X never heard of it: its endpoint saw nothing and its page posted nothing.
  expect(createTweet).toEqual([]);
  expect(await x.evaluate<string[]>('window.__x.posted')).toEqual([]);
});
