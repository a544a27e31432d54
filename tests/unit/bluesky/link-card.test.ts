import { describe, expect, it, vi } from 'vitest';
import {
  decodeEntities,
  DESCRIPTION_MAX_CHARS,
  fetchLinkCard,
  type OpenGraph,
  PAGE_MAX_BYTES,
  parseOpenGraph,
  THUMB_MAX_BYTES,
  TITLE_MAX_CHARS,
} from '../../../lib/networks/shared/link-card.ts';
import { makePng } from './png.ts';

const PAGE = 'https://example.com/blog/post.html';

describe('parseOpenGraph', () => {
  const cases: { name: string; html: string; expected: OpenGraph }[] = [
    {
      name: 'OpenGraph tags',
      html: `<head><meta property="og:title" content="Hello"><meta property="og:description" content="World">
        <meta property="og:image" content="https://cdn.example.com/a.png"></head>`,
      expected: { title: 'Hello', description: 'World', image: 'https://cdn.example.com/a.png' },
    },
    {
      name: 'named, decimal and hex entities',
      html: `<meta property="og:title" content="Tom &amp; Jerry&#39;s &quot;caf&eacute;&quot; &Eacute;t&eacute; &#x1F389; &hellip;">
        <meta property="og:description" content="&lt;b&gt;bold&lt;/b&gt; &AMP; &unknown; &#0; &#xD800;">`,
      expected: { title: 'Tom & Jerry\'s "café" Été 🎉 …', description: '<b>bold</b> & &unknown; \ufffd \ufffd' },
    },
    {
      name: 'relative image URLs resolve against the page',
      html: '<meta property="og:image" content="../img/pic.jpg"><title>T</title>',
      expected: { title: 'T', description: '', image: 'https://example.com/img/pic.jpg' },
    },
    {
      name: 'root-relative and protocol-relative images',
      html: '<meta property="og:image" content="//static.example.net/x.png"><meta name="twitter:title" content="tw">',
      expected: { title: 'tw', description: '', image: 'https://static.example.net/x.png' },
    },
    {
      name: '<base href> moves relative images',
      html: '<base href="https://assets.example.org/root/"><meta property="og:image" content="p.png">',
      expected: { title: '', description: '', image: 'https://assets.example.org/root/p.png' },
    },
    {
      name: 'missing tags fall back to <title> and meta description',
      html: '<title>  Plain\n  title </title><meta name="description" content="plain desc">',
      expected: { title: 'Plain title', description: 'plain desc' },
    },
    {
      name: 'nothing at all',
      html: '<p>no head</p>',
      expected: { title: '', description: '' },
    },
    {
      name: 'attribute order, single quotes, unquoted values and upper case',
      html: "<META CONTENT='Quoted' PROPERTY='OG:TITLE'><meta content=Bare name=description>",
      expected: { title: 'Quoted', description: 'Bare' },
    },
    {
      name: 'script injection in a value stays text',
      html: '<meta property="og:title" content="&lt;script&gt;alert(1)&lt;/script&gt;"><meta property="og:description" content="<img src=x onerror=alert(1)>">',
      expected: { title: '<script>alert(1)</script>', description: '<img src=x onerror=alert(1)>' },
    },
    {
      name: 'tags inside scripts and comments are ignored',
      html: `<script>document.write('<meta property="og:title" content="from script">')</script>
        <!-- <meta property="og:title" content="from comment"> -->
        <meta property="og:title" content="real">`,
      expected: { title: 'real', description: '' },
    },
    {
      name: 'javascript: and data: images are dropped',
      html: '<meta property="og:image" content="javascript:alert(1)"><meta name="twitter:image" content="data:image/png;base64,AAAA">',
      expected: { title: '', description: '' },
    },
    {
      name: 'the first non-empty value wins',
      html: '<meta property="og:title" content=""><meta property="og:title" content="first"><meta property="og:title" content="second">',
      expected: { title: 'first', description: '' },
    },
  ];

  it.each(cases)('$name', ({ html, expected }) => {
    expect(parseOpenGraph(html, PAGE)).toEqual(expected);
  });

  it('caps long values on a character boundary', () => {
    const emoji = '🎉'.repeat(TITLE_MAX_CHARS + 50);
    const og = parseOpenGraph(
      `<meta property="og:title" content="${emoji}"><meta property="og:description" content="${'d'.repeat(5000)}">`,
      PAGE,
    );
    expect(Array.from(og.title)).toHaveLength(TITLE_MAX_CHARS);
    expect(og.title.endsWith('\u2026')).toBe(true);
    expect(og.title).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/); // no half emoji
    expect(Array.from(og.description)).toHaveLength(DESCRIPTION_MAX_CHARS);
  });

  it('stays fast on crafted pages (unterminated quotes, endless tags)', () => {
    const hostile = [
      '<meta a="x'.repeat(100_000),
      '<title>'.repeat(100_000),
      `<meta content="${'a'.repeat(PAGE_MAX_BYTES)}`,
      '<meta a="" b="x">'.repeat(60_000),
    ];
    for (const html of hostile) {
      const started = performance.now();
      parseOpenGraph(html, PAGE);
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });

  it('does not take <metadata> for <meta>', () => {
    expect(parseOpenGraph('<metadata property="og:title" content="no">', PAGE).title).toBe('');
  });

  it('decodes entities once, not twice', () => {
    expect(decodeEntities('&amp;lt;')).toBe('&lt;');
  });
});

