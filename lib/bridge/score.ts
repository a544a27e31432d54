/**
 * Judges each account found for an X account, with the evidence shown to the
 * user:
 *  - sure: the X profile presents that account as the person's own (or names
 *    it and the names or handles agree), or the account names the X handle
 *    and nobody contests it, or both link a site the server verified;
 *  - likely: same handle and a similar name, or one-sided evidence;
 *  - unsure: anything else found.
 * An account labelled as an impersonation, or imitating the name or handle
 * with look-alike characters, is never better than unsure.
 */
import { acctOfHint } from './hints.ts';
import { isLookAlikeHandle, isLookAlikeName, isSameHandle, nameSimilarity } from './text.ts';
import type { Candidate, Confidence, Evidence, FoundAccount, Hint, XProfile } from './types.ts';

export const SIMILAR_NAME = 0.75;
/** Below "similar", still enough to tie an address to the person rather than to their employer. */
const RESEMBLING_NAME = 0.5;

/** Label values that mean "this account pretends to be someone else". */
const IMPERSONATION_LABELS = new Set(['impersonation']);

/** The part of a handle comparable with an X handle: `jane` in jane.bsky.social or jane@host. */
export function localPart(found: Pick<FoundAccount, 'network' | 'handle'>): string {
  return found.network === 'mastodon' ? (found.handle.split('@')[0] ?? '') : (found.handle.split('.')[0] ?? '');
}

/** True when a hint designates this account. */
export function hintNames(hint: Hint, found: FoundAccount): boolean {
  if (hint.network !== found.network) return false;
  if (found.network === 'bluesky') {
    return hint.kind === 'did' ? hint.value === found.id : hint.value === found.handle.toLowerCase();
  }
  if (hint.kind === 'profile-url' && sameUrl(hint.value, found.url)) return true;
  return acctOfHint(hint) === found.handle.toLowerCase();
}

function sameUrl(a: string, b: string): boolean {
  return normalizeUrl(a) === normalizeUrl(b);
}

