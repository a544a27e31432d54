/**
 * Hostile x.com against the overlay and the compose page it frames. Each
 * test is X's own script (the page's main world, through page.evaluate)
 * attacking the built extension; each fails if the attack works:
 * - X frames Sortie's compose page itself (nearly invisible over its own
 *   button, or plainly) and gets a click: no post, no message to X;
 * - X races a forged hand-off into the overlay's frame: ignored, the user's
 *   real flow still posts and empties X's box, X hears nothing;
 * - X's script focuses its composer and fires synthetic events: Sortie adds
 *   nothing to X's page and cancels nothing;
 * - overlay option off: no hand-off secret, and the framed page refuses.
 * Worst case assumed: X knows the URL the extension frames (read here from
 * the content script's world) even though it is a per-session dynamic URL.
 */
import { AtpAgent } from '@atproto/api';
import type { Page } from '@playwright/test';
import { evaluateInContentScript } from '../support/isolated-world.ts';
import { expect, test, uniqueName } from '../support/servers.ts';
import { connectBluesky, connectMastodonWithToken } from '../support/ui.ts';
import { clickInOverlay, composeFrame, DIALOG, inOverlay, OFFER_BUTTON } from '../support/overlay-ui.ts';
import { HOSTILE_X_CSP, serveX } from '../support/x-page.ts';
import type { TestPds } from '../../servers/pds.ts';
import type { MastodonTestServer } from '../../servers/mastodon/types.ts';
import { answerWelcome } from '../support/welcome.ts';

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

interface Attack {
  /** Every message X's window or X's ports received. */
  messages: unknown[];
}

/** First-run choice "I still use X": x.com stays usable when mirror redirects are on. */
async function stillUseX(options: Page): Promise<void> {
  await answerWelcome(options, 'staying');
}

/** The URL the extension frames its composer from, as the content script sees it (X should not know it). */
function composeUrlOf(page: Page, extensionId: string): Promise<string> {
  return evaluateInContentScript<string>(page, extensionId, "chrome.runtime.getURL('/compose.html')");
}

/** X's script: listen on its window for anything Sortie says. */
async function xListens(page: Page): Promise<void> {
  await page.evaluate(() => {
    const attack = { messages: [] as unknown[] };
    (window as unknown as { __attack: Attack }).__attack = attack;
    window.addEventListener('message', (e) =>
      attack.messages.push({ via: 'window', data: String(JSON.stringify(e.data)) }),
    );
  });
}

async function xHeard(page: Page): Promise<unknown[]> {
  return page.evaluate(() => (window as unknown as { __attack: Attack }).__attack.messages);
}

/** X's script: a forged hand-off (X's image, a port X listens on, a made-up secret) posted to a frame. */
const FORGE = `
  async function forgeHandoff(target) {
    const canvas = new OffscreenCanvas(32, 32);
    const g = canvas.getContext('2d');
    g.fillStyle = '#e11';
    g.fillRect(0, 0, 32, 32);
    const image = await canvas.convertToBlob({ type: 'image/png' });
    const channel = new MessageChannel();
    channel.port1.onmessage = (e) => window.__attack.messages.push({ via: 'port', data: String(JSON.stringify(e.data)) });
    const bytes = crypto.getRandomValues(new Uint8Array(32));
    const ticket = btoa(String.fromCharCode(...bytes)).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
    target.postMessage({ sortie: 'handoff', images: [image], missingImages: 0, ticket }, '*', [channel.port2]);
  }
`;

async function connectBoth(
  openPage: (path: string) => Promise<{ page: Page }>,
  pds: TestPds,
  mastodon: MastodonTestServer,
): Promise<{ options: Page; did: string; mastodonId: string }> {
  const me = await pds.createUser(uniqueName('hx'));
  const username = uniqueName('hx');
  const { id: mastodonId, token } = mastodon.createAccount(username);
  const { page: options } = await openPage('options.html');
  await stillUseX(options);
  await connectBluesky(options, { identifier: me.handle, appPassword: me.appPassword, service: pds.url });
  await connectMastodonWithToken(options, { server: mastodon.url, token, username });
  return { options, did: me.did, mastodonId };
}

