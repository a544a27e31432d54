/**
 * X links inside pages the user allows, in both browsers: the links page
 * script the background registers for granted sites (Firefox runs its own
 * build of it, through its own content-script wrappers) rewrites a page of
 * 10,000 links and a page that keeps adding them, unwraps t.co, turns an
 * embedded tweet into a plain card to the mirror and keeps X's embed script
 * from loading; with the option off, pages are left alone and the redirect
 * rules still take a click to the mirror.
 */
import { gzipSync } from 'node:zlib';
import { expect, test, type JourneyBrowser, type Tab } from '../support/journey.ts';
import type { TlsAnswer } from '../support/proxy.ts';
import { allowXPreconnects, sameTarget, serveMirrorsTo, serveXTo, xRequestsSeen } from '../support/links.ts';
import { answerWelcome, linksScriptRegistered, sortieMessage } from './steps.ts';

const MIRROR = 'nitter.net';
const BLOG = 'blog.example.org';

test.use({ grantAllSites: true });

/** X served (and watched), one healthy mirror pinned, the user leaving X, and the blog page served with `body`. */
async function blogWithMirror(
  journey: JourneyBrowser,
  allowHosts: (...h: string[]) => void,
  body: string | TlsAnswer,
  links: Record<string, unknown> = {},
): Promise<{ xHits: string[]; blog: Tab }> {
  if (journey.kind === 'chromium') allowXPreconnects(allowHosts);
  const xHits = await serveXTo(journey, '');
  await serveMirrorsTo(journey, allowHosts, { [MIRROR]: 'up' });
  allowHosts(BLOG);
  await journey.serveHttps(BLOG, () => (typeof body === 'string' ? { status: 200, type: 'text/html', body } : body));
  await answerWelcome(journey, 'leaving');
  const options = await journey.openPage('options.html');
  await sortieMessage(options, 'settings.update', { links: { pinnedMirror: MIRROR } });
  await linksScriptRegistered(journey);
  // An option changed after the script was in place, as a person changes it: its registration follows.
  if (links.rewriteInPages === false) {
    await sortieMessage(options, 'settings.update', { links });
    await linksScriptRegistered(journey, false);
  }
  const blog = await journey.newTab(`https://${BLOG}/`);
  return { xHits, blog };
}

const count = (selector: string) => `document.querySelectorAll(${JSON.stringify(selector)}).length`;
const href = (selector: string) => `document.querySelector(${JSON.stringify(selector)})?.getAttribute('href') ?? null`;

function bigPage(count: number): string {
  const links: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const href =
      i % 3 === 0
        ? `https://x.com/user${i}/status/${1000 + i}`
        : i % 3 === 1
          ? `https://twitter.com/user${i}`
          : `https://example.org/page/${i}`;
    links.push(`<li><a href="${href}">link ${i}</a></li>`);
  }
  return `<!doctype html><title>Big</title>
<p><a id="short" href="https://t.co/AbC123" data-expanded-url="https://example.org/real-article">example.org/real-article</a>
<a id="short-hidden" href="https://t.co/ZyX987">t.co/ZyX987</a></p>
<blockquote class="twitter-tweet"><p>Hello from X</p>&mdash; Jack (@jack) <a href="https://twitter.com/jack/status/20?ref_src=twsrc%5Etfw">March 21, 2006</a></blockquote>
<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>
<ul>${links.join('')}</ul>
<script>document.body.dataset.parsed = document.querySelector('a[href$="/user0/status/1000"]').getAttribute('href');</script>`;
}

const DYNAMIC_PAGE = `<!doctype html><title>Feed</title><ul id="feed"></ul>
<script>
let n = 0;
const timer = setInterval(() => {
  const feed = document.getElementById('feed');
  for (let k = 0; k < 25; k += 1, n += 1) {
    const li = document.createElement('li');
    li.innerHTML = '<a href="https://x.com/person' + n + '/status/' + (500 + n) + '">post ' + n + '</a>';
    feed.append(li);
  }
  if (n >= 500) { clearInterval(timer); document.body.dataset.done = 'yes'; }
}, 50);
</script>`;

