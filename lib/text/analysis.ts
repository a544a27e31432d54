/**
 * Everything about one text that splitting needs, computed once and shared by
 * every network, every account and every numbering attempt: the text is
 * segmented into grapheme clusters a single time per keystroke. What depends
 * on a network's rules (its tokens, its weights) is computed on demand and
 * kept under a key the network's rules choose.
 */
import { BREAK_LEVEL_COUNT, findBreaks, type Breaks } from './breaks.ts';
import { graphemeBoundaries, graphemeIndexAt, updateGraphemeBoundaries, utf8Length } from './graphemes.ts';
import type { Token } from './tokens.ts';

/** A range of clusters that a cut must not fall inside. */
export interface Span {
  start: number;
  end: number;
  kind: Token['kind'];
}

export interface TextAnalysis {
  text: string;
  /** Cluster start offsets, then text.length (see graphemeBoundaries). */
  bounds: Int32Array;
  /** Number of clusters. */
  count: number;
  /** UTF-8 bytes before each cluster (length count + 1). */
  bytesBefore: Int32Array;
  /** Whitespace kind of each cluster (breaks.ts WS_*). */
  ws: Uint8Array;
  breaks: Breaks;
  /**
   * Per set of token rules (`key` names them, a network's id): protected
   * spans, and the break indices not inside one, by level.
   */
  view(key: string, findTokens: (text: string) => Token[]): TokenView;
  /** Anything else a network's rules derive from this text, built once per `key`. */
  memo<T>(key: string, build: (analysis: TextAnalysis) => T): T;
}

export interface TokenView {
  spans: Span[];
  /** For each break level, ascending indices into `breaks` usable on this network. */
  byLevel: Int32Array[];
}

/** Maps a UTF-16 range to the clusters it touches; `aligned` is false when an edge cuts a cluster. */
export function toClusters(
  bounds: Int32Array,
  start: number,
  end: number,
): { span: { start: number; end: number }; aligned: boolean } {
  const s = graphemeIndexAt(bounds, start);
  let e = graphemeIndexAt(bounds, end);
  let aligned = bounds[s] === start;
  if (bounds[e] !== end) {
    e++;
    aligned = false;
  }
  return { span: { start: s, end: e }, aligned };
}

function buildView(a: TextAnalysis, findTokens: (text: string) => Token[]): TokenView {
  const spans: Span[] = findTokens(a.text).map((t) => ({
    ...toClusters(a.bounds, t.start, t.end).span,
    kind: t.kind,
  }));
  const { breaks } = a;
  const lists: number[][] = Array.from({ length: BREAK_LEVEL_COUNT }, () => []);
  let k = 0;
  for (let b = 0; b < breaks.count; b++) {
    const at = breaks.end[b] as number;
    while (k < spans.length && (spans[k] as Span).end <= at) k++;
    const span = spans[k];
    // Only breaks strictly inside a token are lost; one at its edge is fine.
    if (span && span.start < at && at < span.end) continue;
    (lists[breaks.level[b] as number] as number[]).push(b);
  }
  return { spans, byLevel: lists.map((l) => Int32Array.from(l)) };
}

/** UTF-8 bytes before each cluster (a cluster never splits a surrogate pair). */
function bytesBeforeEach(text: string, bounds: Int32Array): Int32Array {
  const count = bounds.length - 1;
  const out = new Int32Array(count + 1);
  for (let k = 0; k < count; k++)
    out[k + 1] = (out[k] as number) + utf8Length(text, bounds[k] as number, bounds[k + 1] as number);
  return out;
}

/** `previous`, an analysis of an earlier version of the text, lets segmentation resume where they differ. */
export function analyzeText(text: string, previous?: TextAnalysis): TextAnalysis {
  const bounds = previous ? updateGraphemeBoundaries(previous.text, previous.bounds, text) : graphemeBoundaries(text);
  const count = bounds.length - 1;
  const ws = new Uint8Array(count);
  const breaks = findBreaks(text, bounds, ws);
  const views = new Map<string, TokenView>();
  const memos = new Map<string, unknown>();
  const analysis: TextAnalysis = {
    text,
    bounds,
    count,
    bytesBefore: bytesBeforeEach(text, bounds),
    ws,
    breaks,
    view(key, findTokens) {
      let view = views.get(key);
      if (!view) {
        view = buildView(analysis, findTokens);
        views.set(key, view);
      }
      return view;
    },
    memo<T>(key: string, build: (analysis: TextAnalysis) => T): T {
      if (!memos.has(key)) memos.set(key, build(analysis));
      return memos.get(key) as T;
    },
  };
  return analysis;
}

/**
 * The last few texts analysed. The composer previews one draft for several
 * accounts, and re-renders without the text changing; a small cache makes
 * those free without holding on to old drafts. A new text is most likely one
 * of them plus or minus a keystroke (the shared text, or a network's
 * override), so its segmentation resumes from the one it shares most with.
 */
const recent: TextAnalysis[] = [];
const RECENT_SIZE = 4;

function sharedPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Typing at the end changes the last few characters; anything this close needs no further search. */
const CLOSE_ENOUGH = 64;

function closest(text: string): TextAnalysis | undefined {
  let best: TextAnalysis | undefined;
  let bestShared = 0;
  for (const a of recent) {
    const shared = sharedPrefix(a.text, text);
    if (shared >= text.length - CLOSE_ENOUGH) return a;
    if (shared > bestShared) {
      best = a;
      bestShared = shared;
    }
  }
  return best;
}

export function analysisFor(text: string): TextAnalysis {
  const hit = recent.findIndex((a) => a.text === text);
  if (hit !== -1) {
    const [a] = recent.splice(hit, 1);
    recent.unshift(a as TextAnalysis);
    return a as TextAnalysis;
  }
  const a = analyzeText(text, closest(text));
  recent.unshift(a);
  if (recent.length > RECENT_SIZE) recent.pop();
  return a;
}
