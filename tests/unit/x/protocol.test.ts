import { describe, expect, it, vi } from 'vitest';
import { embedComposeUrl, isEmbedEvent, isHandoff, isXOrigin, isXUrl } from '../../../lib/x/embed-protocol.ts';
import { fetchImages, MAX_HANDOFF_IMAGES } from '../../../lib/x/images.ts';
import { readPageConfig } from '../../../lib/x/page-config.ts';

const STRINGS = { offer: 'Post elsewhere', dialog: 'Sortie', frameTitle: 'Composer', close: 'Close' };

describe('overlay <-> compose frame messages', () => {
  it('accepts only well-formed handoffs and events', () => {
    const ticket = 'a'.repeat(43);
    expect(
      isHandoff({ sortie: 'handoff', images: [new Blob(['a'], { type: 'image/png' })], missingImages: 0, ticket }),
    ).toBe(true);
    expect(isHandoff({ sortie: 'handoff', images: ['not a blob'], missingImages: 0, ticket })).toBe(false);
    expect(isHandoff({ sortie: 'handoff', images: [], ticket })).toBe(false);
    // Without the background's secret (or with a malformed one) a hand-off is not even considered.
    expect(isHandoff({ sortie: 'handoff', images: [], missingImages: 0 })).toBe(false);
    expect(isHandoff({ sortie: 'handoff', images: [], missingImages: 0, ticket: 'short' })).toBe(false);
    expect(isHandoff({ sortie: 'handoff', images: [], missingImages: 0, ticket: `${'a'.repeat(42)}=` })).toBe(false);
    expect(isHandoff(null)).toBe(false);
    expect(isEmbedEvent({ sortie: 'posted', postId: 'p1' })).toBe(true);
    expect(isEmbedEvent({ sortie: 'posted' })).toBe(false);
    expect(isEmbedEvent({ sortie: 'close' })).toBe(true);
    expect(isEmbedEvent({ sortie: 'delete-everything' })).toBe(false);
  });

  it("knows X's origins and nothing else", () => {
    const cases: Array<[string, boolean]> = [
      ['https://x.com', true],
      ['https://mobile.twitter.com', true],
      ['https://www.x.com', true],
      ['http://x.com', false],
      ['https://x.com.evil.example', false],
      ['https://evilx.com', false],
      ['https://api.x.com', false],
    ];
    for (const [origin, expected] of cases) expect([origin, isXOrigin(origin)]).toEqual([origin, expected]);
    expect(isXUrl('https://x.com/home')).toBe(true);
    expect(isXUrl('https://example.org/x.com')).toBe(false);
    expect(isXUrl(undefined)).toBe(false);
    expect(isXUrl('not a url')).toBe(false);
  });

  it("puts X's text in the framed compose page's URL", () => {
    const url = new URL(embedComposeUrl('chrome-extension://abc/compose.html', 'a & b #tag\nline 2'));
    expect(url.href.startsWith('chrome-extension://abc/compose.html?')).toBe(true);
    expect(url.searchParams.get('embed')).toBe('1');
    expect(url.searchParams.get('text')).toBe('a & b #tag\nline 2');
    expect(new URL(embedComposeUrl('chrome-extension://abc/compose.html', '')).searchParams.has('text')).toBe(false);
  });
});

describe('images attached on X', () => {
  it('reads blob: images, counts what fails, takes at most four', async () => {
    const png = new Blob(['x'], { type: 'image/png' });
    const fetcher = vi.fn(async (url: string) => {
      if (url.endsWith('revoked')) throw new TypeError('Failed to fetch');
      if (url.endsWith('text')) return new Response('hello', { headers: { 'content-type': 'text/plain' } });
      return new Response(png);
    });
    const urls = [
      'blob:https://x.com/1',
      'blob:https://x.com/revoked',
      'https://pbs.twimg.com/a.jpg',
      'blob:https://x.com/text',
      'blob:https://x.com/5',
    ];
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const result = await fetchImages(urls, fetcher);
    expect(result.images).toHaveLength(1);
    expect(result.failed).toBe(3);
    expect(fetcher).toHaveBeenCalledTimes(3);
    expect(fetcher.mock.calls.map((c) => c[0])).not.toContain('blob:https://x.com/5');
    expect(MAX_HANDOFF_IMAGES).toBe(4);
    warn.mockRestore();
  });

  it.each([
    ['drawn again', new Blob(['png'], { type: 'image/png' }), 1, 0],
    ['no preview left to draw', null, 0, 1],
    ['drawn as something else than a picture', new Blob(['<svg>'], { type: 'text/html' }), 0, 1],
  ] as const)('a read the browser refuses (Firefox) is %s', async (_, drawn, images, failed) => {
    const refused = vi.fn(async () => {
      throw new TypeError('NetworkError when attempting to fetch resource.');
    });
    const redraw = vi.fn(async () => drawn);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const result = await fetchImages(['blob:https://x.com/1'], refused, redraw);
    expect(result).toMatchObject({ failed });
    expect(result.images).toHaveLength(images);
    expect(redraw).toHaveBeenCalledWith('blob:https://x.com/1');
    warn.mockRestore();
  });

  it('draws nothing again for an address it read', async () => {
    const redraw = vi.fn(async () => new Blob(['png'], { type: 'image/png' }));
    const result = await fetchImages(
      ['blob:https://x.com/1'],
      async () => new Response(new Blob(['x'], { type: 'image/jpeg' })),
      redraw,
    );
    expect(result.images.map((image) => image.type)).toEqual(['image/jpeg']);
    expect(redraw).not.toHaveBeenCalled();
  });
});

describe('page config read by the x.com script', () => {
  it("accepts the background's shape and refuses older or broken ones", () => {
    expect(readPageConfig({ lang: 'fr', xOverlay: true, xPostButtonToSortie: false, strings: STRINGS })).toEqual({
      lang: 'fr',
      xOverlay: true,
      xPostButtonToSortie: false,
      strings: STRINGS,
    });
    expect(readPageConfig({ lang: 'en', xOverlay: true, xPostButtonToSortie: false })).toBeNull();
    expect(readPageConfig({ lang: 'en', xOverlay: 'yes', xPostButtonToSortie: false, strings: STRINGS })).toBeNull();
    expect(
      readPageConfig({ lang: 'en', xOverlay: true, xPostButtonToSortie: false, strings: { ...STRINGS, close: '' } }),
    ).toBeNull();
    expect(readPageConfig(undefined)).toBeNull();
  });
});
