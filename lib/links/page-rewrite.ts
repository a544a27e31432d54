/**
 * Rewrites X links inside web pages to the current mirror: `<a href>`s,
 * t.co short links whose real target the page shows, embedded tweets
 * (`blockquote.twitter-tweet`) and X embed iframes.
 *
 * Runs in the page script, which must stay tiny and cheap: it knows nothing
 * about X's URL space. The background compiles the routes into page rules
 * (page-rules.ts, from the same table as the redirect rules) and stores them
 * with the mirror (rewrite-config.ts); this module only applies them
 * (mirror-href.ts) to the page's elements, as sliced-work.ts hands them over.
 */
import { applyRules, isTco, MAX_PAGE_URL, mirrorHref } from './mirror-href.ts';
import type { RewriteConfig } from './rewrite-config.ts';

/**
 * What the rewriter handles. Links and frames are pre-filtered by the browser
 * on ".co" (see mayBeX): the page's other links are never handed to this
 * script, which matters in Firefox, where every element a content script
 * touches goes through a wrapper.
 */
const selectorFor = (origin: string): string =>
  // Links already on the mirror (rewritten in the page's bytes by Firefox's stream filter) are
  // left out by the browser too. The origin was checked by readRewriteConfig: no quote in it.
  `a[href*=".co" i]:not([href^="${origin}/"]),blockquote.twitter-tweet,blockquote.twitter-video,iframe[src*=".co" i]`;
const CARD_CLASS = 'sortie-x-card';
const CARD_STYLE =
  'display:block;box-sizing:border-box;max-width:550px;margin:12px 0;padding:12px 16px;' +
  'border:1px solid rgba(127,127,127,.45);border-radius:12px;color:inherit;text-decoration:none;' +
  'font:inherit;line-height:1.4;white-space:pre-line;overflow-wrap:anywhere';
/** Cheap pre-check: every X host (x.com, t.co, fixers, syndication) contains ".co". */
const mayBeX = (href: string): boolean => /\.co/i.test(href);

/**
 * Absolute URLs the URL parser would return unchanged: lower-case host without
 * port, and only characters no part of a URL percent-encodes (no quote, no
 * space, no dot segment). Most links in pages look like this.
 */
