/**
 * A page someone shares, with OpenGraph tags and a picture, answered by the
 * recording proxy for a made-up host (plain HTTP, which both browsers' card
 * fetches send as is). It lets any origin read it, as a CDN would; without
 * that the extension needs the page's origin granted, which a headless test
 * cannot click through. Returns the link to share and the paths asked for.
 */
import type { RecordingProxy } from './proxy.ts';

export function serveArticle(proxy: RecordingProxy, host: string, image: Buffer): { url: string; hits: string[] } {
  const hits: string[] = [];
  proxy.serve(host, (path) => {
    hits.push(path);
    if (path === '/thumb.png') return { status: 200, type: 'image/png', body: image };
    return {
      status: 200,
      type: 'text/html; charset=utf-8',
      body: `<!doctype html><html><head>
<meta property="og:title" content="Marche pour le climat &amp; la justice">
<meta property="og:description" content="Rendez-vous samedi <b>14h</b>, place de la République.">
<meta property="og:image" content="http://${host}/thumb.png">
<title>ignored</title></head><body><script>alert(1)</script>Article</body></html>`,
    };
  });
  return { url: `http://${host}`, hits };
}
