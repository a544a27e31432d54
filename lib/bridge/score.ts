/**
 * Judges each account found for an X account, with the evidence for and
 * against it shown to the user.
 *  - sure: two independent pieces of evidence, or one only the person could
 *    have placed with the account looking like them: the X profile presents
 *    it as theirs (a cue, the website field) and its name or handle is the
 *    person's, or it links back to the X account; a custom-domain handle the
 *    X profile names as theirs; the account names the X handle, nobody
 *    contests it and its name or handle is the person's; a site the server
 *    verified (rel=me) that the X profile links too, with a name alike.
 *  - likely: one-sided evidence (same handle and a similar or shortened
 *    name; named as theirs but under another name; claims the X handle).
 *    Never followed in bulk.
 *  - unsure: anything else found.
 * Against: an impersonation label, look-alike characters, or its own bio
 * saying it is a parody, a fan account or not the person, make it unsure; an
 * X profile naming it as an employer or project ("pour", "chez", "co-founder
 * of") is not a claim it is theirs; an organisation's wording or a very new
 * account (when the X profile does not name it) keep it from being sure.
 */
import { NETWORKS } from '../networks/registry.ts';
import { normalizeUrl } from '../text/profile-text.ts';
import { handleOfHint } from './hints.ts';
import {
  canonicalHandle,
  isLookAlikeHandle,
  isLookAlikeName,
  isSameHandle,
  isShortenedName,
  nameSimilarity,
  normalizeName,
} from './text.ts';
import type { Candidate, Confidence, Evidence, FoundAccount, Hint, XProfile } from '../model/bridge.ts';

export const SIMILAR_NAME = 0.75;
/** Below "similar", still enough to tie an address to the person rather than to their employer. */
const RESEMBLING_NAME = 0.5;

/** Label values that mean "this account pretends to be someone else". */
const IMPERSONATION_LABELS = new Set(['impersonation']);

/** An account younger than this at lookup time is "very new": anyone could have just made it. */
export const NEW_ACCOUNT_MS = 14 * 24 * 3600_000;

/**
 * Wording by which an account says it is not the person it names: parody,
 * satire, fan or tribute accounts, "not affiliated", "pas le vrai". EN and FR.
 */
const NOT_THE_PERSON =
  /(?:^|[^\p{L}])(?:parod(?:y|ie|ia|ic|ique)|satir(?:e|ical|ique)|fan[ -]?(?:account|page|club|acc)|compte (?:de )?fans?|(?:un|non[ -]?)official|non[ -]officiel(?:le)?|pas (?:officiel(?:le)?|affilié·?e?)|not (?:affiliated|endorsed|associated)|non[ -]affilié·?e?|not (?:the real|really|actually)|pas (?:le|la) vra(?:i|ie)|faux compte|fake account|impersonat(?:or|ion)|tribute|hommage à|roleplay|unaffiliated|fan ?site|stan account|unofficial mirror|mirror of|miroir (?:de|non officiel)|reposts? (?:tweets|posts) (?:from|of)|automated (?:account|mirror|repost))(?:[^\p{L}]|$)/iu;

/**
 * Wording of an organisation's account (speaking as "we", "official
 * account", legal forms, newsrooms, associations). Only counts against a
 * match whose name is not the person's: people write "I work for an NGO".
 */
