/**
 * What the results page shows, computed from the store: rows filtered by
 * confidence and network, counts per confidence, and the follows "follow all
 * sure matches" would make. Pure.
 */
import { webLink } from '../web-link.ts';
import type { Network } from '../model/draft.ts';
import { NETWORKS } from '../networks/registry.ts';
import type { AccountChoice } from './account-choice.ts';
import { extractHints, handleOfHint } from './hints.ts';
import { canonicalHandle, isLookAlikeHandle, nameSimilarity } from './text.ts';
import {
  EVIDENCE_KINDS,
  EVIDENCE_SIDES,
  type BridgeEntry,
  type Candidate,
  type Confidence,
  type Evidence,
  type EvidenceKind,
  type PlannedFollow,
} from '../model/bridge.ts';

/** Evidence against a match: shown as a warning. */
export const AGAINST: ReadonlySet<EvidenceKind> = new Set(
  EVIDENCE_KINDS.filter((k) => EVIDENCE_SIDES[k] === 'against'),
);

/** Evidence that the account is not the person at all: never exported, whatever the filter. */
export const DECOY: ReadonlySet<EvidenceKind> = new Set<EvidenceKind>([
  'impersonation-label',
  'look-alike',
  'parody',
  'x-names-affiliation',
]);

export function isDecoy(evidence: readonly Evidence[]): boolean {
  return evidence.some((e) => DECOY.has(e.kind));
}

/** The address itself when it is http(s), else null: a server's `javascript:` or `data:` is never put in a page (lib/web-link.ts). */
export function webUrl(url: string): string | null {
  return webLink(url) ?? null;
}

/**
 * An address the X profile wrote that no lookup verified, on a network whose
 * follow import takes addresses as written (`followImportTakesAddresses`):
 * with no account of that network chosen, not looked up yet, or looked up
 * and not reached. A strong claim of the person's own when a cue says so;
 * listed always, so nothing the person wrote is dropped silently.
 */
export interface WrittenAddress {
  network: Network;
  /** The handle as the network writes it (`user@host` on Mastodon). */
  acct: string;
  confidence: Confidence;
  evidence: Evidence[];
  reason: 'no-account' | 'not-checked' | 'unreachable';
}

export function writtenAddresses(entry: BridgeEntry, choice: AccountChoice): WrittenAddress[] {
  const out = new Map<string, WrittenAddress>();
  for (const hint of extractHints(entry.x)) {
    const network = hint.network;
    if (!NETWORKS[network].capabilities.followImportTakesAddresses) continue;
    const acct = handleOfHint(hint);
    const key = `${network} ${acct}`;
    if (!acct || out.has(key)) continue;
    const accountId = choice[network];
    const result = accountId === undefined ? undefined : entry.matches[accountId];
    if (result?.candidates.some((c) => c.network === network && c.handle.toLowerCase() === acct)) continue;
    const reason: WrittenAddress['reason'] =
      accountId === undefined ? 'no-account' : result ? 'unreachable' : 'not-checked';
    const local = NETWORKS[network].handleLocalPart(acct);
    const evidence: Evidence[] = [{ kind: hint.affiliated ? 'x-names-affiliation' : 'x-names', detail: acct }];
    if (hint.confusable || isLookAlikeHandle(entry.x.handle, local))
      evidence.push({ kind: 'look-alike', detail: acct });
    const resembles =
      canonicalHandle(local) === canonicalHandle(entry.x.handle) || nameSimilarity(entry.x.displayName, local) >= 0.5;
    const confidence: Confidence = isDecoy(evidence) ? 'unsure' : hint.cue || resembles ? 'likely' : 'unsure';
    out.set(key, { network, acct, confidence, evidence, reason });
  }
  return [...out.values()];
}

export type ConfidenceFilter = Confidence | 'all';
export type NetworkFilter = Network | 'all';

export interface ResultRow {
  entry: BridgeEntry;
  /** The candidates shown, each with the account that found it. */
  candidates: Array<{ accountId: string; candidate: Candidate }>;
  /** Addresses the X profile wrote that no lookup verified (shown by the same filters). */
  addresses: WrittenAddress[];
}

