/**
 * Link cards: the title, description and picture a page announces in its
 * OpenGraph (or Twitter, or plain HTML) tags. Parsing is plain string work,
 * with no DOMParser, so it runs in a service worker and in Node alike; every
 * value comes out as text (entities decoded) and is never treated as HTML.
 *
 * Fetching goes through fetchContent: no cookie, no referrer, every hop
 * checked (never X, never the local network), bounded in size and time.
 * A link to X gets no card at all, not even through a mirror: the mirror
 * would learn which post the user shares, and a card is not worth that.
 * The picture must be JPEG, PNG, WebP or GIF by its bytes.
 */

import { checkFetchTarget } from '../../fetch-target.ts';
import { sniffRaster } from '../../bytes/raster.ts';
import { fetchContent } from './content-fetch.ts';
import { readCapped } from './response-cap.ts';

export interface OpenGraph {
  title: string;
  description: string;
  /** Absolute http(s) URL of the picture, when the page names one. */
  image?: string;
}

export interface LinkCard extends OpenGraph {
  /** The link as written in the post (what the card points to). */
  uri: string;
  /** The picture itself, when it could be fetched within the size limit. */
  thumb?: { bytes: Uint8Array; mime: string };
}

export const TITLE_MAX_CHARS = 300;
export const DESCRIPTION_MAX_CHARS = 1000;
/** Enough for any page head; a page is never read further than this. */
export const PAGE_MAX_BYTES = 1_000_000;
/** Bluesky's limit for an external embed's thumb. */
export const THUMB_MAX_BYTES = 1_000_000;
const DEFAULT_TIMEOUT_MS = 8000;

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  hellip: '\u2026',
  mdash: '\u2014',
  ndash: '\u2013',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  bull: '\u2022',
  trade: '\u2122',
  euro: '\u20ac',
};

// The Latin-1 entities (U+00A0..U+00FF), in code point order: accented letters are common in titles.
const LATIN1_NAMES = (
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 ' +
  'acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml ' +
  'Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde ' +
  'Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ' +
  'ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide ' +
  'oslash ugrave uacute ucirc uuml yacute thorn yuml'
).split(' ');
LATIN1_NAMES.forEach((name, i) => {
  NAMED_ENTITIES[name] = String.fromCharCode(0xa0 + i);
});

function codePointText(code: number): string {
  const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
  return valid ? String.fromCodePoint(code) : '\ufffd';
}

