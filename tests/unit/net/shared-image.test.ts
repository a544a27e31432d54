import { describe, expect, it, vi } from 'vitest';
import { fetchSharedImage, SHARED_IMAGE_MAX_BYTES } from '../../../components/composer/incoming.ts';
import { makePng } from '../bluesky/png.ts';

const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

function answering(body: BodyInit | null, init: ResponseInit = {}) {
  return vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => new Response(body, init));
}

describe('fetchSharedImage (?image= from the context menu)', () => {
  it.each([
    ['a loopback address', 'http://127.0.0.1:8080/secret.png'],
    ['a hex loopback address', 'http://0x7f.1/secret.png'],
    ['IPv4-mapped IPv6 loopback', 'http://[::ffff:127.0.0.1]/a.png'],
    ['a router on the local network', 'http://192.168.1.1/logo.png'],
    ['localhost', 'http://localhost:3000/a.png'],
    ['an X picture', 'https://pbs.twimg.com/media/a.jpg'],
  ])('refuses %s without any request; the address goes in the text', async (_name, url) => {
    const fetcher = answering(makePng(4, 4), { headers: { 'content-type': 'image/png' } });
    expect(await fetchSharedImage(url, fetcher as typeof fetch)).toEqual({
      images: [],
      missingImages: 0,
      fallbackText: url,
    });
    expect(fetcher).not.toHaveBeenCalled();
  });

  it('takes a PNG, named by its bytes, fetched without cookies or referrer', async () => {
    const fetcher = answering(makePng(4, 4), { headers: { 'content-type': 'application/octet-stream' } });
    const incoming = await fetchSharedImage('https://images.example/p.png', fetcher as typeof fetch);
    expect(incoming.images).toHaveLength(1);
    expect(incoming.images[0]!.type).toBe('image/png');
    expect(fetcher.mock.calls[0]![1]).toMatchObject({
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      redirect: 'manual',
    });
  });

  it.each([
    ['an SVG', SVG, 'image/svg+xml'],
    ['an SVG claiming to be a PNG', SVG, 'image/png'],
    ['an HTML page', new TextEncoder().encode('<html>'), 'image/png'],
  ])('refuses %s: raster images only', async (_name, body, type) => {
    const fetcher = answering(body, { headers: { 'content-type': type } });
    const incoming = await fetchSharedImage('https://images.example/p.png', fetcher as typeof fetch);
    expect(incoming).toEqual({ images: [], missingImages: 0, fallbackText: 'https://images.example/p.png' });
  });

  it('refuses an image over the size cap, and leaves nothing downloading', async () => {
    const fetcher = answering(new Uint8Array(8), { headers: { 'content-length': String(SHARED_IMAGE_MAX_BYTES + 1) } });
    expect((await fetchSharedImage('https://images.example/p.png', fetcher as typeof fetch)).images).toEqual([]);
    expect(fetcher.mock.calls[0]![1]!.signal!.aborted).toBe(true);
  });

  it('takes a data: PNG (it contacts nobody) but not a data: SVG', async () => {
    const png = `data:image/png;base64,${Buffer.from(makePng(4, 4)).toString('base64')}`;
    const svg = `data:image/svg+xml;base64,${Buffer.from(SVG).toString('base64')}`;
    expect((await fetchSharedImage(png)).images).toHaveLength(1);
    expect(await fetchSharedImage(svg)).toEqual({ images: [], missingImages: 0, fallbackText: '' });
  });
});
