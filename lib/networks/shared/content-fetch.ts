/**
 * Fetching what content names (a link's page, its og:image, an image shared
 * from a page): anonymous, checked hop by hop, bounded.
 *
 * - No credentials and no referrer: the site learns nothing about who asks
 *   (no cookie, no login) nor from where.
 * - Every address, the first and each redirect's, passes checkFetchTarget
 *   (lib/fetch-target.ts) before any request goes out.
 * - Redirects are followed by hand, at most MAX_HOPS. Where the browser
 *   hides a redirect's target (Chromium gives extension pages an opaque
 *   'opaqueredirect' answer with no Location), the chain stops there: a
 *   redirecting link gets nothing rather than an unchecked hop.
 */
import { checkFetchTarget } from '../../fetch-target.ts';

export const MAX_HOPS = 5;

export class ContentFetchRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContentFetchRefused';
  }
}

export interface ContentFetchOptions {
  fetchImpl: typeof globalThis.fetch;
  signal: AbortSignal;
  accept: string;
  cache?: RequestCache;
}

/**
 * The final answer for `url` after checked redirects. Throws
 * ContentFetchRefused when an address is refused, the hop limit is passed
 * or a redirect's target cannot be seen; fetch's own errors pass through.
 */
export async function fetchContent(url: string, options: ContentFetchOptions): Promise<Response> {
  // Called detached: the browser's fetch throws "Illegal invocation" when called as a method of another object.
  const { fetchImpl } = options;
  let current = url;
  for (let hop = 0; hop <= MAX_HOPS; hop++) {
    const verdict = checkFetchTarget(current);
    if (!verdict.ok) throw new ContentFetchRefused(`refused (${verdict.reason}): ${current}`);
    const res = await fetchImpl(verdict.url.href, {
      signal: options.signal,
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      redirect: 'manual',
      cache: options.cache ?? 'default',
      headers: { accept: options.accept },
    });
    if (res.type === 'opaqueredirect') throw new ContentFetchRefused(`redirect with a hidden target: ${current}`);
    const location = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
    if (location === null) return res;
    await res.body?.cancel().catch(() => undefined);
    try {
      current = new URL(location, verdict.url).href;
    } catch (err) {
      if (err instanceof TypeError) throw new ContentFetchRefused(`bad redirect from ${current}`);
      throw err;
    }
  }
  throw new ContentFetchRefused(`more than ${MAX_HOPS} redirects: ${url}`);
}
