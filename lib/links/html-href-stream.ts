/**
 * Rewrites the `href` of `<a>` and `<area>` tags in an HTML document as its
 * bytes stream in, before the browser parses them: links arrive already
 * pointing at the mirror, so the page's main thread has no pass to make over
 * them (Firefox's stream filter, lib/links/background/document-stream.ts).
 *
 * Invariants:
 * - Bytes are never lost, reordered or added, except the value of an href
 *   the callback rewrote (written back quoted and escaped). Anything this
 *   scanner cannot follow (a tag longer than MAX_HELD, a UTF-16 document, an
 *   exception) ends rewriting for the rest of the document: the remaining
 *   bytes pass as they are, and the page script still rewrites after load.
 * - Only tags are rewritten: comments, `<script>`, `<style>` and the other
 *   raw-text elements pass untouched (rewriting there would change a script).
 * - Links inside an embedded tweet (`blockquote.twitter-tweet` or
 *   `.twitter-video`) are left for the page script, which turns the embed
 *   into a card and reads the embed's own status link for it.
 * - Work is linear in the document: each byte is scanned a bounded number of
 *   times (a held tag is scanned again when more bytes come, at most
 *   MAX_HELD of them).
 *
 * Bytes are read as `x-user-defined`, one character per byte (ASCII as is,
 * the rest in a private range): offsets in the text are offsets in the bytes,
 * so unchanged spans are copied as bytes and any ASCII-compatible charset
 * (UTF-8, windows-1252…) passes through without being decoded.
 */

/** The longest construct held back while waiting for its end (a tag with a huge `data:` URL, say). */
export const MAX_HELD = 256 * 1024;

/** Given an href value (entities decoded) and the tag's other attributes, the new href, or null to keep it. */
export type HrefRewrite = (href: string, attribute: (name: string) => string | null) => string | null;

export interface HrefStream {
  /** The rewritten bytes ready to go; what may belong to an unfinished tag is held back. */
  push(chunk: Uint8Array): Uint8Array;
  /** Everything still held, at the end of the response. */
  end(): Uint8Array;
  /** How many hrefs were rewritten so far. */
  readonly rewritten: number;
  /** False once the scanner gave up (the rest passes unchanged). */
  readonly active: boolean;
}

/** Elements whose content is text up to their end tag (no tags inside). */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);
const SPACE = /[\t\n\f\r ]/;
const isSpace = (c: string): boolean => SPACE.test(c);
const ASCII = /^[\x20-\x7e]*$/;
const isLetter = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

/** The references an href may hold that are decoded here; any other named one leaves the link alone. */
const SIMPLE_REFERENCE = /&(?:(amp|quot|apos|lt|gt);|#(\d{1,7});|#[xX]([0-9a-fA-F]{1,6});)/g;
const NAMED: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' };
/**
 * A named reference browsers would decode in an attribute: with its `;`, or
 * one of the legacy names without it when no `=` or alphanumeric follows.
 * A query's `&lang=fr` is neither.
 */
const OTHER_REFERENCE = /&(?!(?:amp|quot|apos|lt|gt);)[A-Za-z][A-Za-z0-9]*(?:;|(?![A-Za-z0-9=]))/;

/** The href's text as the browser reads it, or null when it holds a reference not handled here. */
export function decodeAttribute(raw: string): string | null {
  if (!raw.includes('&')) return raw;
  if (OTHER_REFERENCE.test(raw)) return null;
  let failed = false;
  const text = raw.replace(
    SIMPLE_REFERENCE,
    (_, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
      if (name !== undefined) return NAMED[name] ?? '';
      const code = dec !== undefined ? Number(dec) : Number.parseInt(hex ?? '', 16);
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) failed = true;
      return failed ? '' : String.fromCodePoint(code);
    },
  );
  return failed ? null : text;
}

const escapeAttribute = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

interface Attribute {
  value: string;
  /** Where the value's text starts and ends in the scanned text, quotes included. */
  start: number;
  end: number;
}

/** A tag scanned up to its `>`: its first attribute of each name, and where it ends. */
interface ScannedTag {
  end: number;
  attributes: Map<string, Attribute>;
}