const ORGANISATION =
  /(?:^|[^\p{L}])(?:official account|compte officiel|official page|we are|we're|nous sommes|our team|notre équipe|association|asso\b|collecti(?:f|ve)|syndicat|union\b|ngo|ong|newsroom|rédaction|magazine|journal|newsletter|média|media outlet|company|entreprise|société|inc\.?|ltd|gmbh|sarl|sas\b|non-?profit|organi[sz]ation|foundation|fondation|campaign|campagne|institut[e]?|university|université|agency|agence)(?:[^\p{L}]|$)/iu;

/** The words of a text that match `pattern`, for showing as evidence. */
function wording(text: string, pattern: RegExp): string | null {
  const m = pattern.exec(text.normalize('NFKC'));
  return m ? m[0].replace(/^[^\p{L}]+|[^\p{L}.]+$/gu, '') : null;
}

/** The part of a handle comparable with an X handle: `jane` in jane.bsky.social or jane@host. */
export function localPart(found: Pick<FoundAccount, 'network' | 'handle'>): string {
  return NETWORKS[found.network].handleLocalPart(found.handle);
}

/** True when a hint designates this account. */
export function hintNames(hint: Hint, found: FoundAccount): boolean {
  if (hint.network !== found.network) return false;
  if (hint.kind === 'did') return hint.value === found.id;
  if (hint.kind === 'profile-url' && sameUrl(hint.value, found.url)) return true;
  return handleOfHint(hint) === found.handle.toLowerCase();
}

function sameUrl(a: string, b: string): boolean {
  return normalizeUrl(a) === normalizeUrl(b);
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

/** The first label of a custom-domain handle ("jane" in jane.dev) reads as the person's handle or name. */
function domainResembles(domain: string, x: XProfile): boolean {
  const label = canonicalHandle(domain.split('.')[0] ?? '');
  if (label.length < 3) return false;
  const name = normalizeName(x.displayName);
  return label === canonicalHandle(x.handle) || label === name.replace(/ /g, '') || name.split(' ').includes(label);
}

/** Hints naming this account as the person's own (not as their employer or project). */
function ownHints(hints: readonly Hint[], found: FoundAccount): Hint[] {
  return hints.filter((h) => hintNames(h, found) && !h.affiliated);
}

function evidenceFor(
  x: XProfile,
  hints: readonly Hint[],
  found: FoundAccount,
  siblings: Siblings,
  now: number | null,
): Evidence[] {
  const evidence: Evidence[] = [];
  const naming = hints.filter((h) => hintNames(h, found));
  for (const hint of naming)
    evidence.push(
      hint.affiliated ? { kind: 'x-names-affiliation', detail: hint.value } : { kind: 'x-names', detail: hint.value },
    );
  const claim = namesXHandle(found, x.handle);
  if (claim) evidence.push({ kind: 'names-x', detail: claim });
  const xSites = [...(x.website ? [x.website] : []), ...x.links]
    .map(normalizeUrl)
    .filter((u) => !/^(?:x|twitter)\.com/.test(u));
  const verified = new Set(found.verifiedLinks.map(normalizeUrl));
  for (const link of found.links) {
    const site = normalizeUrl(link);
    if (xSites.includes(site)) evidence.push({ kind: 'same-site', detail: verified.has(site) ? `✓ ${link}` : link });
  }
  const local = localPart(found);
  const sameHandle = isSameHandle(x.handle, local);
  if (sameHandle) evidence.push({ kind: 'same-handle', detail: found.handle });
  const similarity = nameSimilarity(x.displayName, found.displayName);
  if (similarity === 1) evidence.push({ kind: 'same-name', detail: found.displayName });
  else if (similarity >= SIMILAR_NAME || isShortenedName(x.displayName, found.displayName))
    evidence.push({ kind: 'similar-name', detail: found.displayName });
  for (const label of found.labels) {
    if (IMPERSONATION_LABELS.has(label)) evidence.push({ kind: 'impersonation-label', detail: label });
  }
  const confusableHint = hints.find((h) => h.confusable && hintNames(h, found));
  if (isLookAlikeName(x.displayName, found.displayName))
    evidence.push({ kind: 'look-alike', detail: found.displayName });
  else if (isLookAlikeHandle(x.handle, local)) evidence.push({ kind: 'look-alike', detail: found.handle });
  else if (confusableHint) evidence.push({ kind: 'look-alike', detail: confusableHint.value });
  const ownText = `${found.displayName}\n${found.bio}`;
  const parody = wording(ownText, NOT_THE_PERSON);
  if (parody) evidence.push({ kind: 'parody', detail: parody });
  const org = similarity < SIMILAR_NAME ? wording(ownText, ORGANISATION) : null;
  if (org) evidence.push({ kind: 'organisation', detail: org });
  const own = ownHints(hints, found);
  const domainNamed =
    NETWORKS[found.network].capabilities.domainHandles &&
    own.some((h) => h.kind === 'domain' && domainResembles(h.value, x));
  if (own.length > 0 && !sameHandle && similarity < RESEMBLING_NAME && !domainNamed) {
    evidence.push({ kind: 'name-differs', detail: found.displayName || found.handle });
  }
  const created = found.createdAt ? Date.parse(found.createdAt) : NaN;
  if (now !== null && Number.isFinite(created) && now - created < NEW_ACCOUNT_MS && now >= created - 86_400_000) {
    evidence.push({ kind: 'new-account', detail: found.createdAt!.slice(0, 10) });
  }
  if (claim && siblings.claimants.size > 1) evidence.push({ kind: 'contested', detail: '' });
  const namedHere = naming.length > 0;
  if (!namedHere && siblings.namedByX.size > 0)
    evidence.push({ kind: 'x-names-other', detail: [...siblings.namedByX].join(', ') });
  return evidence;
}

export function confidenceOf(
  evidence: readonly Evidence[],
  hints: readonly Hint[],
  x: XProfile,
  found: FoundAccount,
): Confidence {
  const has = (kind: Evidence['kind']): boolean => evidence.some((e) => e.kind === kind);
  if (has('impersonation-label') || has('look-alike') || has('parody')) return 'unsure';
  const similarity = nameSimilarity(x.displayName, found.displayName);
  const naming = hints.filter((h) => hintNames(h, found));
  const own = naming.filter((h) => !h.affiliated);
  const selfNamed = own.some((h) => h.cue);
  const resembles = has('same-handle') || similarity >= RESEMBLING_NAME;
  const other = has('x-names-other');
  const claim = has('names-x') && !has('contested') && !other;
  const verifiedSite = evidence.some((e) => e.kind === 'same-site' && e.detail.startsWith('✓ ')) && !other;
  const domainNamed =
    NETWORKS[found.network].capabilities.domainHandles &&
    own.some((h) => h.kind === 'domain' && (h.cue || h.source === 'website') && domainResembles(h.value, x));
  // Named by the X profile, and an independent sign it is the same person.
  const sure =
    domainNamed ||
    (own.length > 0 && (resembles || claim || verifiedSite)) ||
    (claim && (resembles || verifiedSite)) ||
    (verifiedSite && resembles);
  // A very new account claiming the X handle is what an impersonator makes; an organisation's is not the person.
  const doubt = has('organisation') || (has('new-account') && own.length === 0);
  if (sure && !doubt) return 'sure';
  if (sure) return 'likely';
  if (other) return 'unsure';
  // Named only as an employer or project: the person is connected to it, it is not them.
  if (naming.length > 0 && own.length === 0) return 'unsure';
  if (selfNamed) return has('organisation') ? 'unsure' : 'likely';
  if (own.length > 0) return 'unsure';
  // Two accounts claiming the same X handle: one is lying, and nothing here says which.
  if (has('contested')) return 'unsure';
  if ((has('names-x') || has('same-site')) && !has('organisation')) return 'likely';
  if (has('same-handle') && (has('same-name') || has('similar-name')) && !has('organisation')) return 'likely';
  return 'unsure';
}

/** True when the evidence holds anything in favour (search noise has none). */
export function hasSupport(evidence: readonly Evidence[]): boolean {
  return evidence.some((e) =>
    ['x-names', 'x-names-affiliation', 'names-x', 'same-site', 'same-handle', 'same-name', 'similar-name'].includes(
      e.kind,
    ),
  );
}

const ORDER: Record<Confidence, number> = { sure: 0, likely: 1, unsure: 2 };

/**
 * Scores every account found for one X account (all networks at once: the
 * siblings on a network contest each other's claims). Accounts with no
 * evidence in their favour are dropped; the best come first.
 */
export function scoreCandidates(
  x: XProfile,
  hints: readonly Hint[],
  found: readonly FoundAccount[],
  /** The lookup's time, for "very new account"; null leaves ages out. */
  now: number | null = null,
): Omit<Candidate, 'follow'>[] {
  const byNetwork = new Map<string, Siblings>();
  for (const f of found) {
    const s = byNetwork.get(f.network) ?? { namedByX: new Set<string>(), claimants: new Set<string>() };
    byNetwork.set(f.network, s);
    // Only accounts named as theirs: an employer named in the bio does not make their own account doubtful.
    if (hints.some((h) => !h.affiliated && hintNames(h, f))) s.namedByX.add(f.handle);
    if (namesXHandle(f, x.handle)) s.claimants.add(f.id);
  }
  const scored = found.map((f) => {
    const evidence = evidenceFor(x, hints, f, byNetwork.get(f.network)!, now);
    return { ...f, evidence, confidence: confidenceOf(evidence, hints, x, f) };
  });
  return scored
    .filter((c) => hasSupport(c.evidence))
    .sort((a, b) => ORDER[a.confidence] - ORDER[b.confidence] || a.handle.localeCompare(b.handle));
}
