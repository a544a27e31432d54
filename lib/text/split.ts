/**
 * Cutting a text that is too long for one post into a thread.
 *
 * Preference: the user's own MANUAL_SPLIT_MARKER always cuts; then a
 * paragraph break, a line break, a sentence end, a clause (comma...), a
 * space, and in CJK text written without spaces the gap between two
 * characters (never before 。、」 and the like). A cut lower in that list is
 * taken only when every better one would leave the part less than `minFill`
 * full (half, by default): a short opening paragraph stays with what follows
 * rather than becoming a near-empty post.
 *
 * Nothing is ever cut inside a grapheme cluster, nor inside a link, a
 * mention or a hashtag as the network sees them while it fits in a part of
 * its own. A single word longer than a part is cut between clusters as a last
 * resort, and so is a mention or hashtag longer than a part; a link never
 * is: one that cannot fit even alone (a Bluesky link over 300 characters)
 * becomes a part of its own, flagged `over`. Mastodon counts a link as 23
 * whatever its length, so there a long link always fits.
 *
 * On Mastodon the content warning counts against every part: Sortie repeats
 * it on each post of the thread, since the warning is per post.
 *
 * With numbering, " 1/3" is appended to each part and room is kept for it.
 * The room depends on the number of parts (" 9/9" vs " 10/12"), which depends
 * on the room: the split is redone until the digit count is stable.
 */
import { analysisFor, type Span, type TextAnalysis } from './analysis.ts';
import { BREAK_LEVEL_COUNT } from './breaks.ts';
import { MANUAL_SPLIT_MARKER } from '../model/draft.ts';
import { graphemeIndexAt } from './graphemes.ts';
import type { Meter } from './meter.ts';
import type { Token } from './tokens.ts';

/** A network's rules as the splitter needs them (lib/networks/<network>/text/rules.ts gives them). */
export interface SplitRules {
  /** Names the token rules, so that a text's spans are found once for every split under them. */
  key: string;
  /** What must not be cut: links, mentions, hashtags as the network sees them. */
  tokens(text: string): Token[];
  /** How full a part is against the limits; `spoiler` is the content warning, for a network that counts it. */
  meter(analysis: TextAnalysis, spoiler: string): Meter;
}

export interface SplitOptions {
  /** Append " k/n" to every part when there is more than one. */
  numbering?: boolean;
  /** The content warning, counted against every part where the network counts it (Mastodon). */
  spoiler?: string;
  /** How full (0..1) a part must be before a better kind of break is preferred to a fuller one. */
  minFill?: number;
}

export interface SplitPart {
  /** What to post: the body plus its numbering. */
  text: string;
  /** The part of the source text this post carries, trimmed. */
  body: string;
  /** UTF-16 range of `body` in the source text. */
  start: number;
  end: number;
  /** True when this part still exceeds the limit (an unsplittable token, or no room at all). */
  over: boolean;
}

interface Piece {
  start: number;
  end: number;
  over: boolean;
}

interface Cut {
  end: number;
  next: number;
  /** The cut is at whitespace or a segment edge, where the model is exact. */
  clean: boolean;
  /** A token or cluster that cannot be made smaller; it is kept whole even if over. */
  forced: boolean;
}

const DEFAULT_MIN_FILL = 0.5;
const MAX_RECOUNT_ATTEMPTS = 4;
const MAX_NUMBERING_ROUNDS = 6;

function digits(n: number): number {
  return String(n).length;
}

/** Room for " k/n" when there are up to `parts` parts. */
function numberingReserve(parts: number): number {
  return 2 + 2 * digits(parts);
}

/** Worst-case numbering text, used to re-count a part before the final numbers are known. */
function numberingProbe(reserve: number): string {
  const d = (reserve - 2) / 2;
  return reserve === 0 ? '' : ` ${'9'.repeat(d)}/${'9'.repeat(d)}`;
}

/** The [start, end) cluster ranges between manual split markers. */
function segments(a: TextAnalysis): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = 0;
  let searchFrom = 0;
  for (;;) {
    const at = a.text.indexOf(MANUAL_SPLIT_MARKER, searchFrom);
    if (at === -1) break;
    // A marker after "\r" starts inside the CRLF cluster; the cluster goes with the marker.
    const end = graphemeIndexAt(a.bounds, at);
    out.push([from, Math.max(from, end)]);
    from = graphemeIndexAt(a.bounds, at + MANUAL_SPLIT_MARKER.length);
    searchFrom = at + MANUAL_SPLIT_MARKER.length;
  }
  out.push([from, a.count]);
  return out;
}

function skipSpace(a: TextAnalysis, i: number, end: number): number {
  while (i < end && a.ws[i] !== 0) i++;
  return i;
}

function trimEnd(a: TextAnalysis, start: number, i: number): number {
  while (i > start && a.ws[i - 1] !== 0) i--;
  return i;
}

/** The protected span strictly containing cut position `at`, if any. */
function spanAround(spans: readonly Span[], at: number): Span | null {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid] as Span;
    if (s.end <= at) lo = mid + 1;
    else if (s.start >= at) hi = mid - 1;
    else return s;
  }
  return null;
}

