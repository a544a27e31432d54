/**
 * Rewrites X links inside web pages to the current mirror: `<a href>`s,
 * t.co short links whose real target the page shows, embedded tweets
 * (`blockquote.twitter-tweet`) and X embed iframes.
 *
 * Runs in the page script, which must stay tiny and cheap: it knows nothing
 * about X's URL space. The background compiles the routes into page rules
 * (page-rules.ts, from the same table as the redirect rules) and stores them
 * with the mirror; this module only applies them. Work starts after the
 * page's load and goes in short runs that yield to the page's tasks, so
 * neither the load nor scrolling waits on it.
 */

/** browser.storage.local key the background keeps up to date (see RewriteConfig: the mirror and its page rules). */
export const LINK_MIRROR_KEY = 'sortie.linkMirror';

/** One route for pages: the first rule whose pattern matches decides; null keeps the link. */
export interface PageRule {
  /** Matched against the whole URL, or with `onHost` against what follows the X host. */
  pattern: string;
  /** JavaScript replacement string ($1...), or null to leave the link as it is. */
  replacement: string | null;
  /** The rule's target is a post: an embedded tweet's card may point there. */
  status?: boolean;
  /** The pattern is for the path after an X app host (`host` in the stored value). */
  onHost?: boolean;
  /** Captured groups go into the replacement percent-encoded (a whole path as one segment). */
  encode?: boolean;
}

interface CompiledRule {
  re: RegExp;
  replacement: string | null;
  status: boolean;
  onHost: boolean;
  encode: boolean;
}

/**
 * Compiled page rules. Most rules are for X's app hosts: the host is matched
 * once per link and those rules only see the rest, instead of each of forty
 * regexes matching the host again.
 */
export interface PageRules {
  host: RegExp;
  list: CompiledRule[];
}

/** What the page script reads from storage: the mirror's origin, its rules, the embed option. */
export interface RewriteConfig {
  origin: string;
  rules: PageRules;
  replaceEmbeds: boolean;
}

/**
 * What the rewriter handles. Links and frames are pre-filtered by the browser
 * on ".co" (see mayBeX): the page's other links are never handed to this
 * script, which matters in Firefox, where every element a content script
 * touches goes through a wrapper.
 */
const SELECTOR = 'a[href*=".co" i],blockquote.twitter-tweet,blockquote.twitter-video,iframe[src*=".co" i]';
const CARD_CLASS = 'sortie-x-card';
const CARD_STYLE =
  'display:block;box-sizing:border-box;max-width:550px;margin:12px 0;padding:12px 16px;' +
  'border:1px solid rgba(127,127,127,.45);border-radius:12px;color:inherit;text-decoration:none;' +
  'font:inherit;line-height:1.4;white-space:pre-line;overflow-wrap:anywhere';
/** Elements handled per slice (under a millisecond's work). */
const SLICE = 200;
/**
 * The most one run works before yielding: a task that arrives meanwhile (the
 * page's load event, a click) waits for the run to end, so runs stay short.
 */
const RUN_MS = 4;

/** Reads the stored page configuration, or null when it is missing or malformed (then nothing is touched). */
export function readRewriteConfig(value: unknown): RewriteConfig | null {
  if (typeof value !== 'object' || value === null) return null;
  const { origin, host, rules, replaceEmbeds } = value as Record<string, unknown>;
  if (typeof origin !== 'string' || !/^https?:\/\/[\w.-]+(?::\d{1,5})?$/.test(origin)) return null;
  if (typeof host !== 'string' || !Array.isArray(rules)) return null;
  try {
    const list: CompiledRule[] = [];
    for (const rule of rules as Partial<PageRule>[]) {
      const { pattern, replacement } = rule ?? {};
      if (typeof pattern !== 'string' || (replacement !== null && typeof replacement !== 'string')) return null;
      list.push({
        re: new RegExp(pattern, 'i'),
        replacement,
        status: rule.status === true,
        onHost: rule.onHost === true,
        encode: rule.encode === true,
      });
    }
    return { origin, rules: { host: new RegExp(host, 'i'), list }, replaceEmbeds: replaceEmbeds !== false };
  } catch (error) {
    if (error instanceof SyntaxError) return null;
    throw error;
  }
}

