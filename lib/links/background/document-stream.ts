/**
 * Firefox: the X links of a granted site's page are rewritten in the
 * response's bytes, before the page parses them (../html-href-stream.ts).
 * The page then needs no pass over its links after load: in Firefox every
 * element a content script touches goes through a wrapper, and a pass over a
 * 10,000-link page took 1.8× the page's own load (bench/results.md).
 *
 * Where: the pages the links script is registered for (./scripts.ts, the
 * granted sites, never X or a mirror), with the rules it reads. That script
 * still runs there: it rewrites what the stream left (a link whose t.co
 * target only its text shows, an embedded tweet, links the page adds later)
 * and follows a change of mirror. Nothing here blocks a page: on any doubt
 * (not HTML, a charset that is not ASCII-compatible, an error) the response
 * passes untouched.
 */
import { createHrefStream, type HrefRewrite } from '../html-href-stream.ts';
import { isTco, mirrorHref } from '../mirror-href.ts';
import { absolute, expandedUrlIn } from '../page-rewrite.ts';
import { LINK_MIRROR_KEY, readRewriteConfig, type RewriteConfig } from '../rewrite-config.ts';
import { isScannableHtml, type DocumentRequest } from './document-kind.ts';
import { LINKS_SCRIPT_ID, originGranted } from './scripts.ts';

/** The part of Firefox's StreamFilter used here. */
export interface StreamFilter {
  ondata: ((event: { data: ArrayBuffer }) => void) | null;
  onstop: (() => void) | null;
  onerror: (() => void) | null;
  write(data: Uint8Array): void;
  close(): void;
  disconnect(): void;
}

/** Where the links script runs now, and the rules it reads (null: it runs nowhere). */
export interface LinkScriptTarget {
  matches: readonly string[];
  excludeMatches: readonly string[];
  config: RewriteConfig;
}

/** The parts of the extension API the target is read from. */
export interface TargetApi {
  scripting: {
    getRegisteredContentScripts(filter: {
      ids: string[];
    }): Promise<{ matches?: string[]; excludeMatches?: string[] }[]>;
  };
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
}

/** Where the links script runs now and the rules it reads, as the browser and storage hold them. */
export async function linkScriptTarget(api: TargetApi): Promise<LinkScriptTarget | null> {
  const [scripts, stored] = await Promise.all([
    api.scripting.getRegisteredContentScripts({ ids: [LINKS_SCRIPT_ID] }),
    api.storage.local.get(LINK_MIRROR_KEY),
  ]);
  const matches = scripts[0]?.matches;
  const config = readRewriteConfig(stored[LINK_MIRROR_KEY]);
  if (matches === undefined || config === null) return null;
  return { matches, excludeMatches: scripts[0]?.excludeMatches ?? [], config };
}

export interface DocumentStreamEnv {
  filterResponseData(requestId: string): StreamFilter;
  target(): Promise<LinkScriptTarget | null>;
}

/** What the page script would make of an `<a href>` it had not touched yet: the same rules, the same t.co unwrapping. */
export function hrefRewriteFor(config: RewriteConfig, page: string): HrefRewrite {
  return (href, attribute) => {
    if (!/\.co/i.test(href)) return null;
    const url = absolute(href.trim(), page);
    if (url === null || !/^https?:/i.test(url)) return null;
    if (!isTco(url)) return mirrorHref(url, config.rules);
    // The page script also reads the link's text, which is not at hand here: without an
    // attribute naming the target, the link is left to it.
    const expanded = expandedUrlIn(attribute('data-expanded-url')) ?? expandedUrlIn(attribute('title'));
    return expanded === null ? null : mirrorHref(url, config.rules, expanded);
  };
}

/** Filters the document's bytes when it is a granted site's HTML page; resolves once the decision is made. */
export async function filterDocument(request: DocumentRequest, env: DocumentStreamEnv): Promise<void> {
  if (!isScannableHtml(request)) return;
  const target = await env.target();
  if (target === null) return;
  const origin = new URL(request.url).origin;
  if (!originGranted(origin, target.matches) || originGranted(origin, target.excludeMatches)) return;

  const filter = env.filterResponseData(request.requestId);
  const stream = createHrefStream(hrefRewriteFor(target.config, request.url));
  filter.ondata = ({ data }) => {
    const out = stream.push(new Uint8Array(data));
    if (out.length > 0) filter.write(out);
    // Nothing left to rewrite: the browser takes the rest of the response directly.
    if (!stream.active) filter.disconnect();
  };
  filter.onstop = () => {
    const rest = stream.end();
    if (rest.length > 0) filter.write(rest);
    filter.close();
  };
  filter.onerror = () => {
    // The request failed or was cancelled: the browser reports it as for any page.
  };
}