export interface ViewOptions {
  /** The user's accounts whose results are shown. */
  accountIds: readonly string[];
  /** The account chosen on each network: it decides what "not verified" means for written addresses. */
  choice?: AccountChoice;
  confidence: ConfidenceFilter;
  network: NetworkFilter;
  /** Case-insensitive text found in the X handle, name or a candidate's handle. */
  query: string;
}

function candidatesOf(
  entry: BridgeEntry,
  accountIds: readonly string[],
): Array<{ accountId: string; candidate: Candidate }> {
  return accountIds.flatMap((accountId) =>
    (entry.matches[accountId]?.candidates ?? []).map((candidate) => ({ accountId, candidate })),
  );
}

function matchesQuery(entry: BridgeEntry, candidates: ReadonlyArray<{ candidate: Candidate }>, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return (
    entry.key.includes(q.replace(/^@/, '')) ||
    entry.x.displayName.toLowerCase().includes(q) ||
    candidates.some(({ candidate }) => candidate.handle.includes(q.replace(/^@/, '')))
  );
}

/** X's order: the order the lists were read (a batch shares its time; `seq` orders inside it). */
export function byXOrder(a: BridgeEntry, b: BridgeEntry): number {
  return a.collectedAt - b.collectedAt || (a.seq ?? 0) - (b.seq ?? 0) || a.key.localeCompare(b.key);
}

/** Rows in X's order (as the list was scrolled). */
export function resultRows(entries: readonly BridgeEntry[], options: ViewOptions): ResultRow[] {
  const rows: ResultRow[] = [];
  const sorted = [...entries].sort(byXOrder);
  const keep = (confidence: Confidence, network: Network): boolean =>
    (options.confidence === 'all' || confidence === options.confidence) &&
    (options.network === 'all' || network === options.network);
  for (const entry of sorted) {
    const all = candidatesOf(entry, options.accountIds);
    const shown = all.filter(({ candidate }) => keep(candidate.confidence, candidate.network));
    const addresses = writtenAddresses(entry, options.choice ?? {}).filter((a) => keep(a.confidence, a.network));
    const keepEmpty = options.confidence === 'all' && options.network === 'all';
    if ((shown.length > 0 || addresses.length > 0 || keepEmpty) && matchesQuery(entry, all, options.query))
      rows.push({ entry, candidates: shown, addresses });
  }
  return rows;
}

/** How many candidates each confidence has (for the filter's labels). */
export function confidenceCounts(
  entries: readonly BridgeEntry[],
  accountIds: readonly string[],
  choice: AccountChoice = {},
): Record<Confidence, number> {
  const counts: Record<Confidence, number> = { sure: 0, likely: 0, unsure: 0 };
  for (const entry of entries) {
    for (const { candidate } of candidatesOf(entry, accountIds)) counts[candidate.confidence]++;
    for (const a of writtenAddresses(entry, choice)) counts[a.confidence]++;
  }
  return counts;
}

/** Entries looked up with at least one of these accounts. */
export function checkedCount(entries: readonly BridgeEntry[], accountIds: readonly string[]): number {
  return entries.filter((e) => accountIds.some((id) => e.matches[id])).length;
}

/** Every sure match not followed yet, once per account found (two X accounts may point to the same one). */
export function sureTargets(entries: readonly BridgeEntry[], accountIds: readonly string[]): PlannedFollow[] {
  const seen = new Set<string>();
  const out: PlannedFollow[] = [];
  for (const entry of entries) {
    for (const { accountId, candidate } of candidatesOf(entry, accountIds)) {
      const id = `${accountId} ${candidate.id}`;
      if (candidate.confidence !== 'sure' || candidate.follow !== 'none' || seen.has(id)) continue;
      seen.add(id);
      out.push({ key: entry.key, accountId, candidateId: candidate.id });
    }
  }
  return out;
}
