/**
 * Hostile pages against link cards and shared images, in both browsers (the
 * cards are fetched by the posting engine: Chromium's offscreen document,
 * a frame of Firefox's background page). A page, or a link in a post, names
 * what Sortie fetches: it must not make the browser reach the user's own
 * machine, tell X who shares what, or slip an SVG in as a card picture; a
 * server cannot make Sortie read 200 MB, and a site the user is signed in to
 * cannot learn who shares it. Each test fails if the attack works.
 */
import { AtpAgent } from '@atproto/api';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { flatPng } from '../support/images.ts';
import { serveArticle } from '../support/og-server.ts';
import type { RecordingProxy } from '../support/proxy.ts';
import { allRecords } from '../support/pds-records.ts';
import { expect, test } from '../support/journey.ts';
import { connectBlueskyAccount, connectMastodonWithToken, postAndWait } from './steps.ts';

type Post = {
  value: {
    text: string;
    embed?: { external?: { uri?: string; title?: string; description?: string; thumb?: { mimeType: string } } };
  };
};

async function postWith(pds: { url: string }, did: string, needle: string): Promise<Post> {
  const posts = await allRecords<Post>(new AtpAgent({ service: pds.url }), did, 'app.bsky.feed.post');
  const found = posts.find((p) => p.value.text.includes(needle));
  expect(found, `a post containing ${needle}`).toBeTruthy();
  return found!;
}

