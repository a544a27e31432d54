/**
 * The images attached in X's composer. X previews each picked file through
 * a blob: URL of x.com. Chromium's content script runs with the page's
 * origin for such URLs, so it reads them back; Firefox refuses a content
 * script every blob: URL of the page, so there the preview is drawn again
 * (`redrawPreview`). Nothing leaves the browser.
 */

export const MAX_HANDOFF_IMAGES = 4;

export interface FetchedImages {
  images: Blob[];
  /** URLs that could not be read (revoked, not an image). */
  failed: number;
}

/**
 * Reads each blob: URL; one the fetch refuses is asked of `redraw` (the
 * preview drawn again) before it counts as missing.
 */
export async function fetchImages(
  urls: readonly string[],
  fetcher: (url: string) => Promise<Response> = (u) => fetch(u),
  redraw: (url: string) => Promise<Blob | null> = async () => null,
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
      // Firefox refuses the read; a revoked blob: URL rejects too, and then has no preview left to draw.
      const drawn = await redraw(url).catch(() => null);
      if (drawn !== null && drawn.type.startsWith('image/')) {
        images.push(drawn);
        continue;
      }
      // The text still goes through, the image is counted as missing.
      console.warn('Sortie: could not read an image attached on X', error);
      failed += 1;
    }
  }
  return { images, failed };
}

/**
 * The picture X previews at this blob: URL in one of its composers, drawn
 * again from its <img> (the page's own image, which a content script may
 * draw even where it may not fetch it). Re-encoded as PNG, which keeps
 * transparency; an animated GIF keeps its first frame. The composer shrinks
 * what is too large, as for any picture. Native calls only: nothing the page
 * can watch.
 */
export async function redrawPreview(doc: Document, url: string): Promise<Blob | null> {
  const img = [...doc.querySelectorAll<HTMLImageElement>('[data-testid="attachments"] img')].find(
    (el) => el.getAttribute('src') === url,
  );
  if (img === undefined) return null;
  await img.decode();
  if (img.naturalWidth === 0 || img.naturalHeight === 0) return null;
  const canvas = new OffscreenCanvas(img.naturalWidth, img.naturalHeight);
  const context = canvas.getContext('2d');
  if (context === null) return null;
  context.drawImage(img, 0, 0);
  return canvas.convertToBlob({ type: 'image/png' });
}