async function queuedJobs(options: Page): Promise<unknown[]> {
  const reply = await options.evaluate(() => chrome.runtime.sendMessage({ sortie: 1, name: 'outbox.list', body: {} }));
  return (reply as { value: unknown[] }).value;
}

for (const [how, opacity] of [
  ['nearly invisible over its own button', '0.0001'],
  ['plainly visible, without the secret', '1'],
] as const) {
  test(`X frames Sortie's compose page itself (${how}): a click posts nothing and X hears nothing`, async ({
    context,
    openPage,
    routeHost,
    allowHosts,
    extensionId,
    pds,
    mastodon,
  }) => {
    allowHosts('x.com');
    await serveX(routeHost, HOSTILE_X_CSP);
    const { options, did, mastodonId } = await connectBoth(openPage, pds, mastodon);

    const page = await context.newPage();
    await page.goto('https://x.com/home');
    const composeUrl = await composeUrlOf(page, extensionId);
    await xListens(page);
    // X frames the composer prefilled with its text, sends its own hand-off, and puts the frame on top.
    await page.evaluate(
      async ({ url, opacity, forge }) => {
        // eslint-disable-next-line no-eval
        (0, eval)(forge);
        const bait = document.createElement('button');
        bait.textContent = 'Claim your prize';
        bait.dataset.testid = 'bait';
        Object.assign(bait.style, { position: 'fixed', left: '0', top: '0', width: '600px', height: '700px' });
        document.body.append(bait);
        const frame = document.createElement('iframe');
        frame.id = 'x-trap';
        const src = new URL(url);
        src.searchParams.set('embed', '1');
        src.searchParams.set('text', 'X wrote this in your name');
        frame.src = src.toString();
        Object.assign(frame.style, {
          position: 'fixed',
          left: '0',
          top: '0',
          width: '600px',
          height: '700px',
          border: '0',
          opacity,
          zIndex: '2147483647',
        });
        document.body.append(frame);
        await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
        await (window as unknown as { forgeHandoff: (w: Window) => Promise<void> }).forgeHandoff(frame.contentWindow!);
      },
      { url: composeUrl, opacity, forge: `${FORGE}; window.forgeHandoff = forgeHandoff;` },
    );

    // The user clicks where X's frame has Sortie's Post button (if it shows one at all).
    const frame = page.frameLocator('#x-trap');
    await frame
      .getByRole('button', { name: /^Post( to \d+ accounts?)?$/ })
      .click({ timeout: 8_000 })
      .catch(() => undefined);
    await frame
      .getByLabel('What do you want to say?')
      .press('Control+Enter', { timeout: 2_000 })
      .catch(() => undefined);

    // Nothing queued, nothing on either server, nothing said to X.
    await page.waitForTimeout(2_000);
    expect(await queuedJobs(options)).toEqual([]);
    const agent = new AtpAgent({ service: pds.url });
    const { data } = await agent.com.atproto.repo.listRecords({ repo: did, collection: 'app.bsky.feed.post' });
    expect(data.records).toEqual([]);
    expect(mastodon.state.statuses.filter((s) => s.accountId === mastodonId)).toEqual([]);
    expect(await xHeard(page)).toEqual([]);
  });
}