/** Index into `list` of the last break whose end is <= at, or -1. */
function lastBreakAtOrBefore(a: TextAnalysis, list: Int32Array, at: number): number {
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((a.breaks.end[list[mid] as number] as number) <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function chooseCut(
  a: TextAnalysis,
  meter: Meter,
  spans: readonly Span[],
  byLevel: readonly Int32Array[],
  start: number,
  segEnd: number,
  reserve: number,
  minFill: number,
): Cut {
  if (!meter.hasRoom(reserve)) return { end: segEnd, next: segEnd, clean: true, forced: true };
  const reach = meter.reach(start, segEnd, reserve);
  if (reach >= segEnd) return { end: segEnd, next: segEnd, clean: true, forced: false };

  let fallback = -1;
  for (let level = 0; level < BREAK_LEVEL_COUNT; level++) {
    const list = byLevel[level] as Int32Array;
    const k = lastBreakAtOrBefore(a, list, reach);
    if (k === -1) continue;
    const b = list[k] as number;
    const end = a.breaks.end[b] as number;
    if (end <= start) continue;
    if (meter.fill(start, end, reserve) >= minFill) {
      return { end, next: a.breaks.next[b] as number, clean: a.breaks.spaced[b] === 1, forced: false };
    }
    if (fallback === -1 || end > (a.breaks.end[fallback] as number)) fallback = b;
  }
  if (fallback !== -1) {
    return {
      end: a.breaks.end[fallback] as number,
      next: a.breaks.next[fallback] as number,
      clean: a.breaks.spaced[fallback] === 1,
      forced: false,
    };
  }

  // Last resort: no break fits, cut the word itself between clusters. A
  // token the cut would fall in moves whole to the next part; one that is
  // already at the start and still too long is cut too, unless it is a link,
  // which is kept whole (and flagged) because a cut link is a broken link.
  let cut = reach;
  let forced = false;
  const around = spanAround(spans, cut);
  if (around && around.start > start) cut = around.start;
  else if (around?.kind === 'url') {
    cut = around.end;
    forced = true;
  }
  if (cut <= start) {
    // Not even one cluster fits (a huge emoji sequence against a tiny byte budget).
    const first = spanAround(spans, start + 1);
    cut = first?.kind === 'url' ? first.end : start + 1;
    forced = true;
  }
  return { end: cut, next: cut, clean: false, forced };
}

function layout(
  a: TextAnalysis,
  meter: Meter,
  spans: readonly Span[],
  byLevel: readonly Int32Array[],
  reserve: number,
  minFill: number,
): Piece[] {
  const pieces: Piece[] = [];
  const probe = numberingProbe(reserve);
  for (const [segStart, rawEnd] of segments(a)) {
    const segEnd = trimEnd(a, segStart, rawEnd);
    let start = skipSpace(a, segStart, segEnd);
    let cleanStart = true;
    while (start < segEnd) {
      let shrink = 0;
      let cut = chooseCut(a, meter, spans, byLevel, start, segEnd, reserve, minFill);
      let over = false;
      for (let attempt = 1; ; attempt++) {
        const recount = cut.forced || meter.needsRecount(start, cut.end, cut.clean && cleanStart);
        if (!recount) break;
        const body = a.text.slice(a.bounds[start] as number, a.bounds[cut.end] as number);
        const excess = meter.excess(body + probe);
        if (excess <= 0) break;
        if (cut.forced || attempt >= MAX_RECOUNT_ATTEMPTS) {
          over = true;
          break;
        }
        // The model under-counted this part (a context-dependent entity at a mid-word cut): ask for less.
        shrink += excess;
        cut = chooseCut(a, meter, spans, byLevel, start, segEnd, reserve + shrink, minFill);
      }
      pieces.push({ start, end: trimEnd(a, start, cut.end), over });
      cleanStart = cut.clean;
      start = skipSpace(a, cut.next, segEnd);
    }
  }
  return pieces;
}

/**
 * Splits `text` into the posts of a thread under one network's rules. A text
 * that fits gives one part (trimmed); a blank text gives none.
 */
export function splitText(text: string, rules: SplitRules, options: SplitOptions = {}): SplitPart[] {
  const a = analysisFor(text);
  const meter = rules.meter(a, options.spoiler ?? '');
  const { spans, byLevel } = a.view(rules.key, rules.tokens);
  const minFill = options.minFill ?? DEFAULT_MIN_FILL;

  let reserve = 0;
  let pieces = layout(a, meter, spans, byLevel, reserve, minFill);
  if (options.numbering && pieces.length > 1) {
    let assumed = pieces.length;
    for (let round = 0; round < MAX_NUMBERING_ROUNDS; round++) {
      reserve = numberingReserve(assumed);
      pieces = layout(a, meter, spans, byLevel, reserve, minFill);
      if (digits(pieces.length) <= digits(assumed)) break;
      assumed = pieces.length;
    }
  }
  const numbered = options.numbering === true && pieces.length > 1;
  return pieces.map((p, i) => {
    const start = a.bounds[p.start] as number;
    const end = a.bounds[p.end] as number;
    const body = text.slice(start, end);
    return {
      text: numbered ? `${body} ${i + 1}/${pieces.length}` : body,
      body,
      start,
      end,
      over: p.over,
    };
  });
}