/** For comparing sites: no scheme, no www., no trailing slash, host in lower case. */
export function normalizeUrl(url: string): string {
  try {
    const u = new URL(/^https?:\/\//i.test(url) ? url : `https://${url}`);
    return `${u.hostname.replace(/^www\./, '').toLowerCase()}${u.pathname.replace(/\/+$/, '')}${u.search}`;
  } catch {
    // Not a URL: compare the text itself.
    return url.trim().toLowerCase();
  }
}

const X_HOSTS = '(?:(?:www\\.|mobile\\.)?(?:x|twitter)\\.com)';

/** Where the account's profile names the X handle: an x.com link, or `@handle` next to an X cue. */
export function namesXHandle(found: FoundAccount, xHandle: string): string | null {
  const handle = xHandle.toLowerCase();
  const esc = handle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const url = new RegExp(`${X_HOSTS}/@?${esc}(?![a-z0-9_])`, 'i');
  for (const link of found.links) if (url.test(link)) return link;
  const text = found.bio.normalize('NFKC');
  const inText = url.exec(text);
  if (inText) return inText[0];
  const bridged = new RegExp(`@${esc}@${X_HOSTS}(?![a-z0-9_.])`, 'i').exec(text);
  if (bridged) return bridged[0];
  const mention = new RegExp(`(?<![\\w@])@${esc}(?![\\w@])`, 'gi');
  for (const m of text.matchAll(mention)) {
    const before = text.slice(Math.max(0, m.index - 30), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 30);
    const xCue = /(?:^|[^\p{L}])(?:x|twitter)(?:[^\p{L}]|$)|𝕏|🐦|ex-?twitter/iu;
    if (xCue.test(before) || /^\s*(?:\(|on |sur |@ )?(?:x|twitter|𝕏)(?:[^\p{L}]|$)/iu.test(after)) return m[0];
  }
  return null;
}

interface Siblings {
  /** Accounts on the same network the X profile names. */
  namedByX: Set<string>;
  /** Accounts on the same network that name the X handle. */
  claimants: Set<string>;
}

function evidenceFor(x: XProfile, hints: readonly Hint[], found: FoundAccount, siblings: Siblings): Evidence[] {
  const evidence: Evidence[] = [];
  for (const hint of hints) if (hintNames(hint, found)) evidence.push({ kind: 'x-names', detail: hint.value });
  const claim = namesXHandle(found, x.handle);
  if (claim) evidence.push({ kind: 'names-x', detail: claim });
  const xSites = [...(x.website ? [x.website] : []), ...x.links].map(normalizeUrl).filter((u) => !/^(?:x|twitter)\.com/.test(u));
  const verified = new Set(found.verifiedLinks.map(normalizeUrl));
  for (const link of found.links) {
    const site = normalizeUrl(link);
    if (xSites.includes(site)) evidence.push({ kind: 'same-site', detail: verified.has(site) ? `✓ ${link}` : link });
  }
  const local = localPart(found);
  if (isSameHandle(x.handle, local)) evidence.push({ kind: 'same-handle', detail: found.handle });
  const similarity = nameSimilarity(x.displayName, found.displayName);
  if (similarity === 1) evidence.push({ kind: 'same-name', detail: found.displayName });
  else if (similarity >= SIMILAR_NAME) evidence.push({ kind: 'similar-name', detail: found.displayName });
  for (const label of found.labels) {
    if (IMPERSONATION_LABELS.has(label)) evidence.push({ kind: 'impersonation-label', detail: label });
  }
  const confusableHint = hints.find((h) => h.confusable && hintNames(h, found));
  if (isLookAlikeName(x.displayName, found.displayName)) evidence.push({ kind: 'look-alike', detail: found.displayName });
  else if (isLookAlikeHandle(x.handle, local)) evidence.push({ kind: 'look-alike', detail: found.handle });
  else if (confusableHint) evidence.push({ kind: 'look-alike', detail: confusableHint.value });
  if (claim && siblings.claimants.size > 1) evidence.push({ kind: 'contested', detail: '' });
  const namedHere = evidence.some((e) => e.kind === 'x-names');
  if (!namedHere && siblings.namedByX.size > 0) evidence.push({ kind: 'x-names-other', detail: [...siblings.namedByX].join(', ') });
  return evidence;
}

export function confidenceOf(evidence: readonly Evidence[], hints: readonly Hint[], x: XProfile, found: FoundAccount): Confidence {
  const has = (kind: Evidence['kind']): boolean => evidence.some((e) => e.kind === kind);
  if (has('impersonation-label') || has('look-alike')) return 'unsure';
  const similarity = nameSimilarity(x.displayName, found.displayName);
  const naming = hints.filter((h) => hintNames(h, found));
  const selfNamed = naming.some((h) => h.cue) || (naming.length > 0 && (has('same-handle') || similarity >= RESEMBLING_NAME));
  if (selfNamed) return 'sure';
  const other = has('x-names-other');
  if (has('names-x') && !has('contested') && !other) return 'sure';
  if (evidence.some((e) => e.kind === 'same-site' && e.detail.startsWith('✓ ')) && !other) return 'sure';
  if (other) return 'unsure';
  // Named without any sign it is the person's own: an employer or a friend as often as themselves.
  if (naming.length > 0) return 'unsure';
  if (has('names-x') || has('same-site')) return 'likely';
  if (has('same-handle') && (has('same-name') || has('similar-name'))) return 'likely';
  return 'unsure';
}

/** True when the evidence holds anything in favour (search noise has none). */
export function hasSupport(evidence: readonly Evidence[]): boolean {
  return evidence.some((e) =>
    ['x-names', 'names-x', 'same-site', 'same-handle', 'same-name', 'similar-name'].includes(e.kind),
  );
}

const ORDER: Record<Confidence, number> = { sure: 0, likely: 1, unsure: 2 };

/**
 * Scores every account found for one X account (all networks at once: the
 * siblings on a network contest each other's claims). Accounts with no
 * evidence in their favour are dropped; the best come first.
 */
export function scoreCandidates(x: XProfile, hints: readonly Hint[], found: readonly FoundAccount[]): Omit<Candidate, 'follow'>[] {
  const byNetwork = new Map<string, Siblings>();
  for (const f of found) {
    const s = byNetwork.get(f.network) ?? { namedByX: new Set<string>(), claimants: new Set<string>() };
    byNetwork.set(f.network, s);
    if (hints.some((h) => hintNames(h, f))) s.namedByX.add(f.handle);
    if (namesXHandle(f, x.handle)) s.claimants.add(f.id);
  }
  const scored = found.map((f) => {
    const evidence = evidenceFor(x, hints, f, byNetwork.get(f.network)!);
    return { ...f, evidence, confidence: confidenceOf(evidence, hints, x, f) };
  });
  return scored
    .filter((c) => hasSupport(c.evidence))
    .sort((a, b) => ORDER[a.confidence] - ORDER[b.confidence] || a.handle.localeCompare(b.handle));
}