test("X races a forged hand-off into the overlay's frame: ignored; the user's post goes out and empties X's box; X hears nothing", async ({
  context,
  openPage,
  routeHost,
  allowHosts,
  extensionId,
  pds,
  mastodon,
}) => {
  allowHosts('x.com');
  const createTweet = await serveX(routeHost, HOSTILE_X_CSP);
  const { did, mastodonId } = await connectBoth(openPage, pds, mastodon);

  const page = await context.newPage();
  await page.goto('https://x.com/home');
  await xListens(page);
  // X floods every frame of its page with forged hand-offs, from before the overlay's frame exists.
  await page.evaluate((forge) => {
    // eslint-disable-next-line no-eval
    (0, eval)(forge);
    const flood = (window as unknown as { forgeHandoff: (w: Window) => Promise<void> }).forgeHandoff;
    setInterval(() => {
      for (let i = 0; i < window.frames.length; i++) void flood(window.frames[i]!);
      // And through the overlay's shadow root, where X can reach it.
      for (const host of document.querySelectorAll('*')) {
        for (const f of host.shadowRoot?.querySelectorAll('iframe') ?? [])
          if (f.contentWindow) void flood(f.contentWindow);
      }
    }, 2);
  }, `${FORGE}; window.forgeHandoff = forgeHandoff;`);

  const text = 'Only what I typed, nothing from X';
  await page.locator('[data-testid="tweetTextarea_0"]').click();
  await page.keyboard.type(text);
  await clickInOverlay(page, extensionId, OFFER_BUTTON);
  await expect.poll(() => inOverlay(page, extensionId, DIALOG)).not.toBeNull();
  const frame = await composeFrame(page);
  await expect(frame.getByLabel('What do you want to say?')).toHaveValue(text);
  // Let the flood run against the open composer: X's image never joins the post.
  await page.waitForTimeout(1_500);
  await expect(frame.getByTestId('images').locator('li')).toHaveCount(0);
  await frame.getByRole('button', { name: /^Post( to \d+ accounts?)?$/ }).click();

  // Sortie's real flow: the overlay closes and X's box is emptied.
  await expect.poll(() => inOverlay(page, extensionId, DIALOG)).toBeNull();
  await expect(page.getByTestId('inline-composer')).toHaveAttribute('data-x-state', '');
  const agent = new AtpAgent({ service: pds.url });
  await expect
    .poll(
      async () =>
        (await agent.com.atproto.repo.listRecords({ repo: did, collection: 'app.bsky.feed.post' })).data.records.length,
      { timeout: 30_000 },
    )
    .toBe(1);
  const { data } = await agent.com.atproto.repo.listRecords({ repo: did, collection: 'app.bsky.feed.post' });
  const record = data.records[0]!.value as { text: string; embed?: unknown };
  expect(record.text).toBe(text);
  expect(record.embed).toBeUndefined();
  await expect
    .poll(() => mastodon.state.statuses.filter((s) => s.accountId === mastodonId).length, { timeout: 30_000 })
    .toBe(1);
  expect(mastodon.state.statuses.find((s) => s.accountId === mastodonId)!.mediaIds).toEqual([]);
  expect(await xHeard(page)).toEqual([]);
  expect(createTweet).toEqual([]);
});

test("X's script focuses its composer and fires synthetic events: no trace of Sortie, nothing cancelled", async ({
  openPage,
  context,
  routeHost,
  allowHosts,
  extensionId,
}) => {
  allowHosts('x.com');
  const createTweet = await serveX(routeHost, HOSTILE_X_CSP);
  const { page: options } = await openPage('options.html');
  await stillUseX(options);
  await options.getByRole('link', { name: 'Leaving X' }).click();
  await options.getByLabel("X's Post button sends to Sortie instead of X").check();
  await expect(options.getByLabel("X's Post button sends to Sortie instead of X")).toBeChecked();

  const page = await context.newPage();
  await page.goto('https://x.com/home');
  // The content script is running, with the option on (read from its own world).
  await expect
    .poll(() =>
      evaluateInContentScript<boolean>(
        page,
        extensionId,
        "chrome.storage.local.get('sortie.pageConfig').then((s) => s['sortie.pageConfig']?.xPostButtonToSortie === true)",
      ),
    )
    .toBe(true);
  await page.waitForTimeout(500);

  const seen = await page.evaluate(async () => {
    const timeline = document.querySelector('[data-testid="timeline"]')!;
    const ours = (): Element[] => [...document.querySelectorAll('*')].filter((el) => !timeline.contains(el));
    const before = new Set(ours());
    const trace = (): string[] =>
      ours()
        .filter((el) => !before.has(el) || el.localName.startsWith('sortie') || el.shadowRoot !== null)
        .map((el) => el.localName);
    const reached: Array<{ type: string; defaultPrevented: boolean }> = [];
    for (const type of ['click', 'keydown'])
      document.addEventListener(type, (e) => reached.push({ type, defaultPrevented: e.defaultPrevented }));
    const editor = document.querySelector<HTMLElement>('[data-testid="tweetTextarea_0"]')!;
    const fire = (el: Element, e: Event) => el.dispatchEvent(e);

    // X focuses its own composer, "types" and "clicks" in it by script.
    editor.focus();
    fire(editor, new FocusEvent('focusin', { bubbles: true }));
    for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'])
      fire(editor, new MouseEvent(type, { bubbles: true, cancelable: true, composed: true }));
    fire(editor, new KeyboardEvent('keydown', { key: 'a', bubbles: true, cancelable: true }));
    editor.textContent = 'X typed this';
    fire(editor, new InputEvent('input', { bubbles: true, inputType: 'insertText', data: 'X typed this' }));
    await new Promise((r) => setTimeout(r, 1_500));
    const afterFocus = trace();

    // X clicks its own Post button and presses Ctrl+Enter by script.
    const button = document.querySelector('[data-testid="tweetButtonInline"]')!;
    const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
    fire(button, click);
    const key = new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, cancelable: true });
    fire(editor, key);
    await new Promise((r) => setTimeout(r, 1_500));
    return { afterFocus, afterPost: trace(), clickPrevented: click.defaultPrevented, reached };
  });

  expect(seen.afterFocus).toEqual([]);
  expect(seen.afterPost).toEqual([]);
  expect(seen.clickPrevented).toBe(false);
  // Both events went on to X's own handlers (X's page decides about them, Sortie stays out).
  expect(seen.reached.map((r) => r.type)).toEqual(expect.arrayContaining(['click', 'keydown']));
  expect(seen.reached.find((r) => r.type === 'click')?.defaultPrevented).toBe(false);
  // X's own code posted (on X) what its script asked for.
  await expect.poll(() => createTweet.length).toBeGreaterThan(0);
});

