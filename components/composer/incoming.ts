/**
 * What another place hands the compose page besides text: images from the
 * x.com overlay, or an image shared from the context menu (`?image=URL`).
 */
import { checkFetchTarget } from '../../lib/fetch-target.ts';
import { sniffRaster } from '../../lib/bytes/raster.ts';
import { fetchContent } from '../../lib/networks/shared/content-fetch.ts';
import { readCapped } from '../../lib/networks/shared/response-cap.ts';

export interface Incoming {
  images: Blob[];
  /** Images that could not be taken (the user is told to add them again). */
  missingImages: number;
  /** Added to the text when an image could not be fetched: its address, so nothing shared is lost. */
  fallbackText: string;
}

/** Far above any photo a page shows; the composer shrinks images before posting anyway. */
export const SHARED_IMAGE_MAX_BYTES = 20_000_000;
const SHARED_IMAGE_TIMEOUT_MS = 15_000;

/**
 * Fetches an image shared from the context menu, under the same rules as a
 * link card's picture (lib/networks/shared/content-fetch.ts): the
 * address comes from a page, so no cookie, no referrer, never X or the local
 * network (`?image=http://127.0.0.1:.../` is refused before any request),
 * every redirect checked, bounded in size and time, and a JPEG/PNG/WebP/GIF
 * by its bytes (never SVG). A `data:` image contacts nobody and only gets the
 * size and format checks. When the image cannot be taken, its address goes in
 * the text so nothing shared is lost.
 */
export async function fetchSharedImage(url: string, fetcher: typeof fetch = fetch): Promise<Incoming> {
  const fallback: Incoming = { images: [], missingImages: 0, fallbackText: /^https?:/i.test(url) ? url : '' };
  // The context menu only passes http(s) and data: images (see lib/compose/background/context-menu.ts).
  const isData = /^data:/i.test(url);
  if (!isData && !checkFetchTarget(url).ok) return fallback;
  const stop = new AbortController();
  const signal = AbortSignal.any([AbortSignal.timeout(SHARED_IMAGE_TIMEOUT_MS), stop.signal]);
  try {
    const response = isData
      ? await fetcher(url, { signal })
      : await fetchContent(url, { fetchImpl: fetcher, signal, accept: 'image/*', cache: 'force-cache' });
    const bytes = response.ok ? await readCapped(response, SHARED_IMAGE_MAX_BYTES, 'reject') : null;
    if (!response.ok) await response.body?.cancel().catch(() => undefined);
    const mime = bytes ? sniffRaster(bytes) : null;
    if (bytes && mime) return { images: [new Blob([bytes], { type: mime })], missingImages: 0, fallbackText: '' };
    return fallback;
  } catch (error) {
    console.warn('Sortie: could not fetch the shared image', error);
    return fallback;
  } finally {
    // An image refused past its cap is still downloading in Firefox until the request is aborted.
    stop.abort();
  }
}
