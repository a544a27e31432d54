/**
 * The images attached in X's composer. X previews each picked file through
 * a blob: URL of x.com; a content script runs with the page's origin for
 * such URLs, so it can read them back. Nothing leaves the browser.
 */

export const MAX_HANDOFF_IMAGES = 4;

export interface FetchedImages {
  images: Blob[];
  /** URLs that could not be read (revoked, not an image). */
  failed: number;
}

export async function fetchImages(
  urls: readonly string[],
  fetcher: (url: string) => Promise<Response> = (u) => fetch(u),
): Promise<FetchedImages> {
  const images: Blob[] = [];
  let failed = 0;
  for (const url of urls.slice(0, MAX_HANDOFF_IMAGES)) {
    if (!url.startsWith('blob:')) {
      failed += 1;
      continue;
    }
    try {
      const response = await fetcher(url);
      const blob = response.ok ? await response.blob() : null;
      if (blob !== null && blob.type.startsWith('image/')) images.push(blob);
      else failed += 1;
    } catch (error) {
      // A revoked blob: URL rejects; the text still goes through, the image is counted as missing.
      console.warn('Sortie: could not read an image attached on X', error);
      failed += 1;
    }
  }
  return { images, failed };
}
