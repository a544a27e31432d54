/**
 * Comparing names and handles across networks: the same person writes
 * "Nadia 🌙", "nadia" and "NADIA (elle)"; an impersonator writes "Nаdia"
 * with a Cyrillic а. Pure functions, table-tested.
 */

/** Tokens that are addresses or links, not part of a name ("Ana | ana.bsky.social"). */
const ADDRESS_TOKEN = /\S*@\S+|(?:https?:\/\/)?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?:\/\S*)?/gu;

/**
 * A display name reduced to what identifies it: compatibility forms folded
 * (fullwidth, ligatures), invisible format characters (bidi marks, zero-width
 * joiners) dropped, addresses dropped, lower case, no accents, letters and
 * digits only, single spaces.
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .replace(ADDRESS_TOKEN, ' ')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function bigrams(text: string): Map<string, number> {
  const chars = [...text];
  const grams = new Map<string, number>();
  for (let i = 0; i < chars.length - 1; i++) {
    const gram = chars[i]! + chars[i + 1]!;
    grams.set(gram, (grams.get(gram) ?? 0) + 1);
  }
  return grams;
}

/** Sørensen–Dice over character bigrams (by code point, so emoji and astral letters count once). */
function dice(a: string, b: string): number {
  if (a === b) return 1;
  const ga = bigrams(a);
  const gb = bigrams(b);
  let total = 0;
  let shared = 0;
  for (const n of ga.values()) total += n;
  for (const n of gb.values()) total += n;
  for (const [gram, n] of ga) shared += Math.min(n, gb.get(gram) ?? 0);
  return total === 0 ? 0 : (2 * shared) / total;
}

/**
 * 0..1: how alike two display names are once normalised. Word order does not
 * matter ("Doe Jane" = "Jane Doe"); a name with an extra word ("Jane Doe
 * writer") stays close. Empty names are never alike.
 */
export function nameSimilarity(a: string, b: string): number {
  const na = normalizeName(a);
  const nb = normalizeName(b);
  if (!na || !nb) return 0;
  if (na === nb) return 1;
  const sorted = (s: string): string => s.split(' ').sort().join(' ');
  const compact = (s: string): string => s.replace(/ /g, '');
  const score = Math.max(dice(compact(na), compact(nb)), dice(compact(sorted(na)), compact(sorted(nb))));
  // Every word of a two-word-or-longer name found in the other ("Jane Doe" in "Jane Doe, writer").
  const [short, long] = na.length <= nb.length ? [na, nb] : [nb, na];
  const words = short.split(' ');
  const longWords = new Set(long.split(' '));
  const contained = words.length >= 2 && words.every((w) => longWords.has(w));
  return contained ? Math.max(score, 0.85) : score;
}

/**
 * Letters from Cyrillic and Greek (and a few Latin ones) that are drawn like
 * Latin letters, after lower-casing. After Unicode's confusables list
 * (UTS #39), limited to the ones that fool a reader at a glance.
 */
const CONFUSABLES: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  һ: 'h',
  і: 'i',
  ї: 'i',
  ј: 'j',
  к: 'k',
  ӏ: 'l',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  ԛ: 'q',
  с: 'c',
  ѕ: 's',
  т: 't',
  у: 'y',
  ү: 'y',
  х: 'x',
  ԝ: 'w',
  ԁ: 'd',
  ɡ: 'g',
  ı: 'i',
  ʟ: 'l',
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ϲ: 'c',
  ϳ: 'j',
};

/** What a name looks like to a reader: look-alike letters mapped to the Latin ones they imitate. */
export function skeleton(text: string): string {
  let out = '';
  for (const ch of normalizeName(text)) out += CONFUSABLES[ch] ?? ch;
  return out;
}

/** True when a word mixes Latin with Cyrillic or Greek letters: nobody's real name does that. */
export function hasMixedScript(text: string): boolean {
  return text
    .normalize('NFKC')
    .split(/[^\p{L}\p{M}]+/u)
    .some((word) => {
      const latin = /\p{Script=Latin}/u.test(word);
      return latin && (/\p{Script=Cyrillic}/u.test(word) || /\p{Script=Greek}/u.test(word));
    });
}

/**
 * A name that is not the X name but reads as it: "Jаne Doe" (Cyrillic а)
 * for "Jane Doe". Equal names are not look-alikes, nor are names written
 * entirely in another script (a transliteration is not an imitation).
 */
export function isLookAlikeName(xName: string, other: string): boolean {
  const a = normalizeName(xName);
  const b = normalizeName(other);
  if (!a || !b || a === b) return false;
  return skeleton(xName) === skeleton(other) && (hasMixedScript(other) || /[^\p{Script=Latin}\p{N} ]/u.test(b));
}

/** A handle's comparable form: lower case, no separators (X's `_` is `-` on Bluesky, dropped on some servers). */
export function canonicalHandle(local: string): string {
  return local.normalize('NFKC').toLowerCase().replace(/[_.-]/g, '');
}

/** Digits and letter pairs that pass for letters in a handle: janed0e, rnike, vvill. */
function handleSkeleton(local: string): string {
  return [...canonicalHandle(local)]
    .map((ch) => CONFUSABLES[ch] ?? ch)
    .join('')
    .replace(/0/g, 'o')
    .replace(/1/g, 'l')
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w');
}

export function isSameHandle(xHandle: string, local: string): boolean {
  const a = canonicalHandle(xHandle);
  return a.length > 0 && a === canonicalHandle(local);
}

/** A handle that imitates the X one without being it: janed0e for janedoe. */
export function isLookAlikeHandle(xHandle: string, local: string): boolean {
  if (isSameHandle(xHandle, local)) return false;
  const a = handleSkeleton(xHandle);
  return a.length > 0 && a === handleSkeleton(local);
}

/** True when the text has letters outside ASCII (an IDN host or handle written with homoglyphs). */
export function hasNonAscii(text: string): boolean {
  return /[^\x00-\x7f]/.test(text);
}

/**
 * A name shortened from the other: "Auré" for "Aurélie", "Aurélie D." for
 * "Aurélie Dupont". Each word of the shorter name starts a word of the longer
 * one, in order, and the first word keeps at least three letters.
 */
export function isShortenedName(a: string, b: string): boolean {
  const na = normalizeName(a);
  const nb = normalizeName(b);
  if (!na || !nb || na === nb) return false;
  const [short, long] = na.length <= nb.length ? [na.split(' '), nb.split(' ')] : [nb.split(' '), na.split(' ')];
  if ([...short[0]!].length < 3 || short.length > long.length) return false;
  return short.every((word, i) => long[i]!.startsWith(word));
}
