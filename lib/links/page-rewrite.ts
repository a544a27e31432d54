/**
 * Rewrites X links inside web pages to the current mirror: `<a href>`s,
 * t.co short links whose real target the page shows, embedded tweets
 * (`blockquote.twitter-tweet`) and X embed iframes.
 *
 * Runs in the content script, so it is framework-free and imports only the
 * pure parser and rewriter. Work on pages that keep adding content is
 * batched: the observer only collects added nodes, and one scheduled pass
 * looks inside each of them (never a whole-document query per node).
 */
import { rewriteToMirror, type MirrorTarget } from './mirrors';
import { parseXUrl } from './x-url';

/** browser.storage.local key the background keeps up to date: `{ origin, scheme, templates? }`. */
export const LINK_MIRROR_KEY = 'sortie.linkMirror';

const SELECTOR = 'a[href],blockquote.twitter-tweet,blockquote.twitter-video,iframe[src]';
const CARD_CLASS = 'sortie-x-card';
const CARD_STYLE =
  'display:block;box-sizing:border-box;max-width:550px;margin:12px 0;padding:12px 16px;' +
  'border:1px solid rgba(127,127,127,.45);border-radius:12px;color:inherit;text-decoration:none;' +
  'font:inherit;line-height:1.4;white-space:pre-line;overflow-wrap:anywhere';

/** Reads the stored mirror setting, or null when it is missing or malformed. */
export function readLinkMirror(value: unknown): MirrorTarget | null {
  if (typeof value !== 'object' || value === null) return null;
  const { origin, scheme, templates } = value as Record<string, unknown>;
  if (typeof origin !== 'string' || !/^https?:\/\/[\w.-]+(?::\d{1,5})?$/.test(origin)) return null;
  if (scheme !== 'nitter' && scheme !== 'template') return null;
  const target: MirrorTarget = { origin, scheme };
  if (typeof templates === 'object' && templates !== null) target.templates = templates as MirrorTarget['templates'];
  return target;
}

function absolute(text: string | null, base: string): URL | null {
  if (text === null) return null;
  try {
    return new URL(text, base);
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
    const text = raw?.trim() ?? '';
    if (!/^https?:\/\/\S+$/i.test(text) || text.includes('…')) continue;
    const url = absolute(text, 'https://invalid.invalid/');
    if (url !== null && url.hostname !== 't.co') return url.href;
  }
  return null;
}

/**
 * Where an X link should go instead, or null to leave it. `expanded` is the
 * t.co target shown by the page, when there is one.
 */
export function mirrorHref(href: string, mirror: MirrorTarget, expanded: string | null = null): string | null {
  const link = parseXUrl(href);
  if (link === null) return null;
  if (link.kind === 'tco' && expanded !== null) {
    const inner = parseXUrl(expanded);
    return (inner === null ? null : rewriteToMirror(inner, mirror)) ?? expanded;
  }
  return rewriteToMirror(link, mirror);
}

/** Cheap pre-check: every X host (x.com, t.co, twimg.com, fixers) contains ".co". */
const mayBeX = (href: string): boolean => /\.co/i.test(href);

export interface PageRewriter {
  /** Rewrites inside each node (and the node itself); nodes are usually a mutation batch. */
  processNodes(nodes: Iterable<Node>): void;
  /** Points already rewritten links at a new mirror. */
  retarget(mirror: MirrorTarget): void;
  /** How many links, cards and frames were rewritten so far. */
  readonly rewritten: number;
}

export interface RewriteOptions {
  /** Turn embedded tweets and X frames into mirror link cards (default true). */
  replaceEmbeds?: boolean;
}

/** Reads the `replaceEmbeds` flag stored next to the mirror (absent means on). */
export function readReplaceEmbeds(value: unknown): boolean {
  return typeof value !== 'object' || value === null || (value as { replaceEmbeds?: unknown }).replaceEmbeds !== false;
}

