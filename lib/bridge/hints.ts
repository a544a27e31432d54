/**
 * Finds, in what an X profile shows, the other accounts it may name:
 * fediverse addresses (`@user@host`, `host/@user`, profile URLs), Bluesky
 * handles (`*.bsky.social` and the user's own PDS domains, custom domains
 * next to a Bluesky cue, `bsky.app/profile/...` links) and the domains of the
 * profile's links (a custom-domain handle is a domain the person owns).
 * Pure: nothing is looked up here. Reading an X bio is knowing how each
 * network's addresses are written, so the patterns for each live here, in
 * the one reader, rather than in each network's meta.
 */
import type { Hint, HintSource, XProfile } from '../model/bridge.ts';
import { assertNever } from '../assert-never.ts';
import { DEFAULT_HANDLE_SUFFIXES } from '../networks/bluesky/meta.ts';
import { NETWORKS } from '../networks/registry.ts';
import { hasNonAscii } from './text.ts';

const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?';
const HOST = `(?:${LABEL}\\.)+\\p{L}[\\p{L}\\p{N}-]*\\p{L}`;
const USER = '[\\p{L}\\p{N}_](?:[\\p{L}\\p{N}_.-]*[\\p{L}\\p{N}_])?';

/** Words that say an address is the person's own. Looked for just before (or right after) it. */
const SELF_CUE =
  /🦋|☁️|🐘|🦣|bluesky|bsky|mastodon|masto\b|fedi(?:verse)?|also (?:on|at)|find me|follow me|moved|now (?:on|at)|elsewhere|ailleurs|aussi sur|retrouvez|suivez|me trouver|sur (?:bluesky|mastodon)|→|➡|👉/iu;
const BLUESKY_CUE = /🦋|☁️|bluesky|bsky/iu;
const MASTODON_CUE = /🐘|🦣|mastodon|masto\b|fedi(?:verse)?/iu;

/**
 * Words that tie the person to an account without saying it is theirs: they
 * work there, for it, founded it, belong to it. Looked for just before the
 * address, on the same line, with at most a few characters (an emoji, "the")
 * in between. EN and FR.
 */
