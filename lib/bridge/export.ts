/**
 * Files the user takes elsewhere: Mastodon's follow import CSV (Preferences →
 * Import and export → Import, type "Following list") and a plain list of
 * Bluesky handles.
 */
import type { BridgeEntry, Candidate, Confidence } from '../model/bridge.ts';
import type { AccountChoice } from './account-choice.ts';
import { isDecoy, writtenAddresses } from './view.ts';

export const MASTODON_CSV_HEADER = 'Account address,Show boosts';

/**
 * Every candidate of the chosen confidences, once per account, across the
 * collected entries; never one marked as not the person (impersonation,
 * look-alike, parody, employer): a plain list cannot carry that mark.
 */
export function candidatesOf(
  entries: readonly BridgeEntry[],
  network: Candidate['network'],
  levels: readonly Confidence[],
): Candidate[] {
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const entry of entries) {
    for (const result of Object.values(entry.matches)) {
      for (const c of result.candidates) {
        if (c.network !== network || !levels.includes(c.confidence) || isDecoy(c.evidence)) continue;
        const key = c.handle.toLowerCase();
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(c);
      }
    }
  }
  return out;
}

/**
 * The addresses for Mastodon's import: verified candidates of the chosen
 * confidences, then every address an X profile wrote as the person's own
 * ("likely") or of a chosen confidence that no lookup verified: Mastodon
 * resolves them itself on import.
 */
export function mastodonAddresses(
  entries: readonly BridgeEntry[],
  levels: readonly Confidence[],
  choice: AccountChoice,
): string[] {
  const out = new Set(candidatesOf(entries, 'mastodon', levels).map((c) => c.handle.toLowerCase()));
  for (const entry of entries) {
    for (const a of writtenAddresses(entry, choice)) {
      // This is Mastodon's own file format: only its addresses go in.
      if (
        a.network === 'mastodon' &&
        (a.confidence === 'likely' || levels.includes(a.confidence)) &&
        !isDecoy(a.evidence)
      )
        out.add(a.acct);
    }
  }
  return [...out];
}

/** A CSV field, quoted when it must be (RFC 4180). Addresses never need it; be safe anyway. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Mastodon's import format: a header line, then one `user@host,true` line per account. */
export function mastodonImportCsv(accounts: readonly string[]): string {
  const lines = [MASTODON_CSV_HEADER, ...accounts.map((a) => `${csvField(a)},true`)];
  return `${lines.join('\n')}\n`;
}

/** One handle per line, as Bluesky starter-pack and list tools take them. */
export function blueskyHandleList(handles: readonly string[]): string {
  return handles.length ? `${handles.join('\n')}\n` : '';
}
