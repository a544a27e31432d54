/**
 * Hostile x.com against the overlay and the compose page it frames, in both
 * browsers. X's own script (the page's main world) attacks the built
 * extension; each test fails if the attack works:
 * - X floods every frame it can reach with forged hand-offs (its picture, a
 *   port it listens on, a made-up secret): the user's post goes out with
 *   only what the user typed, whether posted in the frame (Chromium) or in
 *   Sortie's own tab (Firefox, which has no IntersectionObserver v2 for the
 *   frame). In both browsers X's window lists no frame inside Sortie's closed
 *   shadow root, so the flood does not reach it: that is the first defence,
 *   and the test fails if it goes; the secret is the second (last test);
 * - X's script focuses its composer, "types" and clicks Post by script, with
 *   "X's Post button sends to Sortie" on: Sortie adds nothing to X's page and
 *   cancels nothing;
 * - the overlay turned off: the background issues no hand-off secret, and
 *   the compose page X frames itself with a secret it somehow holds refuses.
 * Worst case assumed: X knows the address the extension frames (read here
 * from the content script's world).
 */
import { expect, test, type Tab } from '../support/journey.ts';
import { DIALOG, OFFER_BUTTON } from '../support/overlay-ui.ts';
import { FORGE_HANDOFF, HOSTILE_X_CSP, serveXStandIn, X_LISTENS } from '../support/x-page.ts';
import { answerWelcome, connectMastodonWithToken, postThroughOverlay, statusesOf } from './steps.ts';

const xHeard = (x: Tab) => x.evaluate<unknown[]>('window.__attack.messages');

const pictures = `document.querySelectorAll('[data-testid="images"] li').length`;

test("X floods the overlay's frame with forged hand-offs: the user's post goes out with only what was typed; X hears nothing", async ({
  journey,
  mastodon,
  allowHosts,
}) => {
  allowHosts('x.com');
  const createTweet = await serveXStandIn(journey, HOSTILE_X_CSP);
  const { id } = await connectMastodonWithToken(journey, mastodon, 'hx');
  await answerWelcome(journey, 'staying');
  const x = await journey.newTab('https://x.com/home');
  await x.waitFor(`document.querySelector('[data-testid="tweetTextarea_0"]') !== null`);
  await x.evaluate(X_LISTENS);
  // X floods every frame of its page, from before the overlay's frame exists, and every frame
  // it can reach through an open shadow root.
  await x.evaluate(`(() => {
    ${FORGE_HANDOFF}
    setInterval(() => {
      for (let i = 0; i < window.frames.length; i++) void forgeHandoff(window.frames[i]);
      for (const host of document.querySelectorAll('*'))
        for (const f of host.shadowRoot?.querySelectorAll('iframe') ?? []) if (f.contentWindow) void forgeHandoff(f.contentWindow);
    }, 2);
    return true;
  })()`);

  const text = `Seulement ce que j'ai écrit (${journey.kind})`;
  await x.typeInto('Post text', text);
  await x.clickInOverlay(OFFER_BUTTON);
  await expect.poll(() => x.inOverlay(DIALOG)).not.toBeNull();
  const framed = await x.overlayFrame();
  await framed.waitFor(`document.getElementById('text')?.value === ${JSON.stringify(text)}`);
  // The flood runs against the open composer: X's picture never joins the post.
  await new Promise((r) => setTimeout(r, 1_500));
  expect(await framed.evaluate<number>(pictures)).toBe(0);

  await postThroughOverlay(journey, x, framed, {
    text,
    button: 'Post to 1 account',
    inOwnTab: async (own) => expect(await own.evaluate<number>(pictures)).toBe(0),
  });

  await expect.poll(() => statusesOf(mastodon, id).length, { timeout: 30_000 }).toBe(1);
  expect(statusesOf(mastodon, id)[0]).toMatchObject({ text, mediaIds: [] });
  expect(await xHeard(x)).toEqual([]);
  expect(createTweet).toEqual([]);
});

