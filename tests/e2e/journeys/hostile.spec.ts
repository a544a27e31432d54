/**
 * Attacks from tests/e2e/hostile/ that a page can make the same way in both
 * browsers, run through the journey fixture: a site probing for Sortie's
 * pages (fetch, load, frame, link), a site framing the "no mirror works" page
 * to clickjack its "Open on X once", X's own page scripts faking the user in
 * its composer, a site sending the browser to a share intent or opening one
 * in a popup and reading the window it holds, Sortie's content script on X
 * (which X's page can steer) sending every privileged message, or calling the
 * posting engine as one of Sortie's pages in a tab (which a site can frame)
 * also tries. Each fails if the attack works.
 */
import { MESSAGES } from '../../../lib/messages.ts';
import { engineAttempt, ENGINE_ENVELOPES, expectRefused } from '../support/engine-probe.ts';
import { expect, test, type JourneyBrowser, type Tab } from '../support/journey.ts';
import { OFFER_BUTTON } from '../support/overlay-ui.ts';
import { serveXStandIn } from '../support/x-page.ts';
import { answerWelcome, connectMastodonWithToken, statusesOf } from './steps.ts';

/** Every page the extension has, and files any probe would try. */
const PAGES = [
  'compose.html',
  'fallback.html?url=https://x.com/jack',
  'popup.html',
  'options.html',
  'bridge.html',
  'engine.html',
  'manifest.json',
  'background.js',
  'links.js',
];

test("no site can fetch, load, frame or link to any of Sortie's files to learn it is installed", async ({
  journey,
  recordingProxy,
  allowHosts,
}) => {
  allowHosts('news.example');
  const base = `${journey.extensionOrigin}/`;
  recordingProxy.serve('news.example', () => ({
    status: 200,
    type: 'text/html',
    body: `<!doctype html><meta charset="utf-8"><title>News</title><p>News</p>
      <a id="link" href="${base}compose.html?text=Spam">compose</a>
      ${PAGES.map((p, i) => `<iframe id="f${i}" title="probe ${i}" src="${base}${p}"></iframe>`).join('\n')}`,
  }));
  const site = await journey.newTab('http://news.example/');
  const answers = await site.evaluate<string[]>(
    `Promise.all(${JSON.stringify(PAGES)}.map((p) => fetch(${JSON.stringify(base)} + p).then((r) => p + ': answered ' + r.status, () => p + ': refused')))`,
  );
  expect(answers).toEqual(PAGES.map((p) => `${p}: refused`));
  // A script or an image from the extension: neither loads.
  const loads = await site.evaluate<string[]>(
    `Promise.all([['script', 'links.js'], ['img', 'icon/128.png']].map(([tag, path]) => new Promise((done) => {
      const el = document.createElement(tag);
      el.onload = () => done(path + ': loaded');
      el.onerror = () => done(path + ': refused');
      el.src = ${JSON.stringify(base)} + path;
      document.body.append(el);
    })))`,
  );
  expect(loads).toEqual(['links.js: refused', 'icon/128.png: refused']);

  // Frames: none of them runs a Sortie page. A refused frame holds the browser's own page
  // (Chromium's error page, Firefox's about:blank): what any missing extension gives.
  await site.waitFor(`document.readyState === 'complete'`);
  for (const [i, path] of PAGES.entries()) {
    const frame = await site.frame(`#f${i}`);
    const inside = await frame.evaluate<{ url: string; app: boolean }>(
      `({ url: document.URL, app: document.getElementById('app') !== null })`,
    );
    expect(inside.url, path).not.toContain(journey.extensionOrigin);
    expect(inside.app, path).toBe(false);
  }

  // A link: the tab does not open Sortie's composer with the site's text.
  await site.click('compose');
  await new Promise((r) => setTimeout(r, 1_000));
  expect(
    await site.evaluate<boolean>(`document.getElementById('app') === null && document.getElementById('text') === null`),
  ).toBe(true);
});

