/**
 * What is sent: the one definition the counter, the splitter's callers and
 * the planner share, so that what the composer counts is what goes out.
 *
 * A network gets its override when the user wrote one (even an empty one),
 * else the shared text; whitespace around it (spaces, tabs, line and
 * paragraph breaks, as lib/text/breaks.ts classifies clusters) is never posted, since
 * the splitter trims every part at the same clusters. Inner whitespace, blank
 * lines included, is posted as typed.
 */
import { analysisFor } from '../text/analysis.ts';
import type { Draft, Network } from '../model/draft.ts';

/** The text written for `network`, before trimming (the field the caret is in). */
export function textFor(draft: Pick<Draft, 'text' | 'overrides'>, network: Network): string {
  return draft.overrides[network] ?? draft.text;
}

/** UTF-16 range of `text` without the whitespace clusters at either end; [0, 0) for a blank text. */
export function sentRange(text: string): { start: number; end: number } {
  if (text === '') return { start: 0, end: 0 };
  const a = analysisFor(text);
  let first = 0;
  while (first < a.count && a.ws[first] !== 0) first++;
  if (first === a.count) return { start: 0, end: 0 };
  let last = a.count;
  while (last > first && a.ws[last - 1] !== 0) last--;
  return { start: a.bounds[first] as number, end: a.bounds[last] as number };
}

/** The whole text posted to `network`, all thread parts together, without their numbering. */
export function sentText(draft: Pick<Draft, 'text' | 'overrides'>, network: Network): string {
  const text = textFor(draft, network);
  const { start, end } = sentRange(text);
  return text.slice(start, end);
}