/** A server on the user's own machine (a router page, a local dev server, a NAS): it records every request. */
async function startLoopbackTrap(): Promise<{ origin: string; hits: string[]; close: () => Promise<void> }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(404, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' });
    res.end('secret');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function page(title: string, image?: string): string {
  const og = image ? `<meta property="og:image" content="${image}">` : '';
  return `<!doctype html><html><head><meta property="og:title" content="${title}">${og}</head><body>${title}</body></html>`;
}

const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>';
const HOST = 'hostile.example.org';

/**
 * A hostile site that lets any origin read it, as a CDN would, answered by the recording proxy
 * (which logs every request); its links are http://, as pasted.
 */
function serveHostileSite(proxy: RecordingProxy, trap: string, png: Buffer): void {
  const answer = (path: string) => {
    const html = 'text/html; charset=utf-8';
    const pages: Record<
      string,
      { status: number; type: string; body: string | Buffer; headers?: Record<string, string> }
    > = {
      '/loopback-image': { status: 200, type: html, body: page('Loopback picture', `${trap}/secret.png`) },
      '/octal-image': {
        status: 200,
        type: html,
        body: page('Octal loopback picture', `${trap.replace('127.0.0.1', '0177.0.0.1')}/octal.png`),
      },
      '/moved': { status: 302, type: 'text/plain', body: '', headers: { location: `${trap}/moved-page` } },
      '/hop-image': { status: 200, type: html, body: page('Picture that redirects', `http://${HOST}/hop.png`) },
      '/hop.png': { status: 302, type: 'text/plain', body: '', headers: { location: `${trap}/hop-target.png` } },
      '/svg-image': { status: 200, type: html, body: page('SVG picture', `http://${HOST}/pic.svg`) },
      '/pic.svg': { status: 200, type: 'image/svg+xml', body: SVG },
      '/svg-as-png': { status: 200, type: html, body: page('SVG claiming PNG', `http://${HOST}/fake.png`) },
      '/fake.png': { status: 200, type: 'image/png', body: SVG },
      '/plain': { status: 200, type: html, body: page('Plain article', `http://${HOST}/ok.png`) },
      '/ok.png': { status: 200, type: 'image/png', body: png },
    };
    const found = pages[path] ?? { status: 404, type: 'text/plain', body: 'not here' };
    return { ...found, headers: { 'access-control-allow-origin': '*', ...found.headers } };
  };
  proxy.serve(HOST, answer);
}

test("a page whose picture or address points at the user's own machine: the loopback server hears nothing; an SVG is never a card picture", async ({
  journey,
  pds,
  recordingProxy,
  allowHosts,
}) => {
  const trap = await startLoopbackTrap();
  try {
    allowHosts(HOST);
    serveHostileSite(recordingProxy, trap.origin, await flatPng(60, 30, 10));
    const me = await connectBlueskyAccount(journey, pds, 'loop');
    const compose = await journey.openPage('compose.html');
    for (const path of [
      '/loopback-image',
      '/octal-image',
      '/moved',
      '/hop-image',
      '/svg-image',
      '/svg-as-png',
      '/plain',
    ])
      await postAndWait(compose, `Lien ${path} http://${HOST}${path}`);
    // The pages themselves were read: the cards carry their titles, without a picture.
    const loopback = await postWith(pds, me.did, '/loopback-image');
    expect(loopback.value.embed?.external?.title).toBe('Loopback picture');
    expect(loopback.value.embed?.external?.thumb).toBeUndefined();
    expect((await postWith(pds, me.did, '/octal-image')).value.embed?.external?.thumb).toBeUndefined();
    expect((await postWith(pds, me.did, '/hop-image')).value.embed?.external?.thumb).toBeUndefined();
    expect((await postWith(pds, me.did, '/moved')).value.embed).toBeUndefined();
    expect(trap.hits).toEqual([]);
    const svg = await postWith(pds, me.did, '/svg-image');
    expect(svg.value.embed?.external?.title).toBe('SVG picture');
    expect(svg.value.embed?.external?.thumb).toBeUndefined();
    expect((await postWith(pds, me.did, '/svg-as-png')).value.embed?.external?.thumb).toBeUndefined();
    // A real PNG still makes a thumb: the rules refuse SVG and the user's machine, not pictures.
    expect((await postWith(pds, me.did, '/plain')).value.embed?.external?.thumb?.mimeType).toBe('image/png');
  } finally {
    await trap.close();
  }
});

test("an image shared with ?image= on the user's own machine is never fetched; its address goes in the text", async ({
  journey,
}) => {
  const trap = await startLoopbackTrap();
  try {
    const secret = `${trap.origin}/router-admin.png`;
    const compose = await journey.openPage(`compose.html?image=${encodeURIComponent(secret)}`);
    await compose.waitFor(`document.getElementById('text')?.value.includes(${JSON.stringify(secret)})`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(trap.hits).toEqual([]);
  } finally {
    await trap.close();
  }
});

test('the card fetch carries no cookie and no referrer, even when the browser holds a cookie for the site', async ({
  journey,
  pds,
  recordingProxy,
  allowHosts,
}) => {
  const SITE = 'signed-in.example.org';
  allowHosts(SITE);
  const png = await flatPng(60, 30, 10);
  const seen: { path: string; cookie?: string; referer?: string }[] = [];
  recordingProxy.serve(SITE, (path, headers) => {
    if (path === '/favicon.ico') return { status: 404, type: 'text/plain', body: '' };
    seen.push({
      path,
      cookie: headers['cookie'] as string | undefined,
      referer: headers['referer'] as string | undefined,
    });
    if (path === '/account')
      return {
        status: 200,
        type: 'text/html',
        body: '<!doctype html><title>My account</title><main>Signed in</main>',
        headers: { 'set-cookie': 'session=who-i-am; Path=/; Max-Age=3600' },
      };
    // The article and its picture let any origin read them, as a news site's do.
    const open = { 'access-control-allow-origin': '*' };
    if (path === '/ok.png') return { status: 200, type: 'image/png', body: png, headers: open };
    const body = page('Article for members', `http://${SITE}/ok.png`);
    return { status: 200, type: 'text/html; charset=utf-8', body, headers: open };
  });
  // The user is signed in to the site: the browser holds its cookie, and sends it back on the next visit.
  const site = await journey.newTab(`http://${SITE}/account`);
  await site.goto(`http://${SITE}/account`);
  expect(await site.evaluate<string>('document.cookie')).toBe('session=who-i-am');
  expect(seen.at(-1)?.cookie).toBe('session=who-i-am');

  const me = await connectBlueskyAccount(journey, pds, 'cookie');
  const compose = await journey.openPage('compose.html');
  seen.length = 0;
  await postAndWait(compose, `Article http://${SITE}/plain`);
  expect((await postWith(pds, me.did, '/plain')).value.embed?.external?.thumb?.mimeType).toBe('image/png');
  expect(seen.map((r) => r.path)).toEqual(['/plain', '/ok.png']);
  for (const request of seen) {
    expect(request.cookie, `cookie on ${request.path}`).toBeUndefined();
    expect(request.referer, `referrer on ${request.path}`).toBeUndefined();
  }
});

test('a shared link gets a card from its OpenGraph tags: entities decoded, markup kept as text, its picture as the thumb', async ({
  journey,
  pds,
  recordingProxy,
  allowHosts,
}) => {
  allowHosts('news.example.org');
  const article = serveArticle(recordingProxy, 'news.example.org', await flatPng(120, 63, 40));
  const me = await connectBlueskyAccount(journey, pds, 'og');
  const compose = await journey.openPage('compose.html');
  await postAndWait(compose, `À lire avant samedi : ${article.url}/article`);
  const card = await postWith(pds, me.did, '/article');
  expect(card.value.embed?.external).toMatchObject({
    uri: `${article.url}/article`,
    title: 'Marche pour le climat & la justice',
    description: 'Rendez-vous samedi <b>14h</b>, place de la République.',
  });
  expect(card.value.embed?.external?.thumb?.mimeType).toBe('image/png');
  expect(article.hits).toEqual(['/article', '/thumb.png']);
});

test('a link to X gets no card: no request reaches any X host', async ({ journey, pds, recordingProxy }) => {
  const me = await connectBlueskyAccount(journey, pds, 'xcard');
  const compose = await journey.openPage('compose.html');
  await postAndWait(compose, 'Regardez https://x.com/jack/status/20');
  await postAndWait(compose, 'Et ça http://t.co/abc123');
  expect((await postWith(pds, me.did, 'x.com/jack')).value.embed).toBeUndefined();
  expect((await postWith(pds, me.did, 't.co/abc123')).value.embed).toBeUndefined();
  const xHosts = /(^|\.)(x\.com|twitter\.com|t\.co|twimg\.com)$/;
  expect(recordingProxy.log.filter((r) => xHosts.test(r.host)).map((r) => r.url)).toEqual([]);
});

test('a Mastodon server answering 200 MB: Sortie stops reading at 5 MB, says so, and the server sees the connection closed', async ({
  journey,
  mastodon,
}) => {
  await connectMastodonWithToken(journey, mastodon, 'huge');
  mastodon.faults.hugeBodies.length = 0;
  // Twice: the retry (2 s later) meets it again, so the error stays on screen long enough to read.
  mastodon.faults.nextStatuses.push('hugeBody', 'hugeBody');
  const compose = await journey.openPage('compose.html');
  await compose.fill('What do you want to say?', 'Une réponse sans fin');
  await compose.click('Post to 1 account');
  await compose.waitFor(
    `document.querySelector('[data-testid="post-status"] li[data-state="retrying"]')?.textContent.includes('far too large')`,
    30_000,
  );
  const [answer] = mastodon.faults.hugeBodies;
  expect(answer, 'the fault was served').toBeTruthy();
  await Promise.race([answer!.done, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  expect(answer!.clientClosed, 'the browser hung up before the end').toBe(true);
  // The cap plus what the operating system's socket buffers hold; nowhere near 200 MB.
  expect(answer!.bytes).toBeLessThan(40_000_000);
  // Nothing was stored by the fault: the retry after it posts once.
  await compose.waitFor(
    `document.querySelectorAll('[data-testid="post-status"] li[data-state="sent"]').length === 1`,
    30_000,
  );
});
