/**
 * The follow bridge's collector on x.com: reads the accounts X shows on a
 * following / followers / list-members page (its `UserCell` rows) as the user
 * scrolls, and hands them to the background in batches. Reading the DOM is a
 * pure function of the nodes; the controller only watches and batches.
 *
 * X's markup, as it renders a row: the display name and the `@handle` are two
 * links to `/handle`; the bio is the row's last `dir="auto"` block outside
 * those links; emoji are `<img alt="🦋">`; links are `t.co` anchors whose
 * text is the address, with the parts X hides (`https://`, the tail of a
 * long URL) in hidden spans and a visible `…`.
 */
import type { XProfile } from '../model/bridge.ts';

export const USER_CELL = '[data-testid="UserCell"]';
const HANDLE_PATH = /^\/([A-Za-z0-9_]{1,50})\/?$/;
/** X's own routes that look like a handle in a link. */
const NOT_HANDLES = new Set([
  'home',
  'explore',
  'notifications',
  'messages',
  'search',
  'settings',
  'i',
  'compose',
  'login',
  'signup',
  'tos',
  'privacy',
]);

/** Which list a page shows: `following:alice`, `followers:alice`, `list:123`; null elsewhere. */
export function followListSource(url: URL): string | null {
  const host = url.hostname.replace(/^(?:www|mobile)\./, '');
  if (host !== 'x.com' && host !== 'twitter.com') return null;
  const list = /^\/i\/lists\/(\d{1,25})\/members\/?$/.exec(url.pathname);
  if (list) return `list:${list[1]}`;
  const tab = /^\/([A-Za-z0-9_]{1,50})\/(following|followers|verified_followers|followers_you_follow)\/?$/.exec(
    url.pathname,
  );
  if (!tab || NOT_HANDLES.has(tab[1]!.toLowerCase())) return null;
  const kind = tab[2] === 'following' ? 'following' : 'followers';
  return `${kind}:${tab[1]!.toLowerCase()}`;
}

function isTco(a: Element): boolean {
  return /^https?:\/\/t\.co\//i.test(a.getAttribute('href') ?? '');
}

/** Everything in a t.co link, hidden parts included, without X's ellipsis: the full address. */
function linkAddress(a: Element): string {
  let text = '';
  const walk = (node: Node): void => {
    if (node.nodeType === 3) text += node.nodeValue ?? '';
    else if (node.nodeType === 1) {
      const el = node as Element;
      if (el.localName === 'img') text += el.getAttribute('alt') ?? '';
      else if (el.textContent?.trim() !== '…') el.childNodes.forEach(walk);
    }
  };
  a.childNodes.forEach(walk);
  return text.replace(/…$/, '').trim();
}

function asUrl(address: string): string | null {
  const candidate = /^https?:\/\//i.test(address) ? address : `https://${address}`;
  try {
    return new URL(candidate).href;
  } catch {
    // X showed text that is no address (rare: a truncated host): leave it out of the links.
    return null;
  }
}

/**
 * What a reader sees, as text: emoji images as their character, t.co links as
 * their full address (without the scheme, as X displays them), hidden and
 * decorative parts (SVG badges) left out.
 */
export function visibleText(root: Node): string {
  let text = '';
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      text += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    if (el.localName === 'svg' || el.localName === 'script' || el.localName === 'style') return;
    if (el.localName === 'img') {
      text += el.getAttribute('alt') ?? '';
      return;
    }
    if (el.localName === 'br') {
      text += '\n';
      return;
    }
    if (el.localName === 'a' && isTco(el)) {
      text += linkAddress(el).replace(/^https?:\/\//i, '');
      return;
    }
    if (el.getAttribute('aria-hidden') === 'true') return;
    el.childNodes.forEach(walk);
  };
  walk(root);
  return text.replace(/[ \t]+\n/g, '\n').trim();
}

/** The full URLs of the t.co links under `root`. */
export function linksIn(root: Element): string[] {
  const out: string[] = [];
  for (const a of root.querySelectorAll('a[href]')) {
    if (!isTco(a)) continue;
    const url = asUrl(linkAddress(a));
    if (url && !out.includes(url)) out.push(url);
  }
  return out;
}

