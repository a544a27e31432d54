/**
 * A post's text cut into runs as the network will show it: plain text, and
 * the links, mentions and hashtags it will turn into links (the same
 * detection the counter and the splitter use, tokens.ts). The preview draws
 * these runs; it never makes them clickable, since nothing is posted yet.
 */
import type { Network } from '../model/draft.ts';
import { findTokens, type Token } from './tokens.ts';

export type RunKind = 'text' | Token['kind'];

export interface Run {
  kind: RunKind;
  text: string;
}

export function richRuns(text: string, network: Network): Run[] {
  const runs: Run[] = [];
  let at = 0;
  for (const token of findTokens(text, network)) {
    if (token.start > at) runs.push({ kind: 'text', text: text.slice(at, token.start) });
    runs.push({ kind: token.kind, text: text.slice(token.start, token.end) });
    at = token.end;
  }
  if (at < text.length) runs.push({ kind: 'text', text: text.slice(at) });
  return runs;
}