/**
 * The longest link the rules look at, and the most `&` in it. X's own URLs
 * stay far below both; a link over either is left as it is (a click on it
 * still meets the redirect rules, which the browser runs with RE2 in linear
 * time). JavaScript's regexes backtrack: with the atomic captures of
 * page-rules.ts, what is left to backtrack over is one try per `&` (where a
 * query parameter may start) times the rest of the link, so the two bounds
 * keep a crafted link from holding the page's main thread.
 */
export const MAX_PAGE_URL = 2048;
export const MAX_PAGE_URL_PARAMS = 32;

function overBounds(url: string): boolean {
  if (url.length > MAX_PAGE_URL) return true;
  let amps = 0;
  for (let i = url.indexOf('&'); i !== -1; i = url.indexOf('&', i + 1)) if (++amps > MAX_PAGE_URL_PARAMS) return true;
  return false;
}

/** Where `url` goes under `rules`, and whether it is a post; null to leave it. */
function applyRules(url: string, rules: PageRules): { href: string; status: boolean } | null {
  if (overBounds(url)) return null;
  const host = rules.host.exec(url)?.[0];
  const rest = host === undefined ? null : url.slice(host.length);
  for (const rule of rules.list) {
    const subject = rule.onHost ? rest : url;
    if (subject === null || !rule.re.test(subject)) continue;
    if (rule.replacement === null) return null;
    const replacement = rule.replacement;
    const href = rule.encode
      ? subject.replace(rule.re, (...match: string[]) =>
          replacement.replace(/\$(\$|&|\d)/g, (_, ref: string) =>
            ref === '$' ? '$' : encodeURIComponent(match[ref === '&' ? 0 : Number(ref)] ?? ''),
          ),
        )
      : subject.replace(rule.re, replacement);
    return { href, status: rule.status };
  }
  return null;
}

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
function absolute(text: string, base: string): string | null {
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
    const text = raw?.trim() ?? '';
    if (!/^https?:\/\/\S+$/i.test(text) || text.includes('…')) continue;
    try {
      const url = new URL(text);
      if (url.hostname !== 't.co') return url.href;
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
    }
  }
  return null;
}

const isTco = (url: string): boolean => /^https?:\/\/t\.co\//i.test(url);

/**
 * Where an X link should go instead, or null to leave it. `expanded` is the
 * t.co target shown by the page, when there is one.
 */
export function mirrorHref(href: string, rules: PageRules, expanded: string | null = null): string | null {
  if (expanded !== null && isTco(href)) return applyRules(expanded, rules)?.href ?? expanded;
  return applyRules(href, rules)?.href ?? null;
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
  let rewritten = 0;
  /** The href this rewriter gave each anchor or card. */
  const given = new WeakMap<Element, string>();
  /** The X URL each rewritten anchor or card stands for, to retarget later. */
  const original = new WeakMap<Element, string>();
  /** Read once per slice: some DOMs compute baseURI by searching the document for <base>. */
  let base = 'https://invalid.invalid/';

  function setHref(anchor: Element, target: string, source: string): void {
    given.set(anchor, target);
    original.set(anchor, source);
    anchor.setAttribute('href', target);
    rewritten += 1;
  }

  function rewriteAnchor(anchor: Element): void {
    const attr = anchor.getAttribute('href');
    if (attr === null || attr.length > MAX_PAGE_URL || !mayBeX(attr) || given.get(anchor) === attr) return;
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
        if (element.matches(SELECTOR)) found.push(element);
        for (const inner of element.querySelectorAll(SELECTOR)) found.push(inner);
      }
      return found;
    },
    process(elements) {
      base = doc.baseURI || doc.location?.href || base;
      const anchors: Element[] = [];
      // Embeds first: their own status link is what the card points to.
      for (const el of elements) {
        if (!el.isConnected) continue;
        const tag = el.tagName;
        if (tag === 'A') anchors.push(el);
        else if (!config.replaceEmbeds) continue;
        else if (tag === 'IFRAME') replaceFrame(el);
        else replaceQuote(el);
      }
      for (const anchor of anchors) if (anchor.isConnected) rewriteAnchor(anchor);
    },
    retarget(next) {
      const previous = config;
      config = next;
      base = doc.baseURI || doc.location?.href || base;
      // One document query on a rare event (mirror failover), not per mutation.
      for (const anchor of doc.querySelectorAll(`a[href^="${previous.origin}"]`)) {
        const source = original.get(anchor);
        if (source === undefined || given.get(anchor) !== anchor.getAttribute('href')) continue;
        const target =
          mirrorHref(
            source,
            next.rules,
            isTco(source) && !anchor.classList.contains(CARD_CLASS) ? expandedUrlOf(anchor) : null,
          ) ?? source;
        given.set(anchor, target);
        anchor.setAttribute('href', target);
      }
    },
    isOwnChange(node) {
      return node.nodeType === 1 && given.get(node as Element) === (node as Element).getAttribute('href');
    },
    get rewritten() {
      return rewritten;
    },
  };
}

