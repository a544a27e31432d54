/**
 * What the results page shows, computed from the store: rows filtered by
 * confidence and network, counts per confidence, and the follows "follow all
 * sure matches" would make. Pure.
 */
import type { Network } from '../compose/draft.ts';
import type { BridgeEntry, Candidate, Confidence, FollowTarget } from './types.ts';

export type ConfidenceFilter = Confidence | 'all';
export type NetworkFilter = Network | 'all';

export interface ResultRow {
  entry: BridgeEntry;
  /** The candidates shown, each with the account that found it. */
  candidates: Array<{ accountId: string; candidate: Candidate }>;
}

export interface ViewOptions {
  /** The user's accounts whose results are shown. */
  accountIds: readonly string[];
  confidence: ConfidenceFilter;
  network: NetworkFilter;
  /** Case-insensitive text found in the X handle, name or a candidate's handle. */
  query: string;
}

function candidatesOf(entry: BridgeEntry, accountIds: readonly string[]): Array<{ accountId: string; candidate: Candidate }> {
  return accountIds.flatMap((accountId) => (entry.matches[accountId]?.candidates ?? []).map((candidate) => ({ accountId, candidate })));
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

/** Rows in collection order (oldest first, as the list was scrolled). */
export function resultRows(entries: readonly BridgeEntry[], options: ViewOptions): ResultRow[] {
  const rows: ResultRow[] = [];
  const sorted = [...entries].sort((a, b) => a.collectedAt - b.collectedAt || a.key.localeCompare(b.key));
  for (const entry of sorted) {
    const all = candidatesOf(entry, options.accountIds);
    const shown = all.filter(
      ({ candidate }) =>
        (options.confidence === 'all' || candidate.confidence === options.confidence) &&
        (options.network === 'all' || candidate.network === options.network),
    );
    const keepEmpty = options.confidence === 'all' && options.network === 'all';
    if ((shown.length > 0 || keepEmpty) && matchesQuery(entry, all, options.query)) rows.push({ entry, candidates: shown });
  }
  return rows;
}

/** How many candidates each confidence has (for the filter's labels). */
export function confidenceCounts(entries: readonly BridgeEntry[], accountIds: readonly string[]): Record<Confidence, number> {
  const counts: Record<Confidence, number> = { sure: 0, likely: 0, unsure: 0 };
  for (const entry of entries) for (const { candidate } of candidatesOf(entry, accountIds)) counts[candidate.confidence]++;
  return counts;
}

/** Entries looked up with at least one of these accounts. */
export function checkedCount(entries: readonly BridgeEntry[], accountIds: readonly string[]): number {
  return entries.filter((e) => accountIds.some((id) => e.matches[id])).length;
}

/** Every sure match not followed yet, once per account found (two X accounts may point to the same one). */
export function sureTargets(entries: readonly BridgeEntry[], accountIds: readonly string[]): FollowTarget[] {
  const seen = new Set<string>();
  const out: FollowTarget[] = [];
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