export function createPageRewriter(doc: Document, initial: MirrorTarget, options: RewriteOptions = {}): PageRewriter {
  const embeds = options.replaceEmbeds ?? true;
  let mirror = initial;
  let rewritten = 0;
  /** The href each handled anchor had when last looked at: unchanged means done. */
  const seen = new WeakMap<Element, string>();
  /** The X URL each rewritten anchor or card stands for, to retarget later. */
  const original = new WeakMap<Element, string>();
  /** Read once per batch: some DOMs compute baseURI by searching the document for <base>. */
  let base = 'https://invalid.invalid/';

  function rewriteAnchor(anchor: Element, source: string | null = null): void {
    const attr = anchor.getAttribute('href');
    if (attr === null || seen.get(anchor) === attr) return;
    seen.set(anchor, attr);
    const url = source ?? (mayBeX(attr) ? absolute(attr, base)?.href ?? null : null);
    if (url === null) return;
    const target = mirrorHref(url, mirror, expandedUrlOf(anchor));
    if (target === null) return;
    original.set(anchor, url);
    seen.set(anchor, target);
    anchor.setAttribute('href', target);
    rewritten += 1;
  }

  function card(target: string, source: string, text: string): Element {
    const a = doc.createElement('a');
    a.className = CARD_CLASS;
    a.setAttribute('href', target);
    a.setAttribute('style', CARD_STYLE);
    a.textContent = text;
    seen.set(a, target);
    original.set(a, source);
    rewritten += 1;
    return a;
  }

  /** An embedded tweet becomes a plain link card holding its text, pointing at the mirror. */
  function replaceQuote(quote: Element): void {
    const anchors = [...quote.querySelectorAll('a[href]')].reverse();
    for (const anchor of anchors) {
      const url = absolute(anchor.getAttribute('href'), base);
      const link = url === null ? null : parseXUrl(url);
      if (url === null || link?.kind !== 'status') continue;
      const target = rewriteToMirror(link, mirror);
      if (target === null) return;
      const text = (quote.textContent ?? '').replace(/[ \t\r\f]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim();
      quote.replaceWith(card(target, url.href, text));
      return;
    }
  }

  /** An X iframe (embed, timeline) becomes a link to the same thing on the mirror. */
  function replaceFrame(frame: Element): void {
    const src = frame.getAttribute('src') ?? '';
    if (!mayBeX(src)) return;
    const url = absolute(src, base);
    const tweetId = frame.getAttribute('data-tweet-id');
    const link = url === null ? null : parseXUrl(url);
    const target =
      link !== null
        ? rewriteToMirror(link, mirror)
        : tweetId !== null && /^\d+$/.test(tweetId)
          ? rewriteToMirror({ kind: 'embed', id: tweetId }, mirror)
          : null;
    if (url === null || target === null) return;
    frame.replaceWith(card(target, url.href, target));
  }

  function processElement(root: Element): void {
    const found = root.matches(SELECTOR) ? [root, ...root.querySelectorAll(SELECTOR)] : [...root.querySelectorAll(SELECTOR)];
    const anchors: Element[] = [];
    // Embeds first: their own status link is what the card points to.
    for (const el of found) {
      const tag = el.tagName;
      if (tag === 'A') anchors.push(el);
      else if (!embeds) continue;
      else if (tag === 'IFRAME') replaceFrame(el);
      else replaceQuote(el);
    }
    for (const anchor of anchors) if (anchor.isConnected) rewriteAnchor(anchor);
  }

  return {
    processNodes(nodes) {
      base = doc.baseURI || doc.location?.href || 'https://invalid.invalid/';
      for (const node of nodes) {
        if (node.nodeType === 1 && node.isConnected) processElement(node as Element);
      }
    },
    retarget(next) {
      const previous = mirror;
      mirror = next;
      if (previous.origin === next.origin && previous.scheme === next.scheme) return;
      base = doc.baseURI || doc.location?.href || 'https://invalid.invalid/';
      // One document query on a rare event (mirror failover), not per mutation.
      for (const anchor of doc.querySelectorAll(`a[href^="${previous.origin}"]`)) {
        const source = original.get(anchor);
        if (source === undefined) continue;
        seen.delete(anchor);
        rewriteAnchor(anchor, source);
      }
    },
    get rewritten() {
      return rewritten;
    },
  };
}

export type Schedule = (run: () => void) => void;

/** Runs work when the page is idle, and at the latest soon after. */
export const idleSchedule: Schedule = (run) => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 300 });
  else setTimeout(run, 16);
};

/**
 * Watches `doc` for added elements and changed hrefs, and hands them to
 * `process` in one batch per scheduled run. Returns a function that stops.
 */
export function watchAdditions(
  doc: Document,
  process: (nodes: Node[]) => void,
  schedule: Schedule = idleSchedule,
  Observer: typeof MutationObserver = MutationObserver,
): () => void {
  let pending: Node[] = [];
  let scheduled = false;
  let stopped = false;
  const flush = (): void => {
    scheduled = false;
    const batch = pending;
    pending = [];
    if (!stopped) process(batch);
  };
  const observer = new Observer((records) => {
    for (const record of records) {
      if (record.type === 'attributes') pending.push(record.target);
      else for (const node of record.addedNodes) if (node.nodeType === 1) pending.push(node);
    }
    if (!scheduled && pending.length > 0) {
      scheduled = true;
      schedule(flush);
    }
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['href'] });
  return () => {
    stopped = true;
    pending = [];
    observer.disconnect();
  };
}
