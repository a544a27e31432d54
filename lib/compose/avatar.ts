/**
 * The placeholder avatar of a preview: the account's initials on a colour
 * derived from its handle. Nothing is fetched, so a preview never tells a
 * server (or anyone between) that a post is being written.
 */
import { graphemeBoundaries } from '../text/graphemes.ts';

function firstCluster(word: string): string {
  if (word === '') return '';
  const bounds = graphemeBoundaries(word);
  return word.slice(0, bounds[1] as number);
}

/**
 * Up to two initials: of the first two words of the display name, else of the
 * handle's name part. Whole grapheme clusters (an emoji or an accented letter
 * is one initial), upper-cased where the script has case.
 */
export function initialsOf(displayName: string, handle: string): string {
  const words = displayName
    .trim()
    .split(/\s+/u)
    .filter((w) => /[\p{L}\p{N}\p{So}]/u.test(w));
  if (words.length > 0)
    return words
      .slice(0, 2)
      .map((w) => firstCluster(w).toLocaleUpperCase())
      .join('');
  const name = handle.replace(/^@/, '').split(/[@.]/)[0] ?? '';
  return firstCluster(name).toLocaleUpperCase() || '?';
}

/** A hue (0–359) stable for a handle, so each account keeps its colour. */
export function hueOf(handle: string): number {
  let h = 0;
  for (const ch of handle.toLowerCase()) h = (h * 31 + (ch.codePointAt(0) ?? 0)) % 360;
  return h;
}
