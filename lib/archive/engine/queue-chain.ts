/**
 * Putting a chain (one thread on one account) into the outbox, and taking
 * back chains not started. A chain goes in one transaction that re-checks
 * its records are still 'planned', adds its jobs (ids and keys derived from
 * the plan, so a job that already exists is the same job) and marks the
 * records 'queued': a crash leaves either the records planned and no jobs,
 * or both. Each job is due at the slot the rate windows give it (pace.ts),
 * counting the slots every import already gave the account.
 */
import { getAccount } from '../../accounts/store.ts';
import type { Db } from '../../db.ts';
import type { DraftImage, Network } from '../../model/draft.ts';
import type { StoredImportRecord } from '../../model/import.ts';
import type { Job } from '../../model/job.ts';
import { jobsOfPost } from '../../outbox/store.ts';
import { assignSlots, paceFor, pruneLedger, type PaceItem } from '../pace.ts';
import { listImports, recordsInState, recordsOfChain } from '../store.ts';
import { storeChainMedia } from './chain-media.ts';
import type { ImportRunnerDeps } from './deps.ts';

export function jobIdOf(chainId: string, accountId: string, partIndex: number): string {
  return `${chainId}:${accountId}:${partIndex}`;
}

function jobsOfChain(
  chain: StoredImportRecord[],
  images: Map<string, DraftImage[]>,
  slots: number[],
  now: number,
): Job[] {
  const jobs: Job[] = [];
  let slot = 0;
  for (const record of chain) {
    record.parts.forEach((part, p) => {
      const partIndex = record.firstPart + p;
      const due = slots[slot++] ?? now;
      jobs.push({
        id: jobIdOf(record.chainId, record.accountId, partIndex),
        postId: record.chainId,
        draftId: `import:${record.importId}`,
        accountId: record.accountId,
        network: record.network,
        partIndex,
        partCount: record.chainParts,
        text: part.text,
        images: images.get(`${record.id}:${p}`) ?? [],
        contentWarning: '',
        sensitive: false,
        labels: [],
        langs: record.langs,
        visibility: record.visibility,
        poll: null,
        interaction: { reply: 'everyone', allowQuotes: true },
        replyTo: null,
        idempotencyKey: record.keys[p] as string,
        sendAt: due > now ? due : null,
        serverScheduled: false,
        originalDate: record.originalDate,
        state: 'queued',
        attempts: 0,
        nextAttemptAt: due,
        lastError: null,
        result: null,
        createdAt: now,
        updatedAt: now,
      });
    });
  }
  return jobs;
}

/** All slots any import already gave this account, for the rate windows. */
async function ledgerOf(db: Db, accountId: string, network: Network, now: number) {
  const posts: number[] = [];
  const media: number[] = [];
  for (const run of await listImports(db)) {
    const ledger = run.pace[accountId];
    if (ledger) {
      posts.push(...ledger.posts);
      media.push(...ledger.media);
    }
  }
  return pruneLedger(paceFor(network), { posts: posts.sort((a, b) => a - b), media: media.sort((a, b) => a - b) }, now);
}

/** Puts the next chain of the import into the outbox; false when there is nothing more to put now. */
export async function queueNextChain(deps: ImportRunnerDeps, importId: string, file: Blob): Promise<boolean> {
  const { db } = deps;
  const [next] = await recordsInState(db, importId, 'planned', 1);
  if (!next) return false;
  const chain = (await recordsOfChain(db, next.chainId))
    .filter((r) => r.state === 'planned')
    .sort((a, b) => a.firstPart - b.firstPart);
  const now = deps.now();
  const account = await getAccount(db, next.accountId);
  if (!account) {
    const tx = db.transaction('importRecords', 'readwrite');
    const gone = { messageKey: 'error.accountGone', detail: next.accountId };
    await Promise.all([
      ...chain.map((r) => tx.store.put({ ...r, state: 'failed', error: gone, updatedAt: now })),
      tx.done,
    ]);
    return true;
  }
  const items: PaceItem[] = chain.flatMap((r) => r.parts.map((p) => ({ media: p.media.length })));
  const pace = paceFor(account.network);
  const ledger = await ledgerOf(db, account.id, account.network, now);
  const { slots } = assignSlots(pace, ledger, items, now);
  const images = await storeChainMedia(deps, file, chain);
  const jobs = jobsOfChain(chain, images, slots, now);

  const tx = db.transaction(['importRecords', 'jobs', 'imports'], 'readwrite');
  const records = tx.objectStore('importRecords');
  const fresh = await Promise.all(chain.map((r) => records.get(r.id)));
  if (fresh.some((r) => r?.state !== 'planned')) {
    // Another path queued or stopped it meanwhile: nothing to add.
    tx.abort();
    await tx.done.catch(() => undefined);
    return true;
  }
  const jobStore = tx.objectStore('jobs');
  for (const job of jobs) {
    // The same id is the same part with the same key: an existing one (a pause racing a send) is kept.
    if (!(await jobStore.get(job.id))) await jobStore.add(job);
  }
  for (const record of chain) await records.put({ ...record, state: 'queued', dueAt: slots[0] ?? now, updatedAt: now });
  const run = await tx.objectStore('imports').get(importId);
  if (run) {
    const own = run.pace[account.id] ?? { posts: [], media: [] };
    const added = {
      posts: [...own.posts, ...slots],
      media: [...own.media, ...items.flatMap((it, i) => Array<number>(it.media).fill(slots[i] ?? now))],
    };
    await tx
      .objectStore('imports')
      .put({ ...run, pace: { ...run.pace, [account.id]: pruneLedger(pace, added, now) }, updatedAt: now });
  }
  await tx.done;
  return true;
}

/**
 * Takes back from the outbox the chains not started yet (every job queued,
 * never tried): their records are planned again, with the same keys.
 */
export async function withdrawUnstarted(db: Db, now: () => number, importId: string): Promise<void> {
  const chains = new Set((await recordsInState(db, importId, 'queued')).map((r) => r.chainId));
  for (const chainId of chains) {
    const jobs = await jobsOfPost(db, chainId);
    if (!jobs.every((j) => j.state === 'queued' && j.attempts === 0)) continue;
    const tx = db.transaction(['importRecords', 'jobs', 'media'], 'readwrite');
    const fresh = await Promise.all(jobs.map((j) => tx.objectStore('jobs').get(j.id)));
    if (!fresh.every((j) => j?.state === 'queued' && j.attempts === 0)) {
      tx.abort();
      await tx.done.catch(() => undefined);
      continue;
    }
    for (const job of jobs) {
      await tx.objectStore('jobs').delete(job.id);
      for (const image of job.images) await tx.objectStore('media').delete(image.mediaId);
    }
    const records = await tx.objectStore('importRecords').index('byChain').getAll(chainId);
    for (const r of records)
      if (r.state === 'queued')
        await tx.objectStore('importRecords').put({ ...r, state: 'planned', dueAt: null, updatedAt: now() });
    await tx.done;
  }
}