test("X's script focuses its composer, types and clicks Post, with X's Post button sent to Sortie: no trace of Sortie, nothing cancelled", async ({
  journey,
  allowHosts,
}) => {
  allowHosts('x.com');
  const createTweet = await serveXStandIn(journey, HOSTILE_X_CSP);
  await answerWelcome(journey, 'staying');
  const options = await journey.openPage('options.html');
  await options.click('Leaving X');
  await options.check("X's Post button sends to Sortie instead of X");
  const x = await journey.newTab('https://x.com/home');
  await x.waitFor(`document.querySelector('[data-testid="tweetTextarea_0"]') !== null`);
  // The content script is running, with the option on (read from its own world).
  await expect
    .poll(() =>
      x.asContentScript<boolean>(
        "chrome.storage.local.get('sortie.pageConfig').then((s) => s['sortie.pageConfig']?.xPostButtonToSortie === true)",
      ),
    )
    .toBe(true);
  await new Promise((r) => setTimeout(r, 500));

  const seen = await x.evaluate<{
    afterFocus: string[];
    afterPost: string[];
    clickPrevented: boolean;
    reached: { type: string; defaultPrevented: boolean }[];
  }>(`(async () => {
    const timeline = document.querySelector('[data-testid="timeline"]');
    const ours = () => [...document.querySelectorAll('*')].filter((el) => !timeline.contains(el));
    const before = new Set(ours());
    const trace = () => ours().filter((el) => !before.has(el) || el.localName.startsWith('sortie') || el.shadowRoot !== null).map((el) => el.localName);
    const reached = [];
    for (const type of ['click', 'keydown']) document.addEventListener(type, (e) => reached.push({ type, defaultPrevented: e.defaultPrevented }));
    const editor = document.querySelector('[data-testid="tweetTextarea_0"]');
    // X focuses its own composer, "types" and "clicks" in it by script.
    editor.focus();
    editor.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'])
      editor.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, composed: true }));
    editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true, cancelable: true }));
    editor.textContent = 'X typed this';
    editor.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: 'X typed this' }));
    await new Promise((r) => setTimeout(r, 1500));
    const afterFocus = trace();
    // X clicks its own Post button and presses Ctrl+Enter by script.
    const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
    document.querySelector('[data-testid="tweetButtonInline"]').dispatchEvent(click);
    editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, cancelable: true }));
    await new Promise((r) => setTimeout(r, 1500));
    return { afterFocus, afterPost: trace(), clickPrevented: click.defaultPrevented, reached };
  })()`);

  expect(seen.afterFocus).toEqual([]);
  expect(seen.afterPost).toEqual([]);
  expect(seen.clickPrevented).toBe(false);
  // Both events went on to X's own handlers (X's page decides about them, Sortie stays out).
  expect(seen.reached.map((r) => r.type)).toEqual(expect.arrayContaining(['click', 'keydown']));
  expect(seen.reached.find((r) => r.type === 'click')?.defaultPrevented).toBe(false);
  // X's own code posted (on X) what its script asked for.
  await expect.poll(() => createTweet.length).toBeGreaterThan(0);
});

test('the overlay turned off: no hand-off secret, and the compose page X frames itself refuses, even with a secret', async ({
  journey,
  allowHosts,
}) => {
  allowHosts('x.com');
  await serveXStandIn(journey, HOSTILE_X_CSP);
  await answerWelcome(journey, 'staying');
  const options = await journey.openPage('options.html');
  const x = await journey.newTab('https://x.com/home');
  await x.waitFor(`document.querySelector('[data-testid="tweetTextarea_0"]') !== null`);
  const askTicket = "chrome.runtime.sendMessage({ sortie: 1, name: 'overlay.ticket' })";

  // Option on: the content script gets a secret for its tab (here: one X will somehow have).
  const issued = await x.asContentScript<{ ok: boolean; value?: { ticket: string } }>(askTicket);
  expect(issued.ok).toBe(true);
  const ticket = issued.value!.ticket;

  await options.click('Leaving X');
  await options.check('On x.com, offer to post to Mastodon & Bluesky instead', false);
  await expect.poll(async () => (await x.asContentScript<{ ok: boolean }>(askTicket)).ok).toBe(false);

  const composeUrl = await x.asContentScript<string>("chrome.runtime.getURL('/compose.html')");
  await x.evaluate(X_LISTENS);
  await x.evaluate(`new Promise((resolve) => {
    const frame = document.createElement('iframe');
    frame.id = 'x-frame';
    frame.src = ${JSON.stringify(composeUrl)} + '?embed=1&text=hello';
    Object.assign(frame.style, { width: '600px', height: '700px', border: '0' });
    frame.addEventListener('load', () => {
      const channel = new MessageChannel();
      channel.port1.onmessage = (e) => window.__attack.messages.push({ via: 'port', data: String(JSON.stringify(e.data)) });
      frame.contentWindow.postMessage({ sortie: 'handoff', images: [], missingImages: 0, ticket: ${JSON.stringify(ticket)} }, '*', [channel.port2]);
      resolve(true);
    }, { once: true });
    document.body.prepend(frame);
  })`);
  const framed = await x.frame('#x-frame');
  await framed.waitFor(`document.querySelector('[role="alert"]')?.textContent.includes("Sortie's composer")`);
  expect(await framed.evaluate<boolean>(`document.getElementById('text') === null`)).toBe(true);
  expect(
    await framed.evaluate<number>(
      `[...document.querySelectorAll('button')].filter((b) => /^Post( to \\d+ accounts?)?$/.test(b.textContent.trim())).length`,
    ),
  ).toBe(0);
  expect(await xHeard(x)).toEqual([]);
});