/** Scans a tag's attributes from `p` (after its name); null when the text ends first. */
function scanAttributes(text: string, from: number): ScannedTag | null {
  const attributes = new Map<string, Attribute>();
  const n = text.length;
  let p = from;
  for (;;) {
    while (p < n && (isSpace(text.charAt(p)) || text.charAt(p) === '/')) p++;
    if (p >= n) return null;
    if (text.charAt(p) === '>') return { end: p + 1, attributes };
    const nameStart = p;
    p++; // a name may start with '=' (the HTML tokenizer keeps it in the name)
    while (p < n && !isSpace(text.charAt(p)) && !'/>='.includes(text.charAt(p))) p++;
    const name = text.slice(nameStart, p).toLowerCase();
    while (p < n && isSpace(text.charAt(p))) p++;
    if (p >= n) return null;
    let attribute: Attribute = { value: '', start: p, end: p };
    if (text.charAt(p) === '=') {
      p++;
      while (p < n && isSpace(text.charAt(p))) p++;
      if (p >= n) return null;
      const quote = text.charAt(p);
      if (quote === '"' || quote === "'") {
        const close = text.indexOf(quote, p + 1);
        if (close === -1) return null;
        attribute = { value: text.slice(p + 1, close), start: p, end: close + 1 };
        p = close + 1;
      } else if (quote !== '>') {
        const start = p;
        while (p < n && !isSpace(text.charAt(p)) && text.charAt(p) !== '>') p++;
        if (p >= n) return null;
        attribute = { value: text.slice(start, p), start, end: p };
      }
    }
    if (!attributes.has(name)) attributes.set(name, attribute);
  }
}

type Mode = { kind: 'data' } | { kind: 'comment' } | { kind: 'raw'; end: RegExp; name: string } | { kind: 'off' };

