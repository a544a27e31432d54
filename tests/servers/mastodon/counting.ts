// Mastodon's StatusLengthValidator: the length of a status is the number of
// grapheme clusters of spoiler_text followed by the text, after every URL is
// replaced by `characters_reserved_per_url` placeholder characters and every
// `@user@remote.host` mention by `@user`. Entities are found the way Mastodon's
// Extractor finds them (twitter-text's URL rules as patched in
// config/initializers/twitter_regex.rb, and Account::MENTION_RE).

export interface Entity {
  kind: 'url' | 'mention';
  start: number;
  end: number;
  /** The URL, or the mention without its leading '@' ('user' or 'user@host'). */
  value: string;
}

const WORD = '\\p{L}\\p{M}\\p{Nd}\\p{Pc}'; // Ruby's [[:word:]]
const UCHARS =
  '\\u{A0}-\\u{D7FF}\\u{F900}-\\u{FDCF}\\u{FDF0}-\\u{FFEF}\\u{10000}-\\u{1FFFD}\\u{20000}-\\u{2FFFD}\\u{30000}-\\u{3FFFD}' +
  '\\u{40000}-\\u{4FFFD}\\u{50000}-\\u{5FFFD}\\u{60000}-\\u{6FFFD}\\u{70000}-\\u{7FFFD}\\u{80000}-\\u{8FFFD}\\u{90000}-\\u{9FFFD}' +
  '\\u{A0000}-\\u{AFFFD}\\u{B0000}-\\u{BFFFD}\\u{C0000}-\\u{CFFFD}\\u{D0000}-\\u{DFFFD}\\u{E1000}-\\u{EFFFD}\\u{E000}-\\u{F8FF}' +
  '\\u{F0000}-\\u{FFFFD}\\u{100000}-\\u{10FFFD}';

const PROTOCOL = '(?:https?|dat|dweb|ipfs|ipns|ssb|gopher|gemini)://';
// twitter-text checks the top-level domain against its list of real TLDs; any
// alphabetic TLD of two or more letters (or punycode) stands in for that list.
const DOMAIN =
  '(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}_-]*[\\p{L}\\p{N}])?\\.)+(?:\\p{L}{2,}|xn--[a-z0-9-]+)(?![\\p{L}\\p{N}])';
const PATH_CHAR = '[^\\s<>()?]';
const BALANCED = `\\((?:${PATH_CHAR}+|${PATH_CHAR}*\\(${PATH_CHAR}+\\)${PATH_CHAR}*)\\)`;
const PATH_END = `(?:[^\\s()?!*"'「」<>;:=,.$%\\[\\]~&|@]|${BALANCED})`;
const PATH = `(?:${PATH_CHAR}*(?:${BALANCED}${PATH_CHAR}*)*${PATH_END}|${PATH_CHAR}+/)`;
const QUERY = `\\?[a-z0-9!?*'();:&=+$/%#\\[\\]\\-_.,~|@^${UCHARS}]*[a-z0-9_&=#/\\-${UCHARS}]`;
const URL_RE = new RegExp(
  `(?<![A-Za-z0-9@＠$#＃])(${PROTOCOL}${DOMAIN}(?::[0-9]+)?(?:/${PATH}*)?(?:${QUERY})?)`,
  'giu',
);

const USERNAME = '[a-z0-9_]+(?:[.-]+[a-z0-9_]+)*';
const MENTION_RE = new RegExp(`(?<![=/${WORD}])@(${USERNAME}(?:@[${WORD}]+(?:[.-]+[${WORD}]+)*)?)`, 'giu');
// twitter-text's end_mention_match: a mention followed by another at sign, a Latin
// accented letter or '://' is not a mention.
const END_MENTION =
  // eslint-disable-next-line no-misleading-character-class -- Mastodon's own class includes the combining marks on purpose
  /^(?:[@＠]|[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b\u0263\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff]|:\/\/)/u;

export function extractUrls(text: string): Entity[] {
  return [...text.matchAll(URL_RE)].map((m) => ({
    kind: 'url' as const,
    start: m.index,
    end: m.index + (m[1] ?? '').length,
    value: m[1] ?? '',
  }));
}

export function extractMentions(text: string): Entity[] {
  const entities: Entity[] = [];
  for (const m of text.matchAll(MENTION_RE)) {
    const end = m.index + m[0].length;
    if (END_MENTION.test(text.slice(end))) continue;
    entities.push({ kind: 'mention', start: m.index, end, value: m[1] ?? '' });
  }
  return entities;
}

/** twitter-text's remove_overlapping_entities: earliest start wins. */
export function extractEntities(text: string): Entity[] {
  const sorted = [...extractUrls(text), ...extractMentions(text)].sort((a, b) => a.start - b.start);
  const kept: Entity[] = [];
  for (const entity of sorted) {
    const previous = kept[kept.length - 1];
    if (previous && previous.end > entity.start) continue;
    kept.push(entity);
  }
  return kept;
}

export function countableText(text: string, reservedPerUrl: number): string {
  let out = '';
  let index = 0;
  for (const entity of extractEntities(text)) {
    out += text.slice(index, entity.start);
    out += entity.kind === 'url' ? 'x'.repeat(reservedPerUrl) : `@${entity.value.split('@')[0] ?? ''}`;
    index = entity.end;
  }
  return out + text.slice(index);
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function graphemeLength(text: string): number {
  let count = 0;
  for (const segment of segmenter.segment(text)) {
    if (segment.segment !== '') count += 1;
  }
  return count;
}

export function statusLength(text: string, spoilerText: string, reservedPerUrl: number): number {
  return graphemeLength(spoilerText + countableText(text, reservedPerUrl));
}