/**
 * Lets the tasks waiting (an input event, the page's own) run first, then goes
 * on: a message to itself rather than setTimeout(0), which both browsers hold
 * 4 ms from the fifth in a chain (half the time lost between 4 ms runs).
 */
export function yieldToTasks(): (next: () => void) => void {
  if (typeof MessageChannel !== 'function') return (next) => void setTimeout(next, 0);
  let channel: MessageChannel | null = null;
  const queue: (() => void)[] = [];
  return (next) => {
    if (channel === null) {
      channel = new MessageChannel();
      channel.port1.onmessage = () => queue.shift()?.();
    }
    queue.push(next);
    channel.port2.postMessage(null);
  };
}

/**
 * Feeds nodes to the rewriter: the elements inside them are found, then
 * rewritten a slice at a time, at most RUN_MS at once, yielding to the tasks
 * waiting before each run until nothing is left. Runs are short, so the page
 * is never held long; they do not wait for idle time, which Firefox offers
 * only every 50 to 200 ms on a quiet page (links would stay unrewritten that
 * long). `soon` is how a run yields; `now` is the clock runs are cut by.
 */
export function createSlicedWork(
  rewriter: Pick<PageRewriter, 'find' | 'process'>,
  now: () => number = () => performance.now(),
  soon: (next: () => void) => void = yieldToTasks(),
): { add(nodes: Iterable<Node>): void; stop(): void } {
  let roots: Node[] = [];
  let stopped = false;
  let found: Element[] = [];
  let at = 0;
  let scheduled = false;
  const pending = (): boolean => at < found.length || roots.length > 0;
  const run = (): void => {
    scheduled = false;
    if (stopped) return;
    const until = now() + RUN_MS;
    do {
      if (at >= found.length) {
        if (roots.length === 0) return;
        found = rewriter.find(roots);
        roots = [];
        at = 0;
      }
      rewriter.process(found.slice(at, at + SLICE));
      at += SLICE;
    } while (now() < until);
    if (pending()) later();
  };
  const later = (): void => {
    if (scheduled || stopped) return;
    scheduled = true;
    soon(run);
  };
  return {
    add(nodes) {
      for (const node of nodes) roots.push(node);
      if (roots.length > 0) later();
    },
    stop() {
      stopped = true;
      roots = [];
      found = [];
    },
  };
}

/**
 * Watches `doc` for added elements and changed hrefs and hands them to `add`
 * (which defers the work). Records of `ignore`d nodes (the rewriter's own
 * writes) are dropped here. Returns a function that stops.
 */
export function watchAdditions(
  doc: Document,
  add: (nodes: Node[]) => void,
  ignore: (node: Node) => boolean = () => false,
  Observer: typeof MutationObserver = MutationObserver,
): () => void {
  const observer = new Observer((records) => {
    const nodes: Node[] = [];
    for (const record of records) {
      if (record.type === 'attributes') {
        if (!ignore(record.target)) nodes.push(record.target);
      } else for (const node of record.addedNodes) if (node.nodeType === 1) nodes.push(node);
    }
    if (nodes.length > 0) add(nodes);
  });
  observer.observe(doc.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['href'],
  });
  return () => observer.disconnect();
}