test('a site that frames the fallback page gets nothing to click; framed by anything it offers no action, and synthetic clicks do nothing', async ({
  journey,
  recordingProxy,
  allowHosts,
}) => {
  allowHosts('news.example');
  const xHits: string[] = [];
  // Served, so that a click reaching X would be seen (and, not allowed, would also fail the test).
  await journey.serveHttps('x.com', ({ path }) => {
    xHits.push(path);
    return { status: 200, type: 'text/html', body: '<!doctype html><title>X</title>' };
  });
  const fallback = `${journey.extensionOrigin}/fallback.html?url=https://x.com/jack/status/20`;
  recordingProxy.serve('news.example', () => ({
    status: 200,
    type: 'text/html',
    body: `<!doctype html><meta charset="utf-8"><title>Win a prize</title><p>Click the big button!</p>
      <iframe title="trap" src="${fallback}" style="opacity:0.01;position:absolute;top:0;left:0;width:800px;height:600px"></iframe>`,
  }));
  const site = await journey.newTab('http://news.example/');
  await site.waitFor(`document.readyState === 'complete'`);
  // Nothing to click in the frame (Chromium's error page hides its own buttons).
  const trap = await site.frame('iframe[title="trap"]');
  const controls = await trap.evaluate<string[]>(
    `[...document.querySelectorAll('button, [role="button"], a[href], [role="link"]')].filter((e) => e.getClientRects().length > 0).map((e) => e.textContent)`,
  );
  expect(controls).toEqual([]);

  // Belt and braces: even where it can be framed (inside Sortie's own pages), the page refuses to act framed.
  const options = await journey.openPage('options.html');
  await options.evaluate(`(() => {
    const frame = document.createElement('iframe');
    frame.title = 'inner';
    frame.src = ${JSON.stringify(fallback)};
    document.body.append(frame);
    return true;
  })()`);
  const inner = await options.frame('iframe[title="inner"]');
  await inner.waitFor(`document.querySelector('[role="alert"]')?.getClientRects().length > 0`);
  expect(await inner.evaluate<number>(`document.querySelectorAll('button, [role="button"]').length`)).toBe(0);

  // "Open on X once" acts on the user's own click only, not on a script's.
  const own = await journey.newTab(fallback);
  const openOnX = `[...document.querySelectorAll('button')].find((b) => b.textContent.includes('Open on X once'))`;
  await own.waitFor(`${openOnX}?.getClientRects().length > 0`);
  await own.evaluate(`(${openOnX}).click(), true`);
  await new Promise((r) => setTimeout(r, 1_500));
  expect(await own.url()).toBe(fallback);
  expect(xHits).toEqual([]);
});

test("X's page scripts faking keys and clicks in its composer bring no overlay; the user's own keys do", async ({
  journey,
  allowHosts,
}) => {
  allowHosts('x.com');
  await serveXStandIn(journey);
  await answerWelcome(journey, 'staying');
  const x = await journey.newTab('https://x.com/home');
  await x.waitFor(`document.querySelector('[data-testid="tweetTextarea_0"]') !== null`);
  // What X's scripts can do: focus the box, put text in it, and dispatch every event a user would make.
  await x.evaluate(`(() => {
    const box = document.querySelector('[data-testid="tweetTextarea_0"]');
    box.focus();
    for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) box.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true }));
    for (const key of 'Fake') {
      box.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
      box.textContent += key;
      box.dispatchEvent(new InputEvent('input', { data: key, inputType: 'insertText', bubbles: true, composed: true }));
      box.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true, composed: true }));
    }
    return true;
  })()`);
  await new Promise((r) => setTimeout(r, 1_500));
  expect(await x.inOverlay(OFFER_BUTTON)).toBeNull();
  // The user's own keys in the same box: the offer comes (so the check above could fail).
  await x.typeInto('Post text', ' et moi');
  await expect.poll(async () => (await x.inOverlay(OFFER_BUTTON)) !== null, { timeout: 10_000 }).toBe(true);
});

