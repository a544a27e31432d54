/**
 * Grapheme clusters and UTF-8 sizes, the two units both networks count in.
 *
 * One shared `Intl.Segmenter`: building one costs far more than using it, and
 * the composer asks on every keystroke. Mastodon (Ruby's
 * `each_grapheme_cluster`) and Bluesky (`Intl.Segmenter` in @atproto/lex-data)
 * both count extended grapheme clusters (UAX #29), which is what this gives.
 */
import { lazy } from '../lazy.ts';

// Built on first use: constructing one loads ICU data, which the service worker's
// start-up (that imports this module for queuing) should not pay on every wake.
const segmenter = lazy(() => new Intl.Segmenter(undefined, { granularity: 'grapheme' }));

/**
 * Characters that can never join a neighbour into one cluster when both sides
 * are ASCII, except CR followed by LF. Text made only of these is counted
 * without asking the segmenter, which is the common case of plain typing.
 */
const NON_ASCII_OR_CRLF = /[^\x00-\x7f]|\r\n/;

export function countGraphemes(text: string): number {
  if (text === '') return 0;
  if (!NON_ASCII_OR_CRLF.test(text)) return text.length;
  let count = 0;
  for (const _ of segmenter().segment(text)) count++;
  return count;
}

/**
 * Start offsets (UTF-16) of every grapheme cluster, followed by `text.length`:
 * cluster `i` is `text.slice(b[i], b[i + 1])`, and there are `b.length - 1`.
 * Segmenting once and indexing into this is what keeps splitting linear.
 */
export function graphemeBoundaries(text: string): Int32Array {
  if (!NON_ASCII_OR_CRLF.test(text)) {
    const out = new Int32Array(text.length + 1);
    for (let i = 0; i <= text.length; i++) out[i] = i;
    return out;
  }
  // A cluster is at least one code unit, so text.length + 1 slots always suffice.
  const scratch = new Int32Array(text.length + 1);
  let n = 0;
  for (const { index } of segmenter().segment(text)) scratch[n++] = index;
  scratch[n] = text.length;
  return scratch.slice(0, n + 1);
}

/**
 * graphemeBoundaries(text), reusing those of `previous` (an earlier version
 * of the same draft) up to where the two texts start to differ. Typing or
 * deleting at the end then segments only the last few clusters.
 *
 * Segmenting from a cluster start gives the same clusters as segmenting from
 * the text start (regional-indicator pairs keep their parity, and every other
 * rule looks back only within a cluster). The cluster touching the first
 * changed character may grow or shrink, and so, through a joiner, may the one
 * before it; restarting one cluster earlier still covers both.
 */
export function updateGraphemeBoundaries(previousText: string, previous: Int32Array, text: string): Int32Array {
  const max = Math.min(previousText.length, text.length);
  let same = 0;
  while (same < max && previousText.charCodeAt(same) === text.charCodeAt(same)) same++;
  // Last cluster starting strictly before the first difference, then one more back.
  const keep = graphemeIndexAt(previous, Math.max(0, same - 1)) - 1;
  if (keep <= 0) return graphemeBoundaries(text);
  const from = previous[keep] as number;
  const tail = graphemeBoundaries(text.slice(from));
  const out = new Int32Array(keep + tail.length);
  out.set(previous.subarray(0, keep));
  for (let i = 0; i < tail.length; i++) out[keep + i] = (tail[i] as number) + from;
  return out;
}

/**
 * Index of the cluster containing UTF-16 offset `offset` (the last cluster
 * starting at or before it). `offset === text.length` gives the cluster count.
 */
export function graphemeIndexAt(bounds: Int32Array, offset: number): number {
  let lo = 0;
  let hi = bounds.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((bounds[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * UTF-8 size of `text.slice(start, end)` without encoding it. A lone
 * surrogate is 3 bytes, as TextEncoder writes it (U+FFFD).
 */
export function utf8Length(text: string, start = 0, end = text.length): number {
  let bytes = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Number of Unicode code points, the unit Ruby's String#length (and Rails' length validator) uses. */
export function countCodePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
