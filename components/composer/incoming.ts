/**
 * What another place hands the compose page besides text: images from the
 * x.com overlay, or an image shared from the context menu (`?image=URL`).
 */

export interface Incoming {
  images: Blob[];
  /** Images that could not be taken (the user is told to add them again). */
  missingImages: number;
  /** Added to the text when an image could not be fetched: its address, so nothing shared is lost. */
  fallbackText: string;
}

/**
 * Fetches an image shared from the context menu. Only the image's own
 * address is contacted, without cookies (no ambient login is used); the
 * browser usually answers from its cache. When it cannot be read (an error,
 * not an image), its address goes in the text.
 */
export async function fetchSharedImage(url: string, fetcher: typeof fetch = fetch): Promise<Incoming> {
  const fallback: Incoming = { images: [], missingImages: 0, fallbackText: /^https?:/i.test(url) ? url : '' };
  // The context menu only passes http(s) and data: images (see lib/background/context-menu.ts).
  if (!/^(?:https?|data):/i.test(url)) return fallback;
  try {
    const response = await fetcher(url, { credentials: 'omit', cache: 'force-cache' });
    const blob = response.ok ? await response.blob() : null;
    if (blob !== null && blob.type.startsWith('image/')) return { images: [blob], missingImages: 0, fallbackText: '' };
    return fallback;
  } catch (error) {
    console.warn('Sortie: could not fetch the shared image', error);
    return fallback;
  }
}