test("a page of 10,000 links, its t.co links and its embedded tweet are rewritten; X's embed script never loads", async ({
  journey,
  allowHosts,
  recordingProxy,
}) => {
  const { xHits, blog } = await blogWithMirror(journey, allowHosts, bigPage(10_000));
  // Firefox rewrites the links in the page's bytes, before the page's own script reads them;
  // Chromium, which has no stream filter, after the page has loaded.
  await blog.waitFor(`document.body?.dataset.parsed !== undefined`);
  expect(await blog.evaluate('document.body.dataset.parsed')).toBe(
    journey.kind === 'firefox' ? `https://${MIRROR}/user0/status/1000` : 'https://x.com/user0/status/1000',
  );
  // 3,334 status links and 3,333 profiles, plus the card; the 3,333 other links are left alone.
  await blog.waitFor(`${count(`a[href^="https://${MIRROR}/"]:not(.sortie-x-card)`)} === 6_668`, 30_000);
  expect(await blog.evaluate(count('a[href^="https://example.org/page/"]'))).toBe(3_333);
  expect(await blog.evaluate(href('a[href$="/user0/status/1000"]'))).toBe(`https://${MIRROR}/user0/status/1000`);
  // t.co: unwrapped when the page shows where it goes, else through the mirror's resolver.
  expect(await blog.evaluate(href('#short'))).toBe('https://example.org/real-article');
  expect(await blog.evaluate(href('#short-hidden'))).toBe(`https://${MIRROR}/t.co/ZyX987`);
  // The embedded tweet is a plain card to the mirror, with its text.
  await blog.waitFor(`${count('a.sortie-x-card')} === 1`);
  expect(await blog.evaluate(href('a.sortie-x-card'))).toBe(`https://${MIRROR}/jack/status/20`);
  expect(await blog.evaluate<string>(`document.querySelector('a.sortie-x-card').textContent`)).toContain(
    'Hello from X',
  );
  expect(await blog.evaluate(count('blockquote.twitter-tweet'))).toBe(0);

  await blog.click(/Hello from X/);
  await expect.poll(() => blog.url(), { timeout: 15_000 }).toBe(`https://${MIRROR}/jack/status/20`);
  expect(xHits).toEqual([]);
  expect(xRequestsSeen(journey, recordingProxy)).toEqual([]);
});

test('a compressed page in windows-1252 keeps every byte, its X links rewritten', async ({
  journey,
  allowHosts,
  recordingProxy,
}) => {
  const page = `<!doctype html><meta charset="windows-1252"><title>Caf\xe9 \x80</title>
<p><a id="post" href="https://x.com/jack/status/20?lang=fr&amp;s=20">Caf\xe9</a> <a id="other" href="https://example.org/">e</a></p>
<script>document.body.dataset.parsed = document.getElementById('post').getAttribute('href');</script>`;
  const { xHits, blog } = await blogWithMirror(journey, allowHosts, {
    status: 200,
    type: 'text/html; charset=windows-1252',
    // Compressed where a real server's bytes reach the browser (Firefox's proxy); Playwright's
    // routes, which serve Chromium, hand the body over as it is, never decoded.
    ...(journey.kind === 'firefox'
      ? { headers: { 'content-encoding': 'gzip' }, body: gzipSync(Buffer.from(page, 'latin1')) }
      : { body: Buffer.from(page, 'latin1') }),
  });
  await blog.waitFor(`document.body?.dataset.parsed !== undefined`);
  // The mirror gets the post without X's tracking parameters.
  const target = `https://${MIRROR}/jack/status/20`;
  // Firefox: decompressed, then rewritten in the bytes before the page's script ran.
  expect(await blog.evaluate('document.body.dataset.parsed')).toBe(
    journey.kind === 'firefox' ? target : 'https://x.com/jack/status/20?lang=fr&s=20',
  );
  await blog.waitFor(`document.getElementById('post').getAttribute('href') === ${JSON.stringify(target)}`);
  expect(await blog.evaluate('document.title')).toBe('Café €');
  expect(await blog.evaluate(`document.getElementById('post').textContent`)).toBe('Café');
  expect(await blog.evaluate(`document.getElementById('other').getAttribute('href')`)).toBe('https://example.org/');
  expect(xHits).toEqual([]);
  expect(xRequestsSeen(journey, recordingProxy)).toEqual([]);
});

test('a page that keeps adding links has each batch rewritten', async ({ journey, allowHosts, recordingProxy }) => {
  const { xHits, blog } = await blogWithMirror(journey, allowHosts, DYNAMIC_PAGE);
  await blog.waitFor(`document.body.dataset.done === 'yes'`, 20_000);
  await blog.waitFor(`${count(`#feed a[href^="https://${MIRROR}/person"]`)} === 500`);
  expect(await blog.evaluate(count('#feed a[href^="https://x.com/"]'))).toBe(0);
  expect(xHits).toEqual([]);
  expect(xRequestsSeen(journey, recordingProxy)).toEqual([]);
});

test('with "rewrite links in pages" off, pages are left alone (the redirect rules still apply)', async ({
  journey,
  allowHosts,
  recordingProxy,
}) => {
  const { xHits, blog } = await blogWithMirror(journey, allowHosts, bigPage(30), { rewriteInPages: false });
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect(await blog.evaluate(count('a[href="https://x.com/user0/status/1000"]'))).toBe(1);
  await blog.click('link 0');
  await expect
    .poll(async () => sameTarget(await blog.url(), `https://${MIRROR}/user0/status/1000`), { timeout: 15_000 })
    .toBe(true);
  expect(xHits).toEqual([]);
  expect(xRequestsSeen(journey, recordingProxy)).toEqual([]);
});
