/**
 * The one check every server-given address passes before it becomes an
 * `href` or `src` (a post's URL from a Mastodon-API server, an account's
 * page or avatar, a follow-bridge candidate): only absolute http(s) URLs.
 * `javascript:`, `data:`, `blob:`, `chrome-extension:` and relative paths
 * (which would resolve inside Sortie's own pages) are refused here rather
 * than left to the CSP. Where to fetch is another question: see
 * lib/fetch-target.ts.
 */

/** `value` as an absolute http(s) URL (normalised by the URL parser), else undefined. */
export function webLink(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  let url: URL;
  try {
    // No base: a relative value is not a link to anywhere a server may name.
    url = new URL(value.trim());
  } catch (err) {
    if (err instanceof TypeError) return undefined;
    throw err;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}