test('a site sending the browser to a share intent opens the composer with its text, and nothing is posted by itself', async ({
  journey,
  mastodon,
  recordingProxy,
  allowHosts,
}) => {
  allowHosts('news.example');
  if (journey.kind === 'chromium') allowHosts('x.com'); // a bare preconnect (see core.spec.ts)
  const { id } = await connectMastodonWithToken(journey, mastodon, 'hi');
  await answerWelcome(journey, 'leaving');
  const intent = 'https://x.com/intent/post?text=' + encodeURIComponent('Spam du site hostile');
  recordingProxy.serve('news.example', () => ({
    status: 200,
    type: 'text/html',
    body: `<!doctype html><meta charset="utf-8"><title>Prize</title><script>location.href = ${JSON.stringify(intent)};</script>`,
  }));
  const site = await journey.newTab('http://news.example/');
  await expect
    .poll(() => site.url(), { timeout: 15_000 })
    .toMatch(new RegExp(`^${journey.extensionOrigin}/compose\\.html`));
  await site.waitFor(`document.getElementById('text')?.value.includes('Spam du site hostile')`);
  await new Promise((r) => setTimeout(r, 3_000));
  expect(statusesOf(mastodon, id)).toEqual([]);
  expect(
    recordingProxy.log.filter(
      (r) => r.host === 'x.com' && (journey.kind === 'firefox' || !r.url.startsWith('https://x.com:443')),
    ),
  ).toEqual([]);
});

test('a share intent from a link or a popup opens the composer, and the site that opened it cannot read where it went', async ({
  journey,
  recordingProxy,
  allowHosts,
}) => {
  allowHosts('news.example');
  if (journey.kind === 'chromium') allowHosts('x.com', 'twitter.com'); // bare preconnects (see core.spec.ts)
  await answerWelcome(journey, 'leaving');
  recordingProxy.serve('news.example', () => ({
    status: 200,
    type: 'text/html',
    body: `<!doctype html><meta charset="utf-8"><title>News</title>
      <a href="https://x.com/intent/post?text=From%20a%20link">Share on X</a>
      <button onclick="window.shared = window.open('https://twitter.com/share?text=In%20a%20popup', 'share', 'width=550,height=420')">Tweet</button>`,
  }));
  const composer = new RegExp(`^${journey.extensionOrigin}/compose\\.html\\?`);
  const site = await journey.newTab('http://news.example/');
  await site.click('Share on X');
  await expect.poll(() => site.url(), { timeout: 15_000 }).toMatch(composer);
  await site.waitFor(`document.getElementById('text')?.value === 'From a link'`);

  await site.goto('http://news.example/');
  await site.click('Tweet');
  const popup = await journey.waitForTab(composer);
  await popup.waitFor(`document.getElementById('text')?.value === 'In a popup'`);
  // The opener still holds the window, but learns nothing of the composer: not its address, not
  // its document, not even how many frames it has. Chromium refuses every read across origins.
  // Firefox loads an extension page in a new window of its own (it does so for every page of an
  // extension): the site's handle is left on the popup's first, empty document, which reads as
  // closed, and can read that emptiness, nothing of what came after.
  const seen = await site.evaluate<Record<string, string>>(`(() => {
    const w = window.shared;
    const read = (f) => { try { return String(f()); } catch { return 'refused'; } };
    return { closed: String(w.closed), href: read(() => w.location.href), title: read(() => w.document.title), frames: read(() => w.length) };
  })()`);
  expect(seen).toEqual(
    journey.kind === 'chromium'
      ? { closed: 'false', href: 'refused', title: 'refused', frames: '0' }
      : { closed: 'true', href: '', title: '', frames: '0' },
  );
  expect(
    recordingProxy.log.filter(
      (r) => ['x.com', 'twitter.com'].includes(r.host) && (journey.kind === 'firefox' || !r.url.startsWith('https://')),
    ),
  ).toEqual([]);
});

