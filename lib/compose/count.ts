/**
 * How long a post is, in each network's own unit.
 *
 * Mastodon (app/validators/status_length_validator.rb): grapheme clusters of
 * the content warning joined with the text, where each link written with a
 * scheme counts as `characters_reserved_per_url` (23 by default, whatever its
 * length) and "@user@domain" counts as "@user". A text of only whitespace
 * counts as nothing. Links without a scheme ("example.com") count as typed.
 *
 * Bluesky (app.bsky.feed.post lexicon): at most 300 grapheme clusters and
 * 3000 UTF-8 bytes of text, both checked. The official app shortens how long
 * links look in its composer and counts that; Sortie posts the text exactly as
 * typed (links become facets over the typed text), so it is counted as typed.
 */
import { countGraphemes, utf8Length } from './graphemes.ts';
import { findMastodonEntities, type MastodonEntity } from './tokens.ts';

export interface MastodonCountOptions {
  maxCharacters: number;
  charactersReservedPerUrl: number;
}

export interface MastodonCount {
  used: number;
  limit: number;
  remaining: number;
  over: boolean;
}

export const BLUESKY_GRAPHEME_LIMIT = 300;
export const BLUESKY_BYTE_LIMIT = 3000;

export interface BlueskyCount {
  graphemes: number;
  bytes: number;
  graphemeLimit: typeof BLUESKY_GRAPHEME_LIMIT;
  byteLimit: typeof BLUESKY_BYTE_LIMIT;
  over: boolean;
}

/** Rails' String#blank?: empty or only whitespace. */
const BLANK = /^\p{White_Space}*$/u;

/** The text the server counts: each entity replaced as StatusLengthValidator#countable_text does. */
export function mastodonCountableText(
  text: string,
  charactersReservedPerUrl: number,
  entities: readonly MastodonEntity[] = findMastodonEntities(text),
): string {
  if (BLANK.test(text)) return '';
  if (entities.length === 0) return text;
  const placeholder = 'x'.repeat(charactersReservedPerUrl);
  let out = '';
  let at = 0;
  for (const e of entities) {
    out += text.slice(at, e.start);
    out += e.kind === 'url' ? placeholder : `@${e.username}`;
    at = e.end;
  }
  return out + text.slice(at);
}

export function countMastodon(text: string, spoiler: string, options: MastodonCountOptions): MastodonCount {
  const used = countGraphemes(spoiler + mastodonCountableText(text, options.charactersReservedPerUrl));
  const remaining = options.maxCharacters - used;
  return { used, limit: options.maxCharacters, remaining, over: remaining < 0 };
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
