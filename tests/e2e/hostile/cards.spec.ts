/**
 * A link card's fetch must not carry the user's cookies or referrer, even
 * when the browser holds a cookie for the site (Chromium: Playwright sets it;
 * the other attacks on cards run in both browsers, tests/e2e/journeys/cards.spec.ts).
 */
import { AtpAgent } from '@atproto/api';
import { flatPng } from '../support/images.ts';
import type { RecordingProxy } from '../support/proxy.ts';
import { expect, test, uniqueName } from '../support/servers.ts';
import { connectBluesky, postFromComposer } from '../support/ui.ts';

type Rec = { uri: string; value: Record<string, any> };

/** The post whose text contains `needle`. */
async function postWith(pds: { url: string }, did: string, needle: string): Promise<Rec> {
  const agent = new AtpAgent({ service: pds.url });
  const { data } = await agent.com.atproto.repo.listRecords({
    repo: did,
    collection: 'app.bsky.feed.post',
    limit: 100,
  });
  const found = (data.records as unknown as Rec[]).find((p) => String(p.value.text).includes(needle));
  expect(found, `a post containing ${needle}`).toBeTruthy();
  return found!;
}

const HOST = 'hostile.example.org';

/** An article with a picture, answered by the recording proxy; every request (with its headers) is logged there. */
function serveArticle(proxy: RecordingProxy, png: Buffer): void {
  proxy.serve(HOST, (path) =>
    path === '/plain'
      ? {
          status: 200,
          type: 'text/html; charset=utf-8',
          body: `<!doctype html><html><head><meta property="og:title" content="Plain article"><meta property="og:image" content="http://${HOST}/ok.png"></head><body>Article</body></html>`,
        }
      : path === '/ok.png'
        ? { status: 200, type: 'image/png', body: png }
        : { status: 404, type: 'text/plain', body: 'not here' },
  );
}

test('the card fetch carries no cookie and no referrer, even when the browser holds a cookie for the site', async ({
  openPage,
  context,
  pds,
  recordingProxy,
  allowHosts,
}) => {
  allowHosts(HOST);
  serveArticle(recordingProxy, await flatPng(60, 30, 10));
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
