/**
 * Sites whose pages Sortie reads for link cards, as each browser asks for
 * them. Their links are http://, as pasted: Firefox's extension pages upgrade
 * such requests to https:// (its default Manifest V3 policy,
 * upgrade-insecure-requests), Chromium's send them as they are, to the
 * recording proxy (its offscreen document's requests are not Playwright's to
 * route).
 */
import type { JourneyBrowser } from './journey.ts';
import type { RecordingProxy, TlsAnswer } from './proxy.ts';

/** Serves `host` where the browser's card fetch for an http:// link asks; returns the scheme it is on. */
export async function serveWhereCardsAsk(
  journey: JourneyBrowser,
  proxy: RecordingProxy,
  host: string,
  answer: (path: string, headers: Record<string, string | string[] | undefined>) => TlsAnswer,
): Promise<'http' | 'https'> {
  if (journey.kind === 'chromium') {
    proxy.serve(host, answer);
    return 'http';
  }
  await journey.serveHttps(host, ({ path, headers }) => answer(path, headers));
  return 'https';
}

/**
 * A page someone shares, with OpenGraph tags and a picture. It lets any origin
 * read it, as a CDN would; without that the extension needs the page's origin
 * granted, which a headless test cannot click through. Returns the link to
 * share and the paths asked for.
 */
export async function serveArticle(
  journey: JourneyBrowser,
  proxy: RecordingProxy,
  host: string,
  image: Buffer,
): Promise<{ url: string; hits: string[] }> {
  const hits: string[] = [];
  const open = { 'access-control-allow-origin': '*' };
  await serveWhereCardsAsk(journey, proxy, host, (path) => {
    hits.push(path);
    if (path === '/thumb.png') return { status: 200, type: 'image/png', body: image, headers: open };
    return {
      status: 200,
      type: 'text/html; charset=utf-8',
      headers: open,
      body: `<!doctype html><html><head>
<meta property="og:title" content="Marche pour le climat &amp; la justice">
<meta property="og:description" content="Rendez-vous samedi <b>14h</b>, place de la République.">
<meta property="og:image" content="http://${host}/thumb.png">
<title>ignored</title></head><body><script>alert(1)</script>Article</body></html>`,
    };
  });
  return { url: `http://${host}`, hits };
}
