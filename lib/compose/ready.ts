/**
 * Why Post is off, in the order the user has to act: a greyed button with no
 * reason is a silent failure. Pure: the composer feeds it the accounts it
 * listed, the draft's choice and the previews; an empty list means Post is on.
 *
 * An empty draft is a reason, not an error: the composer says it in plain
 * words, never in red.
 */
import type { Network } from '../model/draft.ts';

export interface ReadyAccount {
  id: string;
  network: Network;
  handle: string;
  status: 'ok' | 'reconnect';
}

export interface ReadyPreview {
  accountId: string;
  network: Network;
  warnings: ReadonlyArray<{ code: string; severity: string }>;
}

export type BlockReason =
  /** No account connected at all. */
  | { code: 'no-accounts' }
  /** Accounts exist but none is ticked (or the ticked ones were removed). */
  | { code: 'no-target' }
  /** A ticked account must be reconnected in the options first. */
  | { code: 'reconnect'; handles: string[] }
  /** No text, no image, no poll for any ticked account. */
  | { code: 'empty' }
  /** Something these networks refuse, shown under each (a part still too long, too many images…). */
  | { code: 'refused'; networks: Network[] };

export function whyPostIsOff(
  accounts: readonly ReadyAccount[],
  targets: readonly string[],
  previews: readonly ReadyPreview[],
): BlockReason[] {
  if (accounts.length === 0) return [{ code: 'no-accounts' }];
  const chosen = accounts.filter((a) => targets.includes(a.id));
  if (chosen.length === 0) return [{ code: 'no-target' }];
  const out: BlockReason[] = [];
  const stale = chosen.filter((a) => a.status === 'reconnect');
  if (stale.length > 0) out.push({ code: 'reconnect', handles: stale.map((a) => a.handle) });
  const mine = previews.filter((p) => chosen.some((a) => a.id === p.accountId));
  if (mine.length > 0 && mine.every((p) => p.warnings.some((w) => w.code === 'empty'))) {
    out.push({ code: 'empty' });
    return out;
  }
  // Empty for one network only (a poll Bluesky cannot carry) is a refusal like any other.
  const refused = [
    ...new Set(mine.filter((p) => p.warnings.some((w) => w.severity === 'error')).map((p) => p.network)),
  ];
  if (refused.length > 0) out.push({ code: 'refused', networks: refused });
  return out;
}