const AFFILIATION =
  /(?:^|[^\p{L}])(?:pour|chez|at|for|with|of|@ ?work|(?:co-?)?found(?:er|ress)(?: of)?|(?:co-?)?fondat(?:eur|rice)(?: de)?|work(?:s|ing)? (?:at|for|with)|employ(?:ee|ée?) (?:of|at|de|chez)|travaille (?:à|chez|pour|avec)|member of|membre (?:de|du|des)|(?:ceo|cto|coo|director|directeur|directrice|head|lead|editor|rédac(?:teur|trice)?(?: en chef)?|président(?:e)?|president|porte-parole|spokesperson|comms?|com') (?:of|at|de|du|chez|pour|for)|(?:chargée?|responsable) (?:de )?com(?:munication)?'?(?: (?:pour|chez|de|à))?|(?:team|équipe|staff|board)(?: (?:of|at|de|du))?|au sein de|within|(?:day )?job|work|travail|boulot|employer|employeur|employeuse|taf)(?:\s|[^\p{L}\p{N}@]){0,6}(?:(?:the|la|le|l'|les|du|de|des) )?(?:[\p{Extended_Pictographic}\uFE0F\s:]|@(?=\s)){0,4}$/iu;

/** Words that turn a following "at"/"for" into the person's own ("find me at", "also at", "moved to"). */
const SELF_BEFORE_AFFILIATION =
  /(?:me|moi|also|aussi|now|maintenant|moved|déménagé·?e?|personal|perso|my own|mon compte)\s*(?:at|for|with|chez|pour)?\s*[\p{Extended_Pictographic}\uFE0F\s:]*$/iu;

/** The words before an address, when they say the person is connected to it rather than that it is theirs. */
export function affiliationBefore(text: string, start: number): string | null {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(Math.max(lineStart, start - 60), start);
  const m = AFFILIATION.exec(before);
  if (!m) return null;
  if (SELF_BEFORE_AFFILIATION.test(before)) return null;
  return m[0].replace(/^[^\p{L}@]+/u, '').trim() || null;
}

/** Hosts where `/@name` is not a fediverse account, and platforms no one's handle can be. */
const NOT_FEDIVERSE = new Set([
  'x.com',
  'twitter.com',
  'medium.com',
  'youtube.com',
  'm.youtube.com',
  'tiktok.com',
  'substack.com',
  'bsky.app',
  'instagram.com',
  'github.com',
  'linkedin.com',
  'facebook.com',
  'linktr.ee',
  't.co',
]);

const FEDI_ACCT = new RegExp(`(?<![\\p{L}\\p{N}_@./])@(${USER})@(${HOST})`, 'gu');
const BARE_ACCT = new RegExp(`(?<![\\p{L}\\p{N}_@./])(${USER})@(${HOST})`, 'gu');
const FEDI_URL = new RegExp(
  `(?:https?://)?(${HOST})/(?:@(${USER})(?:@(${HOST}))?|users/(${USER}))(?!/?[\\p{L}\\p{N}_])`,
  'giu',
);
const BSKY_PROFILE = /(?:https?:\/\/)?(?:www\.)?bsky\.app\/profile\/([a-z0-9.:%_-]+)/giu;
const DOMAIN_TOKEN = new RegExp(`(?<![\\p{L}\\p{N}_@./-])@?(${HOST})(?![\\p{L}\\p{N}_@-]|\\.[\\p{L}\\p{N}])`, 'gu');

/** ASCII form of a host (punycode for IDN), or null when it is not a valid host. */
export function asciiHost(host: string): string | null {
  try {
    const parsed = new URL(`https://${host}`).hostname;
    return parsed && !parsed.includes('%') ? parsed.replace(/\.$/, '').toLowerCase() : null;
  } catch {
    // Not a host at all (URL threw): the caller skips this match.
    return null;
  }
}

function cueAround(text: string, start: number, end: number, cue: RegExp): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(Math.max(lineStart, start - 40), start);
  const lineEnd = text.indexOf('\n', end);
  const after = text.slice(end, Math.min(lineEnd === -1 ? text.length : lineEnd, end + 20));
  return cue.test(before) || /^\s*[([]?\s*(?:on |sur )?(?:🦋|🐘|bluesky|bsky|mastodon|fedi)/iu.test(after);
}

/**
 * Whether the profile presents this address as the person's own: always in
 * the display name and the website field; in the bio when words around it
 * say so. Links alone say nothing ("Work: mastodon.social/@acme"): the bio
 * text around their display form decides.
 */
function selfCue(source: HintSource, text: string, start: number, end: number): boolean {
  if (source === 'name' || source === 'website') return true;
  return source === 'bio' && cueAround(text, start, end, SELF_CUE);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // A stray % in a link: keep it as written; the lookup will simply find nothing.
    return text;
  }
}

/** A DID as in a bsky.app link: did:plc:… or did:web:…. */
function isDid(value: string): boolean {
  return /^did:(?:plc:[a-z2-7]{24}|web:[a-z0-9.%:-]+)$/i.test(value);
}

class HintList {
  readonly items: Hint[] = [];

  add(hint: Hint): void {
    const existing = this.items.find(
      (h) => h.network === hint.network && h.kind === hint.kind && h.value === hint.value,
    );
    if (!existing) {
      this.items.push(hint);
      return;
    }
    // The same address seen twice keeps the strongest reading of it.
    existing.cue ||= hint.cue;
    existing.confusable ||= hint.confusable;
    // Named once as an employer, once as theirs ("🦋 jane.dev", "dev at jane.dev"): theirs wins.
    if (!hint.affiliated || existing.cue)
      existing.affiliated = existing.affiliated && hint.affiliated ? true : undefined;
    if (existing.affiliated === undefined) delete existing.affiliated;
    if (rank(hint.source) > rank(existing.source)) existing.source = hint.source;
  }
}

type HintSink = Pick<HintList, 'add'>;

function rank(source: HintSource): number {
  return { bio: 0, link: 1, name: 2, website: 3 }[source];
}

function fromText(outer: HintList, raw: string, source: HintSource, suffixes: readonly string[]): void {
  const text = raw.normalize('NFKC');
  // Every hint found in this text learns whether affiliation words precede it (see AFFILIATION).
  let at = 0;
  const list: HintSink = {
    add(hint: Hint): void {
      const words = source === 'bio' ? affiliationBefore(text, at) : null;
      outer.add(words ? { ...hint, cue: false, affiliated: true } : hint);
    },
  };
  const taken: Array<[number, number]> = [];
  const overlaps = (s: number, e: number): boolean => taken.some(([a, b]) => s < b && e > a);

  for (const m of text.matchAll(FEDI_URL)) {
    const host = asciiHost(m[1]!);
    const user = m[2] ?? m[4]!;
    const acctHost = m[3] ? asciiHost(m[3]) : host;
    if (!host || !acctHost || NOT_FEDIVERSE.has(host.replace(/^www\./, ''))) continue;
    taken.push([m.index, m.index + m[0].length]);
    at = m.index;
    const url = `https://${host}/${m[2] ? `@${m[2]}${m[3] ? `@${acctHost}` : ''}` : `users/${m[4]}`}`;
    const cue = selfCue(source, text, m.index, m.index + m[0].length);
    const confusable = hasNonAscii(m[1]!) || hasNonAscii(user) || (m[3] !== undefined && hasNonAscii(m[3]));
    list.add({ network: 'mastodon', kind: 'profile-url', value: url, source, cue, confusable });
  }
  for (const m of text.matchAll(BSKY_PROFILE)) {
    taken.push([m.index, m.index + m[0].length]);
    at = m.index;
    addBluesky(
      list,
      safeDecode(m[1]!).replace(/\.$/, ''),
      source,
      selfCue(source, text, m.index, m.index + m[0].length),
      false,
    );
  }
  for (const m of text.matchAll(FEDI_ACCT)) {
    const host = asciiHost(m[2]!);
    if (!host || overlaps(m.index, m.index + m[0].length)) continue;
    taken.push([m.index, m.index + m[0].length]);
    at = m.index;
    addAcct(list, m, host, source, selfCue(source, text, m.index, m.index + m[0].length));
  }
  // Without its leading @, user@host is an e-mail address unless a Mastodon cue precedes it.
  for (const m of text.matchAll(BARE_ACCT)) {
    const host = asciiHost(m[2]!);
    if (!host || overlaps(m.index, m.index + m[0].length)) continue;
    if (!cueAround(text, m.index, m.index + m[0].length, MASTODON_CUE)) continue;
    taken.push([m.index, m.index + m[0].length]);
    at = m.index;
    addAcct(list, m, host, source, true);
  }
  for (const m of text.matchAll(DOMAIN_TOKEN)) {
    const start = m.index;
    const end = start + m[0].length;
    if (overlaps(start, end)) continue;
    // "www." is a web address, not a handle: the handle is the domain itself.
    const domain = m[1]!.replace(/\.$/, '').replace(/^www\./i, '');
    const ascii = asciiHost(domain);
    if (!ascii) continue;
    const known = suffixes.some((s) => ascii.endsWith(s.toLowerCase()) && ascii.length > s.length);
    const bskyCue = cueAround(text, start, end, BLUESKY_CUE);
    // Any other domain is only a handle when a Bluesky cue says so ("🦋 jane.dev").
    if (!known && !bskyCue) continue;
    const cue = source === 'bio' ? bskyCue || cueAround(text, start, end, SELF_CUE) : selfCue(source, text, start, end);
    at = start;
    addBluesky(list, ascii, source, cue, hasNonAscii(domain));
  }
}

/** A fediverse address `user@host` matched as `m` (user in group 1), its host already made ASCII. */
function addAcct(list: HintSink, m: RegExpMatchArray, host: string, source: HintSource, cue: boolean): void {
  list.add({
    network: 'mastodon',
    kind: 'acct',
    value: `${m[1]!.toLowerCase()}@${host}`,
    source,
    cue,
    confusable: hasNonAscii(m[0]),
  });
}

function addBluesky(list: HintSink, value: string, source: HintSource, cue: boolean, confusable: boolean): void {
  if (isDid(value)) {
    list.add({
      network: 'bluesky',
      kind: 'did',
      value: value.toLowerCase().startsWith('did:plc:') ? value.toLowerCase() : value,
      source,
      cue,
      confusable,
    });
    return;
  }
  const host = asciiHost(value.replace(/^@/, ''));
  if (!host || !host.includes('.')) return;
  list.add({
    network: 'bluesky',
    kind: 'handle',
    value: host,
    source,
    cue,
    confusable: confusable || host.includes('xn--'),
  });
}

/** Links: profile URLs become hints; a link to a site's home page may be a custom-domain handle. */
function fromLink(list: HintList, href: string, source: HintSource, suffixes: readonly string[]): void {
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(href) ? href : `https://${href}`);
  } catch {
    // Not a URL (X showed something odd): nothing to learn from it.
    return;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return;
  const host = url.hostname.replace(/^www\./, '');
  if (url.pathname === '/' || url.pathname === '') {
    // A home page: its domain may be the person's custom-domain handle (a handle domain of
    // the user's PDS, or .bsky.social, is a handle for sure).
    if (NOT_FEDIVERSE.has(host) || !host.includes('.')) return;
    const known = suffixes.some((s) => host.endsWith(s.toLowerCase()) && host.length > s.length);
    list.add({
      network: 'bluesky',
      kind: known ? 'handle' : 'domain',
      value: host,
      source,
      cue: source === 'website',
      confusable: host.includes('xn--'),
    });
    return;
  }
  // A profile page: a fediverse profile URL or a bsky.app profile.
  fromText(list, `${url.host}${safeDecode(url.pathname)}`, source, suffixes);
}

/**
 * Every hint in the profile. `suffixes` are the handle domains that always
 * mean Bluesky: `.bsky.social` and those of the user's own PDS.
 */
export function extractHints(profile: XProfile, suffixes: readonly string[] = DEFAULT_HANDLE_SUFFIXES): Hint[] {
  const list = new HintList();
  fromText(list, profile.displayName, 'name', suffixes);
  fromText(list, profile.bio, 'bio', suffixes);
  for (const link of profile.links) fromLink(list, link, 'link', suffixes);
  if (profile.website) fromLink(list, profile.website, 'website', suffixes);
  return list.items;
}

/**
 * The handle a hint names, in lower case as its network writes handles
 * (`user@host`, `jane.bsky.social`; a profile URL's from the network's meta),
 * or null when it names none (a DID, a URL that is no profile page).
 */
export function handleOfHint(hint: Hint): string | null {
  switch (hint.kind) {
    case 'acct':
    case 'handle':
    case 'domain':
      return hint.value;
    case 'profile-url':
      return NETWORKS[hint.network].profileUrlHandle(hint.value);
    case 'did':
      return null;
    default:
      return assertNever(hint.kind, 'hint kind');
  }
}