function handleOf(cell: Element): string | null {
  const counts = new Map<string, number>();
  for (const a of cell.querySelectorAll('a[href]')) {
    const m = HANDLE_PATH.exec(a.getAttribute('href') ?? '');
    if (!m || NOT_HANDLES.has(m[1]!.toLowerCase())) continue;
    // The link whose text is "@handle" settles it.
    if (visibleText(a).toLowerCase() === `@${m[1]!.toLowerCase()}`) return m[1]!;
    counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [handle, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = handle;
  return best;
}

/** Inside the row but outside the name links, the follow button and the "Follows you" badge. */
function isBioBlock(el: Element, cell: Element): boolean {
  if (el.closest('a')) return false;
  if (el.closest('[data-testid="userFollowIndicator"]')) return false;
  const button = el.closest('button, [role="button"]');
  return button === null || button === cell;
}

/** One X row as a profile, or null when it is not a complete account row. */
export function parseUserCell(cell: Element): XProfile | null {
  const handle = handleOf(cell);
  if (!handle) return null;
  let displayName = '';
  for (const a of cell.querySelectorAll('a[href]')) {
    if ((a.getAttribute('href') ?? '').replace(/\/$/, '').toLowerCase() !== `/${handle.toLowerCase()}`) continue;
    const text = visibleText(a);
    if (text && !text.startsWith('@')) {
      displayName = text;
      break;
    }
  }
  const blocks = [...cell.querySelectorAll('[dir="auto"]')].filter((el) => isBioBlock(el, cell));
  // Nested dir="auto" blocks: the outermost last one is the bio.
  const bioBlock = blocks.filter((el) => !blocks.some((other) => other !== el && other.contains(el))).at(-1) ?? null;
  return {
    handle,
    displayName: displayName || handle,
    bio: bioBlock ? visibleText(bioBlock) : '',
    links: bioBlock ? linksIn(bioBlock) : [],
    website: null,
  };
}

/** Every complete row under `root`, once per handle. */
export function parseUserCells(root: ParentNode): XProfile[] {
  const seen = new Set<string>();
  const out: XProfile[] = [];
  for (const cell of root.querySelectorAll(USER_CELL)) {
    const profile = parseUserCell(cell);
    if (!profile || seen.has(profile.handle.toLowerCase())) continue;
    seen.add(profile.handle.toLowerCase());
    out.push(profile);
  }
  return out;
}

export interface CollectorDeps {
  doc: Document;
  /** From followListSource(). */
  source: string;
  /** Hands a batch to the background. */
  send: (source: string, profiles: XProfile[]) => Promise<void>;
  /** Told how many distinct accounts this page gave so far. */
  onCount?: (count: number) => void;
  Observer?: typeof MutationObserver;
  setTimer?: (fn: () => void, ms: number) => unknown;
}

export const BATCH_LIMIT = 100;
const SETTLE_MS = 250;

export interface FollowCollector {
  /** Reads the rows now and sends what is new. */
  scan: () => Promise<void>;
  count: () => number;
}

/** Watches the page until `signal` aborts (X navigated away): every new row is sent once. */
export function startFollowCollector(deps: CollectorDeps, signal: AbortSignal): FollowCollector {
  const sent = new Set<string>();
  const Observer = deps.Observer ?? MutationObserver;
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  let pending = false;
  let sending: Promise<void> = Promise.resolve();

  async function scan(): Promise<void> {
    if (signal.aborted) return;
    const fresh = parseUserCells(deps.doc).filter((p) => !sent.has(p.handle.toLowerCase()));
    if (fresh.length === 0) return sending;
    for (const p of fresh) sent.add(p.handle.toLowerCase());
    deps.onCount?.(sent.size);
    for (let i = 0; i < fresh.length; i += BATCH_LIMIT) {
      const batch = fresh.slice(i, i + BATCH_LIMIT);
      sending = sending.then(() =>
        deps.send(deps.source, batch).catch((error: unknown) => {
          // The extension was reloaded or the background refused: these rows are read again on the next change.
          for (const p of batch) sent.delete(p.handle.toLowerCase());
          console.warn('Sortie: could not store the accounts read on this page', error);
        }),
      );
    }
    await sending;
  }

  const observer = new Observer(() => {
    if (pending) return;
    pending = true;
    setTimer(() => {
      pending = false;
      void scan();
    }, SETTLE_MS);
  });
  observer.observe(deps.doc.body ?? deps.doc.documentElement, { childList: true, subtree: true });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  void scan();
  return { scan, count: () => sent.size };
}
