/**
 * How long a post is to Bluesky (app.bsky.feed.post lexicon): at most 300
 * grapheme clusters and 3000 UTF-8 bytes of text, both checked. The official
 * app shortens how long links look in its composer and counts that; Sortie
 * posts the text exactly as typed (links become facets over the typed text),
 * so it is counted as typed.
 */
import { countGraphemes, utf8Length } from '../../../text/graphemes.ts';

export const BLUESKY_GRAPHEME_LIMIT = 300;
export const BLUESKY_BYTE_LIMIT = 3000;

export interface BlueskyCount {
  graphemes: number;
  bytes: number;
  graphemeLimit: typeof BLUESKY_GRAPHEME_LIMIT;
  byteLimit: typeof BLUESKY_BYTE_LIMIT;
  over: boolean;
}

export function countBluesky(text: string): BlueskyCount {
  const graphemes = countGraphemes(text);
  const bytes = utf8Length(text);
  return {
    graphemes,
    bytes,
    graphemeLimit: BLUESKY_GRAPHEME_LIMIT,
    byteLimit: BLUESKY_BYTE_LIMIT,
    over: graphemes > BLUESKY_GRAPHEME_LIMIT || bytes > BLUESKY_BYTE_LIMIT,
  };
}
