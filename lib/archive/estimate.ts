/**
 * When an import should be done at the pace the rate windows allow, for the
 * time left the page shows. Pure; the engine stores the answer on the
 * import's row at each change, so the service worker never loads the pace
 * code to answer a status request.
 */
import type { Network } from '../model/draft.ts';
import { assignSlots, paceFor, pruneLedger, type PaceItem } from './pace.ts';
import type { ImportRun } from '../model/import.ts';

/** Items spread evenly: `parts` posts carrying `media` uploads between them. */
function evenItems(parts: number, media: number): PaceItem[] {
  return Array.from({ length: parts }, (_, i) => ({
    media: Math.floor(((i + 1) * media) / parts) - Math.floor((i * media) / parts),
  }));
}

/** When the planned rest of the import should be done, at the pace allowed (one account's slots after another's never wait on each other). */
export function estimateFinish(run: ImportRun, networks: ReadonlyMap<string, Network>, now: number): number | null {
  const planned = run.counts.planned;
  const accounts = Object.keys(run.work);
  if (planned === 0 || accounts.length === 0) return null;
  let end = now;
  for (const accountId of accounts) {
    const network = networks.get(accountId);
    const work = run.work[accountId];
    if (!network || !work || work.records === 0) continue;
    // Records are queued round-robin over accounts, so each has about the same share left.
    const left = Math.ceil(planned / accounts.length);
    const parts = Math.ceil((work.parts * left) / work.records);
    const media = Math.ceil((work.media * left) / work.records);
    const pace = paceFor(network);
    const ledger = pruneLedger(
      pace,
      { posts: [...(run.pace[accountId]?.posts ?? [])], media: [...(run.pace[accountId]?.media ?? [])] },
      now,
    );
    const { slots } = assignSlots(pace, ledger, evenItems(parts, media), now);
    end = Math.max(end, slots.at(-1) ?? now);
  }
  return end;
}
