/**
 * Text of an archived tweet made into text Sortie posts: HTML entities
 * decoded, X's code-point indices turned into string offsets, pieces
 * replaced (t.co → expanded link, media links removed), and X @mentions
 * kept as plain words.
 *
 * Why a WORD JOINER (U+2060) after the "@": an X handle is not the same
 * person on Bluesky or Mastodon, and posting "@alice" there would link (and
 * notify) whoever holds that name. Both networks only recognise a mention
 * when a name character follows the "@" directly (Mastodon's
 * Account::MENTION_RE, Bluesky's RichText MENTION_REGEX), so "@\u2060alice"
 * reads the same, copies the same in most places, and is never a mention,
 * on either network, whatever server or handle resolution runs. It costs one
 * character in the count.
 */

/** Inserted between "@" and a name so that no network sees a mention. */
export const MENTION_BREAK = '\u2060';

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** X escapes `&`, `<` and `>` in `full_text`; numeric references appear in older archives. */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/g, (whole, dec, hex, name) => {
    if (name) return NAMED[name as string] ?? whole;
    const cp = dec !== undefined ? Number(dec) : parseInt(hex as string, 16);
    // Surrogates, NUL and out-of-range values stay as written.
    if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return whole;
    return String.fromCodePoint(cp);
  });
}

/** UTF-16 offset of each code point index 0..n (X's entity indices count code points). */
export function codePointOffsets(text: string): number[] {
  const out: number[] = [0];
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
    out.push(i);
  }
  return out;
}

export interface Replacement {
  /** UTF-16 range in the source text. */
  start: number;
  end: number;
  with: string;
}

/**
 * Where `needle` is, as a UTF-16 range: at the code-point indices X gave when
 * the text there is the needle, else its first occurrence not yet taken (X's
 * indices are sometimes off, e.g. after `&amp;`), else null.
 */
export function locate(
  text: string,
  offsets: readonly number[],
  needle: string,
  indices: readonly number[] | undefined,
  taken: readonly Replacement[],
): { start: number; end: number } | null {
  if (needle === '') return null;
  const [a, b] = indices ?? [];
  if (a !== undefined && b !== undefined && b < offsets.length) {
    const start = offsets[a] as number;
    const end = offsets[b] as number;
    if (text.slice(start, end) === needle) return { start, end };
  }
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
    const end = at + needle.length;
    if (!taken.some((r) => r.start < end && at < r.end)) return { start: at, end };
  }
  return null;
}

/** Characters after which "@" cannot start a mention on Mastodon (a word, "=" or "/"); Bluesky is stricter. */
const MENTION = /(?<![=/\p{L}\p{M}\p{Nd}\p{Pc}])@(?=[A-Za-z0-9_])/gu;

/** Every "@name" either network could read as a mention gets MENTION_BREAK after its "@". */
export function neutralizeMentions(text: string): string {
  return text.includes('@') ? text.replace(MENTION, `@${MENTION_BREAK}`) : text;
}

/**
 * `text` with each replacement applied (ranges must not overlap), mentions
 * neutralized in the text between them: a replacement (an expanded link) is
 * kept as given, so an "@" in a link's path stays as it was.
 */
export function rewrite(text: string, replacements: readonly Replacement[]): string {
  const sorted = [...replacements].sort((x, y) => x.start - y.start);
  let out = '';
  let at = 0;
  for (const r of sorted) {
    if (r.start < at) continue;
    out += neutralizeMentions(text.slice(at, r.start)) + r.with;
    at = r.end;
  }
  return out + neutralizeMentions(text.slice(at));
}

/** http(s) links only: anything else an archive names is left out rather than posted as a link. */
export function httpLink(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}