/** Decodes numeric and common named character references; unknown ones stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});?/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const hex = ref[1] === 'x' || ref[1] === 'X';
      return codePointText(Number.parseInt(ref.slice(hex ? 2 : 1), hex ? 16 : 10));
    }
    // Names are case-sensitive (&Eacute; vs &eacute;); the XML five also come in capitals.
    return NAMED_ENTITIES[ref] ?? (ref.length <= 4 ? NAMED_ENTITIES[ref.toLowerCase()] : undefined) ?? whole;
  });
}

/** Whitespace collapsed, control characters dropped, cut on a code point boundary. */
function cleanText(raw: string, max: number): string {
  // C0/C1 control characters have no business in a card and can confuse renderers.
  const text = decodeEntities(raw)
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(text);
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}\u2026`;
}

/** Attributes of one start tag, names lower-cased, values entity-decoded later. */
function parseAttributes(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const re = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (const m of tag.matchAll(re)) {
    const name = m[1]?.toLowerCase();
    if (name && !attrs.has(name)) attrs.set(name, m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

/** Scripts, styles and comments can contain tag-like text that is not markup. */
function stripNonMarkup(html: string): string {
  return html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
    .replace(/<(script|style|noscript|template)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, ' ');
}

/** `value` as an absolute http(s) URL (resolved against `base` when given), else undefined. */
function absoluteHttpUrl(value: string, base?: string): string | undefined {
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch (err) {
    if (err instanceof TypeError) return undefined; // not a URL at all
    throw err;
  }
}

const TITLE_KEYS = ['og:title', 'twitter:title'];
const DESCRIPTION_KEYS = ['og:description', 'twitter:description', 'description'];
const IMAGE_KEYS = ['og:image:secure_url', 'og:image:url', 'og:image', 'twitter:image', 'twitter:image:src'];

/** Longer start tags are not metadata anyone wrote by hand; skipping them bounds the work. */
const MAX_TAG_CHARS = 16_384;

interface StartTag {
  name: 'meta' | 'base';
  attrs: Map<string, string>;
}

/**
 * The <meta> and <base> start tags, in one linear pass. Quoted attribute
 * values may contain '>' (hostile pages do that), so the end of a tag is
 * the first '>' outside quotes, as an HTML tokenizer sees it. Regular
 * expressions over the whole page went quadratic on crafted input.
 */
function* metaTags(markup: string): Generator<StartTag> {
  const lower = markup.toLowerCase();
  let at = 0;
  for (;;) {
    const open = lower.indexOf('<', at);
    if (open < 0) return;
    const name = lower.startsWith('<meta', open) ? 'meta' : lower.startsWith('<base', open) ? 'base' : null;
    const next = lower[open + 5];
    // "<metadata>" and the like are other tags: the name must end here.
    if (!name || (next !== undefined && !/[\s/>]/.test(next))) {
      at = open + 1;
      continue;
    }
    let quote: string | null = null;
    let close = -1;
    for (let i = open + 5; i < markup.length; i++) {
      const c = markup[i];
      if (quote) {
        if (c === quote) quote = null;
      } else if (c === '"' || c === "'") {
        quote = c;
      } else if (c === '>') {
        close = i;
        break;
      }
    }
    if (close < 0) return; // an unterminated tag swallows the rest of the page
    if (close - open <= MAX_TAG_CHARS) yield { name, attrs: parseAttributes(markup.slice(open + 5, close)) };
    at = close + 1;
  }
}

/** Text of the first <title> element, found with indexOf so crafted pages stay linear. */
function titleText(markup: string): string | undefined {
  const lower = markup.toLowerCase();
  const open = lower.indexOf('<title');
  if (open < 0) return undefined;
  const start = lower.indexOf('>', open);
  const end = start < 0 ? -1 : lower.indexOf('</title', start);
  return end < 0 ? undefined : markup.slice(start + 1, end);
}

export function parseOpenGraph(html: string, pageUrl: string): OpenGraph {
  const markup = stripNonMarkup(html.slice(0, PAGE_MAX_BYTES));
  const meta = new Map<string, string>();
  let base = pageUrl;
  for (const tag of metaTags(markup)) {
    if (tag.name === 'base') {
      const href = tag.attrs.get('href');
      const resolved = href === undefined ? undefined : absoluteHttpUrl(decodeEntities(href), pageUrl);
      if (resolved) base = resolved;
      continue;
    }
    const key = (tag.attrs.get('property') ?? tag.attrs.get('name'))?.trim().toLowerCase();
    const content = tag.attrs.get('content');
    // The first non-empty value wins, as crawlers do: later duplicates are usually alternates.
    if (key && content !== undefined && !meta.get(key)?.trim()) meta.set(key, content);
  }
  const pick = (keys: string[]): string | undefined =>
    keys.map((k) => meta.get(k)).find((v) => v !== undefined && v.trim() !== '');

  const title = cleanText(pick(TITLE_KEYS) ?? titleText(markup) ?? '', TITLE_MAX_CHARS);
  const description = cleanText(pick(DESCRIPTION_KEYS) ?? '', DESCRIPTION_MAX_CHARS);
  const rawImage = pick(IMAGE_KEYS);
  const image = rawImage === undefined ? undefined : absoluteHttpUrl(decodeEntities(rawImage), base);
  return image ? { title, description, image } : { title, description };
}

function decodeHtml(bytes: Uint8Array, contentType: string): string {
  const charset = /charset=["']?([\w-]+)/i.exec(contentType)?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch (err) {
    // An unknown charset label: UTF-8 is the web's default and usually right.
    if (err instanceof RangeError) return new TextDecoder('utf-8').decode(bytes);
    throw err;
  }
}

export interface LinkCardOptions {
  timeoutMs?: number;
}

async function fetchThumb(
  imageUrl: string,
  fetchImpl: typeof fetch,
  signal: AbortSignal,
): Promise<LinkCard['thumb'] | undefined> {
  const res = await fetchContent(imageUrl, { fetchImpl, signal, accept: 'image/jpeg,image/png,image/webp,image/gif' });
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    return undefined;
  }
  const bytes = await readCapped(res, THUMB_MAX_BYTES, 'reject');
  // The bytes decide what the picture is, not the server's Content-Type: SVG and the rest never pass.
  const mime = bytes ? sniffRaster(bytes) : null;
  return bytes && mime ? { bytes, mime } : undefined;
}

/**
 * Fetches the page behind `url` and, when it names one, its picture. Returns
 * null when there is nothing to show. Never throws: a card is a nicety and
 * must not cost the post.
 */
export async function fetchLinkCard(
  url: string,
  fetchImpl: typeof fetch,
  options: LinkCardOptions = {},
): Promise<LinkCard | null> {
  // An X link gets no card: asking X (or a mirror of it) would tell them who shares what.
  if (!checkFetchTarget(url).ok) return null;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  try {
    const res = await fetchContent(url, {
      fetchImpl,
      signal: controller.signal,
      accept: 'text/html,application/xhtml+xml',
    });
    const contentType = res.headers.get('content-type') ?? '';
    if (!res.ok || !/html/i.test(contentType)) {
      await res.body?.cancel().catch(() => undefined);
      return null;
    }
    const bytes = await readCapped(res, PAGE_MAX_BYTES, 'truncate');
    const og = parseOpenGraph(decodeHtml(bytes ?? new Uint8Array(), contentType), res.url || url);
    if (!og.title && !og.description && !og.image) return null;
    const card: LinkCard = { uri: url, ...og };
    if (og.image) {
      try {
        const thumb = await fetchThumb(og.image, fetchImpl, controller.signal);
        if (thumb) card.thumb = thumb;
      } catch (err) {
        // A missing picture still leaves a useful card.
        console.warn('Sortie: link card picture unavailable', og.image, err);
      }
    }
    return card;
  } catch (err) {
    console.warn('Sortie: no link card for', url, err);
    return null;
  } finally {
    clearTimeout(timer);
    // Ends what is still downloading: a page cut at its cap, a picture refused (Firefox goes on
    // downloading a body whose reading was cancelled, for as long as the server sends it).
    controller.abort();
  }
}
