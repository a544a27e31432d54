/**
 * Attacks from tests/e2e/hostile/ that a page can make the same way in both
 * browsers, run through the journey fixture: a site probing for Sortie's
 * pages, X's own page scripts faking the user in its composer, a site sending
 * the browser to a share intent. Each fails if the attack works.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '../support/journey.ts';
import { OFFER_BUTTON } from '../support/overlay-ui.ts';
import { X_CSP } from '../support/x-page.ts';
import { answerWelcome, connectMastodonWithToken, statusesOf } from './steps.ts';

const X_HOME = readFileSync(new URL('../fixtures/x-home.html', import.meta.url), 'utf8');
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

test("no site can fetch or load any of Sortie's files to learn it is installed", async ({
  journey,
  recordingProxy,
  allowHosts,
}) => {
  allowHosts('news.example');
  recordingProxy.serve('news.example', () => ({
    status: 200,
    type: 'text/html',
    body: '<!doctype html><meta charset="utf-8"><title>News</title><p>News</p>',
  }));
  const site = await journey.newTab('http://news.example/');
  const answers = await site.evaluate<string[]>(
    `Promise.all(${JSON.stringify(PAGES)}.map((p) => fetch(${JSON.stringify(journey.extensionOrigin + '/')} + p).then((r) => p + ': answered ' + r.status, () => p + ': refused')))`,
  );
  expect(answers).toEqual(PAGES.map((p) => `${p}: refused`));
  // A script or an image from the extension: neither loads.
  const loads = await site.evaluate<string[]>(
    `Promise.all([['script', 'links.js'], ['img', 'icon/128.png']].map(([tag, path]) => new Promise((done) => {
      const el = document.createElement(tag);
      el.onload = () => done(path + ': loaded');
      el.onerror = () => done(path + ': refused');
      el.src = ${JSON.stringify(journey.extensionOrigin + '/')} + path;
      document.body.append(el);
    })))`,
  );
  expect(loads).toEqual(['links.js: refused', 'icon/128.png: refused']);
});

test("X's page scripts faking keys and clicks in its composer bring no overlay; the user's own keys do", async ({
  journey,
  allowHosts,
}) => {
  allowHosts('x.com');
  await journey.serveHttps('x.com', ({ path }) =>
    path === '/home'
      ? { status: 200, type: 'text/html', body: X_HOME, headers: { 'content-security-policy': X_CSP } }
      : { status: 404, type: 'text/plain', body: '' },
  );
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