test('overlay option off: the background issues no hand-off secret and the framed compose page refuses', async ({
  context,
  openPage,
  routeHost,
  allowHosts,
  extensionId,
}) => {
  allowHosts('x.com');
  await serveX(routeHost, HOSTILE_X_CSP);
  const { page: options } = await openPage('options.html');
  await stillUseX(options);
  const page = await context.newPage();
  await page.goto('https://x.com/home');
  const askTicket = "chrome.runtime.sendMessage({ sortie: 1, name: 'overlay.ticket' })";

  // Option on: the content script gets a secret for its tab (here: one X will somehow have).
  const issued = await evaluateInContentScript<{ ok: boolean; value?: { ticket: string } }>(
    page,
    extensionId,
    askTicket,
  );
  expect(issued.ok).toBe(true);
  const ticket = issued.value!.ticket;

  await options.evaluate(() =>
    chrome.runtime.sendMessage({ sortie: 1, name: 'settings.update', body: { xOverlay: false } }),
  );
  expect((await evaluateInContentScript<{ ok: boolean }>(page, extensionId, askTicket)).ok).toBe(false);

  const composeUrl = await evaluateInContentScript<string>(page, extensionId, "chrome.runtime.getURL('/compose.html')");
  await xListens(page);
  await page.evaluate(
    async ({ url, ticket }) => {
      const frame = document.createElement('iframe');
      frame.id = 'x-frame';
      frame.src = `${url}?embed=1&text=hello`;
      Object.assign(frame.style, { width: '600px', height: '700px', border: '0' });
      document.body.prepend(frame);
      await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      const channel = new MessageChannel();
      const attack = (window as unknown as { __attack: Attack }).__attack;
      channel.port1.onmessage = (e) => attack.messages.push({ via: 'port', data: String(JSON.stringify(e.data)) });
      frame.contentWindow!.postMessage({ sortie: 'handoff', images: [], missingImages: 0, ticket }, '*', [
        channel.port2,
      ]);
    },
    { url: composeUrl, ticket },
  );
  const frame = page.frameLocator('#x-frame');
  await expect(frame.getByRole('alert')).toContainText("Sortie's composer");
  await expect(frame.getByLabel('What do you want to say?')).toHaveCount(0);
  await expect(frame.getByRole('button', { name: /^Post( to \d+ accounts?)?$/ })).toHaveCount(0);
  expect(await xHeard(page)).toEqual([]);
});