function htmlResponse(html: string, init: ResponseInit = {}): Response {
  return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' }, ...init });
}

function imageResponse(bytes: Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}): Response {
  return new Response(bytes, { headers: { 'content-type': 'image/png', ...headers } });
}

/** A fetch that answers per URL, recording what was asked. */
function routes(table: Record<string, () => Response | Promise<Response>>) {
  return vi.fn(async (input: RequestInfo | URL) => {
    const url = input instanceof Request ? input.url : String(input);
    const handler = table[url];
    if (!handler) throw new TypeError(`fetch failed: ${url}`);
    return handler();
  });
}

describe('fetchLinkCard', () => {
  const page = '<meta property="og:title" content="Title"><meta property="og:image" content="/pic.png">';

  it('fetches the page and its picture', async () => {
    const png = makePng(8, 8);
    const fetchImpl = routes({
      [PAGE]: () => htmlResponse(page),
      'https://example.com/pic.png': () => imageResponse(png),
    });
    const card = await fetchLinkCard(PAGE, fetchImpl);
    expect(card).toMatchObject({ uri: PAGE, title: 'Title', description: '', image: 'https://example.com/pic.png' });
    expect(card?.thumb?.mime).toBe('image/png');
    expect(Array.from(card?.thumb?.bytes ?? [])).toEqual(Array.from(png));
  });

  it('keeps the card but drops a picture over 1,000,000 bytes', async () => {
    const big = new Uint8Array(THUMB_MAX_BYTES + 1);
    const fetchImpl = routes({
      [PAGE]: () => htmlResponse(page),
      'https://example.com/pic.png': () => imageResponse(big),
    });
    const card = await fetchLinkCard(PAGE, fetchImpl);
    expect(card?.title).toBe('Title');
    expect(card?.thumb).toBeUndefined();
  });

  it('drops a picture that streams past the limit despite a small Content-Length', async () => {
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(400_000));
      },
    });
    const fetchImpl = routes({
      [PAGE]: () => htmlResponse(page),
      'https://example.com/pic.png': () =>
        new Response(stream, { headers: { 'content-type': 'image/png', 'content-length': '10' } }),
    });
    expect((await fetchLinkCard(PAGE, fetchImpl))?.thumb).toBeUndefined();
  });

  it('drops a "picture" that is not an image', async () => {
    const fetchImpl = routes({
      [PAGE]: () => htmlResponse(page),
      'https://example.com/pic.png': () => htmlResponse('<html>'),
    });
    expect((await fetchLinkCard(PAGE, fetchImpl))?.thumb).toBeUndefined();
  });

  it('reads no more than about 1 MB of a page', async () => {
    let served = 0;
    const endless = new ReadableStream<Uint8Array>({
      start(controller) {
        const head = new TextEncoder().encode('<meta property="og:title" content="Huge">');
        served += head.byteLength;
        controller.enqueue(head);
      },
      pull(controller) {
        served += 64_000;
        controller.enqueue(new Uint8Array(64_000).fill(32));
      },
    });
    let signal: AbortSignal | undefined;
    const page = routes({ [PAGE]: () => new Response(endless, { headers: { 'content-type': 'text/html' } }) });
    const fetchImpl = ((input: RequestInfo | URL, init?: RequestInit) => {
      signal = init?.signal ?? undefined;
      return page(input);
    }) as typeof fetch;
    const card = await fetchLinkCard(PAGE, fetchImpl);
    expect(card?.title).toBe('Huge');
    expect(served).toBeLessThan(PAGE_MAX_BYTES + 200_000);
    // The rest of the page is not left downloading: the request is aborted once the card is made.
    expect(signal?.aborted).toBe(true);
  });

  it.each([
    ['an SVG served as SVG', 'image/svg+xml'],
    ['an SVG claiming to be a PNG', 'image/png'],
  ])('drops %s: the picture must be JPEG, PNG, WebP or GIF by its bytes', async (_name, type) => {
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const fetchImpl = routes({
      [PAGE]: () => htmlResponse(page),
      'https://example.com/pic.png': () => new Response(svg, { headers: { 'content-type': type } }),
    });
    const card = await fetchLinkCard(PAGE, fetchImpl);
    expect(card?.title).toBe('Title');
    expect(card?.thumb).toBeUndefined();
  });

  it('names the picture by its bytes, not by its Content-Type', async () => {
    const fetchImpl = routes({
      [PAGE]: () => htmlResponse(page),
      'https://example.com/pic.png': () =>
        new Response(makePng(8, 8), { headers: { 'content-type': 'application/octet-stream' } }),
    });
    expect((await fetchLinkCard(PAGE, fetchImpl))?.thumb?.mime).toBe('image/png');
  });

  it('fetches a loopback picture not at all, and sends no cookie or referrer for the page', async () => {
    const local =
      '<meta property="og:title" content="T"><meta property="og:image" content="http://127.0.0.1:9/secret.png">';
    const answer = routes({ [PAGE]: () => htmlResponse(local) });
    const fetchImpl = vi.fn((input: RequestInfo | URL, _init?: RequestInit) => answer(input));
    const card = await fetchLinkCard(PAGE, fetchImpl as typeof fetch);
    expect(card).toMatchObject({ title: 'T', image: 'http://127.0.0.1:9/secret.png' });
    expect(card?.thumb).toBeUndefined();
    expect(fetchImpl.mock.calls.map((c) => String(c[0]))).toEqual([PAGE]);
    expect(fetchImpl.mock.calls[0]![1]).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer' });
  });

  it.each([
    ['a non-http link', 'ftp://example.com/file', {}],
    ['a javascript: link', 'javascript:alert(1)', {}],
    ['an X post (X would learn who shares it)', 'https://x.com/jack/status/20', {}],
    ['a t.co short link', 'https://t.co/abc', {}],
    ['an X picture', 'https://pbs.twimg.com/media/a.jpg', {}],
    ['a loopback page', 'http://127.0.0.1:8080/', {}],
    ['a page on the local network', 'http://nas.local/', {}],
  ])('ignores %s without fetching', async (_name, url) => {
    const fetchImpl = vi.fn();
    expect(await fetchLinkCard(url, fetchImpl as unknown as typeof fetch)).toBeNull();
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it.each([
    ['a network failure', () => Promise.reject(new TypeError('fetch failed'))],
    ['an error status', () => htmlResponse(page, { status: 404 })],
    ['a non-HTML page', () => new Response('{}', { headers: { 'content-type': 'application/json' } })],
    ['a page with no card data', () => htmlResponse('<p>hi</p>')],
  ])('returns null on %s', async (_name, answer) => {
    const fetchImpl = routes({ [PAGE]: answer });
    expect(await fetchLinkCard(PAGE, fetchImpl)).toBeNull();
  });

  it('gives up after the timeout', async () => {
    const hanging = vi.fn(
      (_input: RequestInfo | URL, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    const started = Date.now();
    expect(await fetchLinkCard(PAGE, hanging, { timeoutMs: 50 })).toBeNull();
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('decodes a page in its declared charset', async () => {
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode('<title>caf'),
      0xe9,
      ...new TextEncoder().encode('</title>'),
    ]);
    const fetchImpl = routes({
      [PAGE]: () => new Response(latin1, { headers: { 'content-type': 'text/html; charset=iso-8859-1' } }),
    });
    expect((await fetchLinkCard(PAGE, fetchImpl))?.title).toBe('café');
  });
});
