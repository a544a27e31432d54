/**
 * How long a post is to a Mastodon server (app/validators/status_length_validator.rb):
 * grapheme clusters of the content warning joined with the text, where each
 * link written with a scheme counts as `characters_reserved_per_url` (23 by
 * default, whatever its length) and "@user@domain" counts as "@user". A text
 * of only whitespace counts as nothing. Links without a scheme
 * ("example.com") count as typed.
 */
import { countGraphemes } from '../../../text/graphemes.ts';
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
