/**
 * Hostile pages against link cards and shared images. A page (or a link in a
 * post) names what Sortie fetches: it must not make the browser reach the
 * user's own machine or network, tell X who shares what, send the user's
 * cookies, or slip an SVG in as a card picture. Each test performs the
 * attack against the built extension and fails if it works.
 */
import { AtpAgent } from '@atproto/api';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { flatPng } from '../support/images.ts';
import type { RecordingProxy } from '../support/proxy.ts';
import { expect, test, uniqueName } from '../support/servers.ts';
import { connectBluesky, connectMastodonWithToken, postFromComposer } from '../support/ui.ts';

type Rec = { uri: string; value: Record<string, any> };

async function posts(pds: { url: string }, did: string): Promise<Rec[]> {
  const agent = new AtpAgent({ service: pds.url });
  const { data } = await agent.com.atproto.repo.listRecords({
    repo: did,
    collection: 'app.bsky.feed.post',
    limit: 100,
  });
  return data.records as unknown as Rec[];
}

/** The post whose text contains `needle`. */
async function postWith(pds: { url: string }, did: string, needle: string): Promise<Rec> {
  const found = (await posts(pds, did)).find((p) => String(p.value.text).includes(needle));
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

/** A hostile site, answered by the recording proxy; every request (with its headers) is logged there. */
function serveHostileSite(proxy: RecordingProxy, host: string, trap: string, png: Buffer, svg: string): void {
  proxy.serve(host, (path) => {
    const html = 'text/html; charset=utf-8';
    switch (path) {
      case '/loopback-image':
        return { status: 200, type: html, body: page('Loopback picture', `${trap}/secret.png`) };
      case '/octal-image':
        return {
          status: 200,
          type: html,
          body: page('Octal loopback picture', `${trap.replace('127.0.0.1', '0177.0.0.1')}/octal.png`),
        };
      case '/moved':
        return { status: 302, type: 'text/plain', body: '', headers: { location: `${trap}/moved-page` } };
      case '/to-plain':
        return { status: 302, type: 'text/plain', body: '', headers: { location: `http://${host}/plain` } };
      case '/hop-image':
        return { status: 200, type: html, body: page('Picture that redirects', `http://${host}/hop.png`) };
      case '/hop.png':
        return { status: 302, type: 'text/plain', body: '', headers: { location: `${trap}/hop-target.png` } };
      case '/svg-image':
        return { status: 200, type: html, body: page('SVG picture', `http://${host}/pic.svg`) };
      case '/pic.svg':
        return { status: 200, type: 'image/svg+xml', body: svg };
      case '/svg-as-png':
        return { status: 200, type: html, body: page('SVG claiming PNG', `http://${host}/fake.png`) };
      case '/fake.png':
        return { status: 200, type: 'image/png', body: svg };
      case '/plain':
        return { status: 200, type: html, body: page('Plain article', `http://${host}/ok.png`) };
      case '/ok.png':
        return { status: 200, type: 'image/png', body: png };
      default:
        return { status: 404, type: 'text/plain', body: 'not here' };
    }
  });
}

const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>';
const HOST = 'hostile.example.org';

test("a page whose picture or address points at the user's own machine: the loopback server hears nothing", async ({
  openPage,
  pds,
  recordingProxy,
  allowHosts,
}) => {
  const trap = await startLoopbackTrap();
  try {
    allowHosts(HOST);
    serveHostileSite(recordingProxy, HOST, trap.origin, await flatPng(60, 30, 10), SVG);
    const me = await pds.createUser(uniqueName('loop'));
    const options = await openPage('options.html');
    await connectBluesky(options.page, { identifier: me.handle, appPassword: me.appPassword, service: pds.url });
    const { page: compose } = await openPage('compose.html');
    for (const path of ['/loopback-image', '/octal-image', '/moved', '/hop-image', '/to-plain']) {
      await postFromComposer(compose, `Lien ${path} http://${HOST}${path}`);
    }
    // The pages themselves were read: the cards carry their titles, without a picture.
    const loopback = await postWith(pds, me.did, '/loopback-image');
    expect(loopback.value.embed?.external?.title).toBe('Loopback picture');
    expect(loopback.value.embed?.external?.thumb).toBeUndefined();
    expect((await postWith(pds, me.did, '/hop-image')).value.embed?.external?.thumb).toBeUndefined();
    expect((await postWith(pds, me.did, '/moved')).value.embed).toBeUndefined();
    expect(trap.hits).toEqual([]);
    // The known cost: Chromium hides a redirect's target from extension pages (an opaque redirect),
    // so even a redirect to a public page ends the card there rather than going on unchecked.
    expect((await postWith(pds, me.did, '/to-plain')).value.embed).toBeUndefined();
  } finally {
    await trap.close();
  }
});

test("an image shared with ?image= on the user's own machine is never fetched; its address goes in the text", async ({
  openPage,
  pds,
}) => {
  const trap = await startLoopbackTrap();
  try {
    const me = await pds.createUser(uniqueName('share'));
    const options = await openPage('options.html');
    await connectBluesky(options.page, { identifier: me.handle, appPassword: me.appPassword, service: pds.url });
    const secret = `${trap.origin}/router-admin.png`;
    const { page: compose } = await openPage(`compose.html?image=${encodeURIComponent(secret)}`);
    await expect(compose.getByLabel('What do you want to say?')).toHaveValue(
      new RegExp(secret.replace(/[.:/]/g, '\\$&')),
    );
    await compose.waitForTimeout(500);
    expect(trap.hits).toEqual([]);
  } finally {
    await trap.close();
  }
});

test('a link to X gets no card: no request reaches any X host', async ({ openPage, pds, recordingProxy }) => {
  const me = await pds.createUser(uniqueName('xcard'));
  const options = await openPage('options.html');
  await connectBluesky(options.page, { identifier: me.handle, appPassword: me.appPassword, service: pds.url });
  const { page: compose } = await openPage('compose.html');
  await postFromComposer(compose, 'Regardez https://x.com/jack/status/20');
  await postFromComposer(compose, 'Et ça http://t.co/abc123');
  expect((await postWith(pds, me.did, 'x.com/jack')).value.embed).toBeUndefined();
  const xHosts = /(^|\.)(x\.com|twitter\.com|t\.co|twimg\.com)$/;
  expect(recordingProxy.log.filter((r) => xHosts.test(r.host)).map((r) => r.url)).toEqual([]);
  // The fixture also fails the test for any request to a host it did not allow (mirrors included).
});

test('an SVG picture, as itself or claiming to be a PNG, is never uploaded as a card thumb', async ({
  openPage,
  pds,
  recordingProxy,
  allowHosts,
}) => {
  const trap = await startLoopbackTrap();
  try {
    allowHosts(HOST);
    serveHostileSite(recordingProxy, HOST, trap.origin, await flatPng(60, 30, 10), SVG);
    const me = await pds.createUser(uniqueName('svg'));
    const options = await openPage('options.html');
    await connectBluesky(options.page, { identifier: me.handle, appPassword: me.appPassword, service: pds.url });
    const { page: compose } = await openPage('compose.html');
    await postFromComposer(compose, `SVG http://${HOST}/svg-image`);
    await postFromComposer(compose, `Faux PNG http://${HOST}/svg-as-png`);
    await postFromComposer(compose, `Vrai PNG http://${HOST}/plain`);
    const svg = await postWith(pds, me.did, '/svg-image');
    expect(svg.value.embed?.external?.title).toBe('SVG picture');
    expect(svg.value.embed?.external?.thumb).toBeUndefined();
    expect((await postWith(pds, me.did, '/svg-as-png')).value.embed?.external?.thumb).toBeUndefined();
    // A real PNG still makes a thumb: the rule refuses SVG, not pictures.
    expect((await postWith(pds, me.did, '/plain')).value.embed?.external?.thumb?.mimeType).toBe('image/png');
  } finally {
    await trap.close();
  }
});

test('the card fetch carries no cookie and no referrer, even when the browser holds a cookie for the site', async ({
  openPage,
  context,
  pds,
  recordingProxy,
  allowHosts,
}) => {
  allowHosts(HOST);
  serveHostileSite(recordingProxy, HOST, 'http://unused.example', await flatPng(60, 30, 10), SVG);
  await context.addCookies([
    { name: 'session', value: 'who-i-am', domain: HOST, path: '/', sameSite: 'None', secure: false },
  ]);
  const me = await pds.createUser(uniqueName('cookie'));
  const options = await openPage('options.html');
  await connectBluesky(options.page, { identifier: me.handle, appPassword: me.appPassword, service: pds.url });
  const { page: compose } = await openPage('compose.html');
  await postFromComposer(compose, `Article http://${HOST}/plain`);
  expect((await postWith(pds, me.did, '/plain')).value.embed?.external?.thumb?.mimeType).toBe('image/png');
  const seen = recordingProxy.log.filter((r) => r.host === HOST);
  expect(seen.map((r) => new URL(r.url).pathname)).toEqual(['/plain', '/ok.png']);
  for (const request of seen) {
    expect(request.headers?.['cookie'], `cookie on ${request.url}`).toBeUndefined();
    expect(request.headers?.['referer'], `referrer on ${request.url}`).toBeUndefined();
  }
});

test('a Mastodon server answering 200 MB: Sortie stops reading at 5 MB, says so, and the server sees the connection closed', async ({
  openPage,
  mastodon,
}) => {
  const username = uniqueName('huge');
  const { token } = mastodon.createAccount(username);
  const options = await openPage('options.html');
  await connectMastodonWithToken(options.page, { server: mastodon.url, token, username });
  mastodon.faults.hugeBodies.length = 0;
  // Twice: the retry (2 s later) meets it again, so the error stays on screen long enough to read.
  mastodon.faults.nextStatuses.push('hugeBody', 'hugeBody');
  const { page: compose } = await openPage('compose.html');
  await compose.getByLabel('What do you want to say?').fill('Une réponse sans fin');
  await compose.getByRole('button', { name: /^Post( to \d+ accounts?)?$/ }).click();
  await expect(compose.getByTestId('post-status').locator('li[data-state="retrying"]')).toContainText('far too large', {
    timeout: 30_000,
  });
  const [answer] = mastodon.faults.hugeBodies;
  expect(answer, 'the fault was served').toBeTruthy();
  await Promise.race([answer!.done, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  expect(answer!.clientClosed, 'the browser hung up before the end').toBe(true);
  // The cap plus what the operating system's socket buffers hold; nowhere near 200 MB.
  expect(answer!.bytes).toBeLessThan(40_000_000);
  // Nothing was stored by the fault: the retry after it posts once.
  await expect(compose.getByTestId('post-status').locator('li[data-state="sent"]')).toHaveCount(1, { timeout: 30_000 });
});
