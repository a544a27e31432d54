import { describe, expect, it, vi } from 'vitest';
import { embedComposeUrl, isEmbedEvent, isHandoff } from '../../../lib/x/embed-protocol.ts';
import { fetchImages, MAX_HANDOFF_IMAGES } from '../../../lib/x/images.ts';
import { readPageConfig } from '../../../lib/x/page-config.ts';

const STRINGS = { offer: 'Post elsewhere', dialog: 'Sortie', frameTitle: 'Composer', close: 'Close' };

describe('overlay <-> compose frame messages', () => {
  it('accepts only well-formed handoffs and events', () => {
    expect(isHandoff({ sortie: 'handoff', images: [new Blob(['a'], { type: 'image/png' })], missingImages: 0 })).toBe(true);
    expect(isHandoff({ sortie: 'handoff', images: ['not a blob'], missingImages: 0 })).toBe(false);
    expect(isHandoff({ sortie: 'handoff', images: [] })).toBe(false);
    expect(isHandoff(null)).toBe(false);
    expect(isEmbedEvent({ sortie: 'posted', postId: 'p1' })).toBe(true);
    expect(isEmbedEvent({ sortie: 'posted' })).toBe(false);
    expect(isEmbedEvent({ sortie: 'close' })).toBe(true);
    expect(isEmbedEvent({ sortie: 'delete-everything' })).toBe(false);
  });

  it('puts X\'s text in the framed compose page\'s URL', () => {
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
    const urls = ['blob:https://x.com/1', 'blob:https://x.com/revoked', 'https://pbs.twimg.com/a.jpg', 'blob:https://x.com/text', 'blob:https://x.com/5'];
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const result = await fetchImages(urls, fetcher);
    expect(result.images).toHaveLength(1);
    expect(result.failed).toBe(3);
    expect(fetcher).toHaveBeenCalledTimes(3);
    expect(fetcher.mock.calls.map((c) => c[0])).not.toContain('blob:https://x.com/5');
    expect(MAX_HANDOFF_IMAGES).toBe(4);
    warn.mockRestore();
  });
});

describe('page config read by the x.com script', () => {
  it('accepts the background\'s shape and refuses older or broken ones', () => {
    expect(readPageConfig({ lang: 'fr', xOverlay: true, xPostButtonToSortie: false, strings: STRINGS })).toEqual({
      lang: 'fr',
      xOverlay: true,
      xPostButtonToSortie: false,
      strings: STRINGS,
    });
    expect(readPageConfig({ lang: 'en', xOverlay: true, xPostButtonToSortie: false })).toBeNull();
    expect(readPageConfig({ lang: 'en', xOverlay: 'yes', xPostButtonToSortie: false, strings: STRINGS })).toBeNull();
    expect(readPageConfig({ lang: 'en', xOverlay: true, xPostButtonToSortie: false, strings: { ...STRINGS, close: '' } })).toBeNull();
    expect(readPageConfig(undefined)).toBeNull();
  });
});