const decoder = new TextDecoder('x-user-defined');
/** A `<meta>` naming a charset in which '<' or a quote may be part of another character. */
const DECLARED_NOT_ASCII = /<meta[^>]+charset\s*=\s*["']?\s*(?:iso-2022-|csiso2022|hz-gb-2312|utf-7)/i;
const encoder = new TextEncoder();

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  let size = 0;
  for (const part of parts) size += part.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function createHrefStream(rewrite: HrefRewrite): HrefStream {
  let mode: Mode = { kind: 'data' };
  let held = new Uint8Array(0);
  let started = false;
  let rewritten = 0;
  /** Open blockquotes since an embedded tweet's own (0: not inside one). */
  let embedDepth = 0;

  /** Scans `bytes` (held bytes first); returns the output and keeps what must wait. */
  function scan(bytes: Uint8Array): Uint8Array {
    const text = decoder.decode(bytes);
    const n = text.length;
    const out: Uint8Array[] = [];
    let copied = 0; // bytes before this offset are in `out`
    let i = 0;
    let hold = n; // bytes from this offset wait for the next chunk

    const replace = (attribute: Attribute, value: string): void => {
      out.push(bytes.subarray(copied, attribute.start), encoder.encode(`"${escapeAttribute(value)}"`));
      copied = attribute.end;
      rewritten++;
    };

    scanning: while (i < n) {
      if (mode.kind === 'off') break;
      if (mode.kind === 'comment') {
        const close = text.indexOf('-->', i);
        if (close === -1) {
          hold = Math.max(i, n - 2);
          break;
        }
        i = close + 3;
        mode = { kind: 'data' };
        continue;
      }
      if (mode.kind === 'raw') {
        mode.end.lastIndex = i;
        const found = mode.end.exec(text);
        if (found === null) {
          // "</name" and the character after it may be cut by the chunk's end.
          hold = Math.max(i, n - (mode.name.length + 3));
          break;
        }
        i = found.index;
        mode = { kind: 'data' };
        continue;
      }
      const open = text.indexOf('<', i);
      if (open === -1) break;
      const next = text.charAt(open + 1);
      if (next === '') {
        hold = open;
        break;
      }
      if (next === '!') {
        if (n - open < 4) {
          hold = open;
          break;
        }
        if (text.startsWith('<!--', open)) {
          // "<!-->" and "<!--->" are whole (empty) comments: wait until that can be told.
          if (n - open < 6) {
            hold = open;
            break;
          }
          if (text.startsWith('>', open + 4)) i = open + 5;
          else if (text.startsWith('->', open + 4)) i = open + 6;
          else {
            i = open + 4;
            mode = { kind: 'comment' };
          }
          continue;
        }
      }
      if (next === '!' || next === '?' || (next === '/' && !isLetter(text.charAt(open + 2)))) {
        if (next === '/' && open + 2 >= n) {
          hold = open;
          break;
        }
        // A bogus comment (doctype included) runs to the next '>'.
        const close = text.indexOf('>', open);
        if (close === -1) {
          hold = open;
          break;
        }
        i = close + 1;
        continue;
      }
      const closing = next === '/';
      const nameStart = open + (closing ? 2 : 1);
      if (!isLetter(text.charAt(nameStart))) {
        i = open + 1; // a '<' in text
        continue;
      }
      let p = nameStart;
      while (p < n && !isSpace(text.charAt(p)) && text.charAt(p) !== '/' && text.charAt(p) !== '>') p++;
      if (p >= n) {
        hold = open;
        break;
      }
      const name = text.slice(nameStart, p).toLowerCase();
      const tag = scanAttributes(text, p);
      if (tag === null) {
        hold = open;
        break;
      }
      i = tag.end;
      if (closing) {
        if (name === 'blockquote' && embedDepth > 0) embedDepth--;
        continue;
      }
      if (name === 'blockquote') {
        if (embedDepth > 0) embedDepth++;
        else if (
          /(?:^|[\t\n\f\r ])twitter-(?:tweet|video)(?:$|[\t\n\f\r ])/.test(tag.attributes.get('class')?.value ?? '')
        )
          embedDepth = 1;
      } else if ((name === 'a' || name === 'area') && embedDepth === 0) {
        const href = tag.attributes.get('href');
        const value = href === undefined ? null : decodeAttribute(href.value);
        // X's URLs are ASCII: anything else (in whatever charset the page has) is left as it is.
        if (href !== undefined && value !== null && ASCII.test(value)) {
          const attribute = (wanted: string): string | null => {
            const found = tag.attributes.get(wanted.toLowerCase());
            return found === undefined ? null : decodeAttribute(found.value);
          };
          const target = rewrite(value, attribute);
          if (target !== null && target !== value && ASCII.test(target)) replace(href, target);
        }
      } else if (name === 'plaintext') {
        mode = { kind: 'off' };
        break scanning;
      } else if (RAW_TEXT.has(name)) {
        mode = { kind: 'raw', name, end: new RegExp(`</${name}(?=[\\t\\n\\f\\r />])`, 'gi') };
      }
    }
    if (mode.kind === 'off') hold = n;
    out.push(bytes.subarray(copied, Math.max(copied, hold)));
    held = bytes.slice(Math.max(copied, hold));
    if (held.length > MAX_HELD) {
      // Too long to wait for: the rest of the document passes as it is.
      mode = { kind: 'off' };
      out.push(held);
      held = new Uint8Array(0);
    }
    return concat(out);
  }

  return {
    push(chunk) {
      if (mode.kind === 'off') return chunk;
      let bytes = held.length === 0 ? chunk : concat([held, chunk]);
      held = new Uint8Array(0);
      if (!started) {
        if (bytes.length < 2) {
          held = bytes.slice();
          return new Uint8Array(0);
        }
        started = true;
        // UTF-16 (its byte order mark), or a charset declared early whose bytes are not
        // ASCII-compatible: left to the page script.
        if (
          (bytes[0] === 0xfe && bytes[1] === 0xff) ||
          (bytes[0] === 0xff && bytes[1] === 0xfe) ||
          DECLARED_NOT_ASCII.test(decoder.decode(bytes.subarray(0, 1024)))
        ) {
          mode = { kind: 'off' };
          return bytes;
        }
      }
      try {
        return scan(bytes);
      } catch (error) {
        // Whatever went wrong, the page still gets every byte, unchanged from here.
        console.error('Sortie links: the document scan stopped', error);
        mode = { kind: 'off' };
        bytes = bytes.slice();
        return bytes;
      }
    },
    end() {
      const rest = held;
      held = new Uint8Array(0);
      return rest;
    },
    get rewritten() {
      return rewritten;
    },
    get active() {
      return mode.kind !== 'off';
    },
  };
}