const CANONICAL = /^https?:\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)+\/[\w\-.~%!$&()*+,;=:@/?#]*$/;
const DOT_SEGMENT = /\/\.|%2e/i;

/** The URL as the browser would request it (default port dropped, path encoded), like the redirect rules see it. */
export function absolute(text: string, base: string): string | null {
  if (CANONICAL.test(text) && !DOT_SEGMENT.test(text)) return text;
  try {
    return new URL(text, base).href;
  } catch (error) {
    if (error instanceof TypeError) return null;
    throw error;
  }
}

/**
 * The real destination of a t.co link when the page shows it: the
 * `data-expanded-url` X's own markup carries, a `title`, or link text that is
 * a complete URL (X truncates with '…', which disqualifies it).
 */
export function expandedUrlOf(anchor: Element): string | null {
  const candidates = [anchor.getAttribute('data-expanded-url'), anchor.getAttribute('title'), anchor.textContent];
  for (const raw of candidates) {
    const url = expandedUrlIn(raw);
    if (url !== null) return url;
  }
  return null;
}

/** The complete URL this text is, when it is one and not another t.co link. */
export function expandedUrlIn(raw: string | null): string | null {
  const text = raw?.trim() ?? '';
  if (!/^https?:\/\/\S+$/i.test(text) || text.includes('…')) return null;
  try {
    const url = new URL(text);
    return url.hostname === 't.co' ? null : url.href;
  } catch (error) {
    if (error instanceof TypeError) return null;
    throw error;
  }
}

/**
 * The X link behind a mirror link this script did not write: one rewritten
 * before the page was parsed (Firefox's stream filter), when the mirror shows
 * X's paths as they are. Read back only when the rules give that very link
 * for it, so a guess never retargets a link.
 */
function streamedSource(href: string | null, config: RewriteConfig): string | null {
  if (href === null || !href.startsWith(`${config.origin}/`)) return null;
  const source = `https://x.com${href.slice(config.origin.length)}`;
  return mirrorHref(source, config.rules) === href ? source : null;
}

export interface PageRewriter {
  /** The handled elements inside each node (and the node itself), in document order per node. */
  find(nodes: Iterable<Node>): Element[];
  /** Rewrites these elements (found by `find`); those no longer in the page are skipped. */
  process(elements: Iterable<Element>): void;
  /** Points already rewritten links at a new mirror. */
  retarget(config: RewriteConfig): void;
  /** True when the element's href is the one this rewriter set (its own mutation coming back). */
  isOwnChange(node: Node): boolean;
  /** How many links, cards and frames were rewritten so far. */
  readonly rewritten: number;
}

export function createPageRewriter(doc: Document, initial: RewriteConfig): PageRewriter {
  let config = initial;
  let selector = selectorFor(config.origin);
  let rewritten = 0;
  /**
   * Each rewritten anchor or card: the href this rewriter gave it, and the X
   * URL it stands for (to retarget later), in one map (one write per link).
   */
  const marks = new WeakMap<Element, { given: string; source: string }>();
  /** Read once per slice: some DOMs compute baseURI by searching the document for <base>. */
  let base = 'https://invalid.invalid/';

  function setHref(anchor: Element, target: string, source: string): void {
    marks.set(anchor, { given: target, source });
    anchor.setAttribute('href', target);
    rewritten += 1;
  }

  function rewriteAnchor(anchor: Element): void {
    const attr = anchor.getAttribute('href');
    if (attr === null || attr.length > MAX_PAGE_URL || !mayBeX(attr) || marks.get(anchor)?.given === attr) return;
    // Already on the mirror: rewritten before the page was parsed (Firefox's stream filter).
    if (attr.startsWith(`${config.origin}/`)) return;
    const url = absolute(attr.trim(), base);
    if (url === null) return;
    const target = mirrorHref(url, config.rules, isTco(url) ? expandedUrlOf(anchor) : null);
    if (target !== null && target !== url) setHref(anchor, target, url);
  }

  function card(target: string, source: string, text: string): Element {
    const a = doc.createElement('a');
    a.className = CARD_CLASS;
    a.setAttribute('style', CARD_STYLE);
    a.textContent = text;
    setHref(a, target, source);
    return a;
  }

  /** An embedded tweet becomes a plain link card holding its text, pointing at the mirror. */
  function replaceQuote(quote: Element): void {
    const anchors = [...quote.querySelectorAll('a[href]')].reverse();
    for (const anchor of anchors) {
      const url = absolute(anchor.getAttribute('href') ?? '', base);
      const target = url === null ? null : applyRules(url, config.rules);
      if (url === null || target?.status !== true) continue;
      const text = (quote.textContent ?? '')
        .replace(/[ \t\r\f]+/g, ' ')
        .replace(/\s*\n\s*/g, '\n')
        .trim();
      quote.replaceWith(card(target.href, url, text));
      return;
    }
  }

  /** An X iframe (embed, timeline) becomes a link to the same thing on the mirror. */
  function replaceFrame(frame: Element): void {
    const src = frame.getAttribute('src') ?? '';
    const url = mayBeX(src) ? absolute(src, base) : null;
    if (url === null) return;
    const tweetId = frame.getAttribute('data-tweet-id');
    const target =
      applyRules(url, config.rules) ??
      (tweetId !== null && /^\d+$/.test(tweetId)
        ? applyRules(`https://platform.twitter.com/embed/Tweet.html?id=${tweetId}`, config.rules)
        : null);
    if (target !== null) frame.replaceWith(card(target.href, url, target.href));
  }

  return {
    find(nodes) {
      const found: Element[] = [];
      for (const node of nodes) {
        if (node.nodeType !== 1) continue;
        const element = node as Element;
        if (element.matches(selector)) found.push(element);
        for (const inner of element.querySelectorAll(selector)) found.push(inner);
      }
      return found;
    },
    process(elements) {
      base = doc.baseURI || doc.location?.href || base;
      const anchors: Element[] = [];
      let replaced = false;
      // Embeds first: their own status link is what the card points to.
      for (const el of elements) {
        if (!el.isConnected) continue;
        const tag = el.tagName;
        if (tag === 'A') anchors.push(el);
        else if (!config.replaceEmbeds) continue;
        else {
          if (tag === 'IFRAME') replaceFrame(el);
          else replaceQuote(el);
          replaced = true;
        }
      }
      // A replaced embed takes its links out of the page; otherwise every anchor is still in
      // (each check is a call through Firefox's wrapper).
      for (const anchor of anchors) if (!replaced || anchor.isConnected) rewriteAnchor(anchor);
    },
    retarget(next) {
      const previous = config;
      config = next;
      selector = selectorFor(config.origin);
      base = doc.baseURI || doc.location?.href || base;
      // One document query on a rare event (mirror failover), not per mutation.
      for (const anchor of doc.querySelectorAll(`a[href^="${previous.origin}"]`)) {
        const given = anchor.getAttribute('href');
        const mark = marks.get(anchor);
        const source = mark !== undefined && mark.given === given ? mark.source : streamedSource(given, previous);
        if (source === null) continue;
        const target =
          mirrorHref(
            source,
            next.rules,
            isTco(source) && !anchor.classList.contains(CARD_CLASS) ? expandedUrlOf(anchor) : null,
          ) ?? source;
        marks.set(anchor, { given: target, source });
        anchor.setAttribute('href', target);
      }
    },
    isOwnChange(node) {
      return node.nodeType === 1 && marks.get(node as Element)?.given === (node as Element).getAttribute('href');
    },
    get rewritten() {
      return rewritten;
    },
  };
}