/** A plain page on x.com, Sortie's content script in it ("I still use X": x.com stays usable). */
async function xWithSortie(journey: JourneyBrowser, allowHosts: (...hosts: string[]) => void): Promise<Tab> {
  allowHosts('x.com');
  await journey.serveHttps('x.com', () => ({
    status: 200,
    type: 'text/html',
    body: '<!doctype html><html><head><title>X</title></head><body><main>Home</main></body></html>',
  }));
  await answerWelcome(journey, 'staying');
  return journey.newTab('https://x.com/home');
}

test("neither Sortie's content script on X's page nor a Sortie page in a tab can reach the posting engine's handlers", async ({
  journey,
  allowHosts,
}) => {
  const x = await xWithSortie(journey, allowHosts);
  const options = await journey.openPage('options.html');
  // The engine open and listening, as it is while the outbox drains.
  const engine = await journey.openPage('engine.html');
  await engine.waitFor(`document.readyState === 'complete'`);
  // The content script X's page could steer speaks with the extension's own API.
  expect(await x.asContentScript<string>(`typeof chrome.runtime.sendMessage`)).toBe('function');
  for (const envelope of ENGINE_ENVELOPES) {
    expectRefused(await x.asContentScript<unknown[]>(engineAttempt(envelope)), `content script: ${envelope.op}`);
    expectRefused(await options.evaluate<unknown[]>(engineAttempt(envelope)), `options tab: ${envelope.op}`);
  }
});

test("Sortie's content script on X's page gets its configuration, and every message meant for Sortie's own pages is refused", async ({
  journey,
  allowHosts,
}) => {
  const x = await xWithSortie(journey, allowHosts);
  // Nothing in X's own page tells it Sortie is there.
  expect(await x.evaluate<string | null>(`document.documentElement.getAttribute('data-sortie')`)).toBeNull();

  const privileged = Object.entries(MESSAGES)
    .filter(([, spec]) => spec.from !== 'any')
    .map(([name]) => name);
  expect(privileged).toEqual(expect.arrayContaining(['accounts.list', 'settings.update', 'outbox.enqueue']));
  const sendAll = (messages: { name: string; body?: unknown }[]) =>
    x.asContentScript<unknown[]>(
      `Promise.all(${JSON.stringify(messages)}.map(({ name, body }) =>
        chrome.runtime.sendMessage({ sortie: 1, name, body }).catch((e) => ({ thrown: String(e) }))))`,
    );
  // Sent as the content script X's page could steer: each refused by its name, before its body is read.
  const refused = await sendAll(privileged.map((name) => ({ name, body: { shareTakeover: true, xOverlay: false } })));
  expect(Object.fromEntries(privileged.map((name, i) => [name, refused[i]]))).toEqual(
    Object.fromEntries(
      privileged.map((name) => [name, { ok: false, error: { messageKey: 'error.forbiddenSender', detail: name } }]),
    ),
  );
  const [config, malformed, offPrototype] = await sendAll([
    { name: 'page.config' },
    { name: 'compose.open', body: { text: 42 } },
    { name: 'constructor' },
  ]);
  // What it may ask for, it gets; a malformed body and a name off Object's prototype are refused.
  expect(config).toMatchObject({ ok: true, value: { xOverlay: true } });
  expect(malformed).toMatchObject({ ok: false, error: { messageKey: 'error.invalidMessage' } });
  expect(offPrototype).toMatchObject({ ok: false, error: { messageKey: 'error.unknownMessage' } });
  // The settings the refused update named are untouched, as Sortie's own page reads them.
  const options = await journey.openPage('options.html');
  expect(
    await options.evaluate<unknown>(`chrome.runtime.sendMessage({ sortie: 1, name: 'settings.get' })`),
  ).toMatchObject({ ok: true, value: { shareTakeover: false, xOverlay: true } });
});
