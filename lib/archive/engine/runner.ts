/**
 * Running an X archive import, in the engine. Exactly once comes from three
 * rules:
 * 1. The plan is written whole before anything is queued: every record, with
 *    its parts and their idempotency keys, in state 'planned'.
 * 2. A chain (one thread on one account) goes to the outbox in one
 *    transaction that re-checks its records are still 'planned', adds its
 *    jobs (ids and keys derived from the plan, so a job that already exists is
 *    the same job) and marks the records 'queued'. A crash leaves either the
 *    records planned and no jobs, or both.
 * 3. From there the outbox posts each job once (its own invariant: state
 *    written before the request, the same key on every retry), and what it
 *    posted is copied back to the records (reconcile), again after any crash.
 *
 * Only a small window of chains sits in the outbox at a time (its drain reads
 * every pending job on each round); each job is due at the slot the rate
 * windows gave it (pace.ts), so a paused, killed or restarted import never
 * posts faster than the limits allow.
 */
import type { Account } from '../../model/account.ts';
import { getAccount, listAccounts } from '../../accounts/store.ts';
import type { DraftImage, Network } from '../../model/draft.ts';
import type { Db } from '../../db.ts';
import { SortieError } from '../../messaging/errors.ts';
import { PublishError } from '../../networks/types.ts';
import type { Job } from '../../model/job.ts';
import { cancelJob } from '../../outbox/state.ts';
import { jobsOfPost, putJob } from '../../outbox/store.ts';
import { newIdempotencyKey } from '../../outbox/keys.ts';
import type { Lang } from '../../i18n/index.ts';
import { applyFilters } from '../filters.ts';
import { mapTweets } from '../map.ts';
import type { StartArgs } from '../schemas.ts';
import { assignSlots, paceFor, pruneLedger, type PaceItem } from '../pace.ts';
import { chainIdOf, isImportChain, planRecords, type PlanAccount } from '../plan-records.ts';
import { mapTargetFor, originalTweetLink } from '../targets.ts';
import { estimateFinish } from '../estimate.ts';
import { importStatus, type ImportStatus, type UndoReport } from '../status.ts';
import {
  countInState,
  emptyCounts,
  getArchiveFile,
  getImport,
  listImports,
  putImport,
  recordsInState,
  recordsOfChain,
  recordsOfImport,
} from '../store.ts';
import type { ImportRun, RecordState, StoredImportRecord } from '../../model/import.ts';
import type { ArchiveSource } from './source.ts';

/** Chains of an import in the outbox at once. */
export const WINDOW_CHAINS = 20;

export interface ImportRunnerDeps {
  db: Db;
  now: () => number;
  source: ArchiveSource;
  /** Re-encodes a photo (metadata dropped, size fitted), as the composer does. */
  prepareImage: (blob: Blob) => Promise<{ blob: Blob; mime: string; width: number; height: number }>;
  /**
   * Deletes a post of this account by its id, through the network's engine
   * adapter (lib/networks/engine.ts `deletePost`); null for a network Sortie
   * does not delete on (its posts are reported as left in place).
   */
  deleterFor: (network: Network) => ((account: Account, postId: string) => Promise<void>) | null;
  /** Tells open pages an import moved on. */
  announce: () => void;
  /** New jobs are in the outbox: drain (again). */
  requestDrain: () => void;
  /** The language Mastodon's date line is written in (the user's Sortie language). */
  lang: () => Promise<Lang>;
  newKey?: (network: Network) => string;
}

/** More than X lets anyone follow (5,000, plus 10 % of followers for large accounts). */
const MAX_FOLLOWS = 50_000;

/** Largest photo read from the ZIP; it is then re-encoded to fit the network. */
const MAX_PHOTO_BYTES = 50 * 1024 * 1024;

function workOf(records: readonly StoredImportRecord[]): ImportRun['work'] {
  const work: ImportRun['work'] = {};
  for (const r of records) {
    if (r.state !== 'planned') continue;
    const w = (work[r.accountId] ??= { records: 0, parts: 0, media: 0 });
    w.records += 1;
    w.parts += r.parts.length;
    w.media += r.parts.reduce((n, p) => n + p.media.length, 0);
  }
  return work;
}

export function jobIdOf(chainId: string, accountId: string, partIndex: number): string {
  return `${chainId}:${accountId}:${partIndex}`;
}

function mediaIdOf(recordId: string, part: number, index: number): string {
  return `${recordId}:${part}:${index}`;
}

function failure(error: unknown): { messageKey: string; detail: string } {
  if (error instanceof SortieError || error instanceof PublishError)
    return { messageKey: error.messageKey, detail: error.detail };
  return { messageKey: 'error.generic', detail: error instanceof Error ? error.message : String(error) };
}

function lastProblem(problems: UndoReport['failed']): { messageKey: string; detail: string } | null {
  const last = problems.at(-1);
  return last ? { messageKey: last.messageKey, detail: `${last.uri}: ${last.detail}` } : null;
}

export type { StartArgs };

export function createImportRunner(deps: ImportRunnerDeps) {
  const { db } = deps;
  const newKey = deps.newKey ?? newIdempotencyKey;
  /** One change at a time: feeding, pausing and reconciling never interleave. */
  let chainOfWork: Promise<unknown> = Promise.resolve();

  function serial<T>(work: () => Promise<T>): Promise<T> {
    const next = chainOfWork.then(work, work);
    chainOfWork = next.catch(() => undefined);
    return next;
  }

  async function mustGet(importId: string): Promise<ImportRun> {
    const run = await getImport(db, importId);
    if (!run) throw new SortieError('error.archive.notFound', importId);
    return run;
  }

  async function refreshCounts(run: ImportRun): Promise<ImportRun> {
    const counts = emptyCounts();
    for (const state of ['planned', 'queued', 'posted', 'failed', 'skipped', 'undone'] as const) {
      counts[state] = await countInState(db, run.id, state);
    }
    counts.total = counts.planned + counts.queued + counts.posted + counts.failed + counts.skipped + counts.undone;
    return { ...run, counts };
  }

  async function save(run: ImportRun): Promise<ImportRun> {
    // The follow lookups (engine/follows.ts) write their own part of the row: keep it as it is now.
    const followsRun = (await getImport(db, run.id))?.followsRun ?? run.followsRun;
    const counted = await refreshCounts({ ...run, followsRun, updatedAt: deps.now() });
    const networks = new Map((await listAccounts(db)).map((a) => [a.id, a.network]));
    const fresh = { ...counted, finishesAt: estimateFinish(counted, networks, deps.now()) };
    await putImport(db, fresh);
    deps.announce();
    return fresh;
  }

  /** Reads the archive, keeps what the filters keep, and writes the whole plan. */
  async function plan(args: StartArgs): Promise<ImportRun> {
    const stored = await getArchiveFile(db, args.importId);
    if (!stored) throw new SortieError('error.archive.fileMissing', args.importId);
    const existing = await getImport(db, args.importId);
    if (existing && existing.state !== 'planning') throw new SortieError('error.archive.alreadyStarted', args.importId);
    const accounts = new Map((await listAccounts(db)).map((a) => [a.id, a]));
    const targets = args.accountIds.map((id) => accounts.get(id)).filter((a): a is Account => a !== undefined);
    if (targets.length === 0) throw new SortieError('error.noTargets');
    const now = deps.now();
    let run: ImportRun = {
      id: args.importId,
      fileName: stored.name,
      fileSize: stored.size,
      xUsername: '',
      accountIds: targets.map((a) => a.id),
      filters: args.filters,
      state: 'planning',
      counts: emptyCounts(),
      pace: {},
      work: {},
      finishesAt: null,
      followIds: [],
      followsRun: null,
      error: null,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await putImport(db, run);
    try {
      const contents = await deps.source.read(stored.file);
      const tweets = applyFilters(contents.tweets, args.filters);
      const createdAt = new Map(tweets.map((t) => [t.id, t.createdAt]));
      const lang = await deps.lang();
      const planned: PlanAccount[] = targets.map((account) => ({
        accountId: account.id,
        network: account.network,
        createdAt,
        // The same mapping the page previewed with.
        posts: mapTweets(tweets, {
          target: mapTargetFor(account),
          tweetLink: (id) => originalTweetLink(contents.account.username, id, args.mirror),
          sizeOf: contents.sizeOf,
          lang,
          timeZone: args.timeZone,
        }),
      }));
      const records = planRecords({ importId: args.importId, accounts: planned, newKey, now });
      // One transaction: a plan cut short by a crash is thrown away and made again (nothing was queued from it).
      const tx = db.transaction(['importRecords', 'imports'], 'readwrite');
      const store = tx.objectStore('importRecords');
      const old = await store.index('byImport').getAllKeys(args.importId);
      await Promise.all(old.map((key) => store.delete(key)));
      await Promise.all(records.map((r) => store.add(r)));
      const followIds = [...new Set(contents.follows.map((f) => f.accountId))].slice(0, MAX_FOLLOWS);
      run = { ...run, xUsername: contents.account.username, state: 'running', work: workOf(records), followIds };
      await tx.objectStore('imports').put(run);
      await tx.done;
    } catch (error) {
      await save({ ...run, state: 'stopped', error: failure(error) });
      throw error;
    }
    return save(run);
  }

  /**
   * Copies what the outbox did with a chain's jobs into its records. Failed
   * ones are looked at again too: the person may retry a job from the queue.
   * A part that failed stops the thread after it (the outbox sends parts in
   * order), so the tweets after it are failed as well until it is retried.
   */
  async function reconcileChain(chainId: string): Promise<void> {
    const records = (await recordsOfChain(db, chainId)).filter((r) => r.state === 'queued' || r.state === 'failed');
    if (records.length === 0) return;
    const jobs = new Map((await jobsOfPost(db, chainId)).map((j) => [j.partIndex, j]));
    const stoppedAt = [...jobs.values()]
      .filter((j) => j.state === 'failed' || j.state === 'cancelled')
      .sort((a, b) => a.partIndex - b.partIndex)[0];
    const now = deps.now();
    const changed: StoredImportRecord[] = [];
    for (const record of records) {
      const mine = record.parts.map((_, i) => jobs.get(record.firstPart + i));
      if (mine.some((j) => j === undefined)) continue; // never queued in this chain (an account removed before queueing)
      const uris = mine.flatMap((j) => (j?.state === 'sent' && j.result ? [j.result.id] : []));
      let state: RecordState = 'queued';
      let error: StoredImportRecord['error'] = null;
      if (mine.every((j) => j?.state === 'sent')) {
        state = 'posted';
      } else if (stoppedAt && stoppedAt.partIndex < record.firstPart + record.parts.length) {
        state = 'failed';
        const own = stoppedAt.partIndex >= record.firstPart;
        error =
          own && stoppedAt.lastError
            ? { messageKey: stoppedAt.lastError.messageKey, detail: stoppedAt.lastError.detail }
            : { messageKey: own ? 'error.archive.cancelled' : 'error.archive.threadStopped', detail: '' };
      }
      if (
        state !== record.state ||
        uris.length !== record.uris.length ||
        error?.messageKey !== record.error?.messageKey
      ) {
        changed.push({ ...record, state, uris, error, updatedAt: now });
      }
    }
    if (changed.length === 0) return;
    const tx = db.transaction('importRecords', 'readwrite');
    await Promise.all([...changed.map((r) => tx.store.put(r)), tx.done]);
  }

  async function reconcileImport(importId: string): Promise<void> {
    const chains = new Set((await recordsInState(db, importId, 'queued')).map((r) => r.chainId));
    for (const chainId of chains) await reconcileChain(chainId);
  }

  /** The photos of a chain, read from the ZIP and stored as the composer stores images. */
  async function storeMedia(file: Blob, chain: StoredImportRecord[]): Promise<Map<string, DraftImage[]>> {
    const images = new Map<string, DraftImage[]>();
    for (const record of chain) {
      for (const [p, part] of record.parts.entries()) {
        const out: DraftImage[] = [];
        for (const [i, media] of part.media.entries()) {
          const id = mediaIdOf(record.id, p, i);
          // Sortie's publishers upload images only; map.ts links videos instead of attaching them.
          const raw = media.type === 'photo' ? await deps.source.media(file, media.entry, MAX_PHOTO_BYTES) : null;
          if (!raw) {
            record.error = { messageKey: 'error.archive.mediaMissing', detail: media.entry };
            continue;
          }
          let prepared;
          try {
            prepared = await deps.prepareImage(raw);
          } catch (error) {
            record.error = {
              messageKey: 'error.archive.mediaUnreadable',
              detail: `${media.entry}: ${failure(error).detail}`,
            };
            continue;
          }
          await db.put('media', { id, blob: prepared.blob, mime: prepared.mime, createdAt: deps.now() });
          out.push({
            mediaId: id,
            alt: media.alt,
            mime: prepared.mime,
            width: prepared.width,
            height: prepared.height,
            size: prepared.blob.size,
          });
        }
        images.set(`${record.id}:${p}`, out);
      }
    }
    return images;
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
  async function ledgerOf(
    accountId: string,
    network: Network,
    now: number,
  ): Promise<{ posts: number[]; media: number[] }> {
    const posts: number[] = [];
    const media: number[] = [];
    for (const run of await listImports(db)) {
      const ledger = run.pace[accountId];
      if (ledger) {
        posts.push(...ledger.posts);
        media.push(...ledger.media);
      }
    }
    return pruneLedger(
      paceFor(network),
      { posts: posts.sort((a, b) => a - b), media: media.sort((a, b) => a - b) },
      now,
    );
  }

  /** Puts the next chain of the import into the outbox; false when there is nothing more to put now. */
  async function queueNextChain(importId: string, file: Blob): Promise<boolean> {
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
    const ledger = await ledgerOf(account.id, account.network, now);
    const { slots } = assignSlots(pace, ledger, items, now);
    const images = await storeMedia(file, chain);
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
    for (const record of chain)
      await records.put({ ...record, state: 'queued', dueAt: slots[0] ?? now, updatedAt: now });
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

  async function feedOne(importId: string): Promise<number> {
    await reconcileImport(importId);
    let run = await getImport(db, importId);
    if (!run || run.state !== 'running') return 0;
    const stored = await getArchiveFile(db, importId);
    let queued = 0;
    try {
      while ((await countInState(db, importId, 'queued')) < WINDOW_CHAINS) {
        if (!stored) throw new SortieError('error.archive.fileMissing', importId);
        if (!(await queueNextChain(importId, stored.file))) break;
        queued++;
        // A pause or stop may have come in while media were read.
        if ((await getImport(db, importId))?.state !== 'running') break;
      }
    } catch (error) {
      run = (await getImport(db, importId)) ?? run;
      await save({ ...run, state: 'paused', error: failure(error) });
      return queued;
    }
    run = (await getImport(db, importId)) ?? run;
    const left = (await countInState(db, importId, 'planned')) + (await countInState(db, importId, 'queued'));
    if (left === 0 && run.state === 'running') {
      run = { ...run, state: 'done' };
      // The ZIP is no longer needed: Sortie keeps nothing it does not need.
      await db.delete('archiveFiles', importId);
    }
    await save(run);
    return queued;
  }

  /** Feeds every running import; returns how many chains went to the outbox. */
  function feed(): Promise<number> {
    return serial(async () => {
      let queued = 0;
      for (const run of await listImports(db)) {
        if (run.state === 'running') queued += await feedOne(run.id);
      }
      if (queued > 0) deps.requestDrain();
      return queued;
    });
  }

  /** The outbox changed a job: bring its import up to date and keep the window full. */
  function jobChanged(job: Job): void {
    if (!isImportChain(job.postId)) return;
    if (job.state !== 'sent' && job.state !== 'failed' && job.state !== 'cancelled') return;
    void serial(() => reconcileChain(job.postId))
      .then(() => feed())
      .catch((error: unknown) => console.error('Sortie: import bookkeeping failed', error));
  }

  /**
   * Takes back from the outbox the chains not started yet (every job queued,
   * never tried): their records are planned again, with the same keys.
   */
  async function withdrawUnstarted(importId: string): Promise<void> {
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
          await tx.objectStore('importRecords').put({ ...r, state: 'planned', dueAt: null, updatedAt: deps.now() });
      await tx.done;
    }
  }

  async function status(importId: string): Promise<ImportStatus> {
    return importStatus(db, await mustGet(importId));
  }

  return {
    feed,
    jobChanged,
    /** Resolves once the bookkeeping asked for so far is done. */
    idle: async (): Promise<void> => {
      for (let seen = null as Promise<unknown> | null; seen !== chainOfWork;) {
        seen = chainOfWork;
        await seen;
        await new Promise((r) => setTimeout(r, 0));
      }
    },
    async start(args: StartArgs): Promise<ImportStatus> {
      await serial(() => plan(args));
      await feed();
      return status(args.importId);
    },
    pause(importId: string): Promise<ImportStatus> {
      return serial(async () => {
        const run = await mustGet(importId);
        if (run.state !== 'running') return importStatus(db, run);
        await putImport(db, { ...run, state: 'paused' });
        await withdrawUnstarted(importId);
        return importStatus(db, await save((await getImport(db, importId)) ?? run));
      });
    },
    async resume(importId: string): Promise<ImportStatus> {
      await serial(async () => {
        const run = await mustGet(importId);
        if (run.state !== 'paused') return;
        await save({ ...run, state: 'running', error: null });
      });
      await feed();
      deps.requestDrain();
      return status(importId);
    },
    stop(importId: string): Promise<ImportStatus> {
      return serial(async () => {
        const run = await mustGet(importId);
        if (run.state !== 'running' && run.state !== 'paused' && run.state !== 'planning') return importStatus(db, run);
        await putImport(db, { ...run, state: 'stopped' });
        await withdrawUnstarted(importId);
        const now = deps.now();
        const planned = await recordsInState(db, importId, 'planned');
        const tx = db.transaction('importRecords', 'readwrite');
        await Promise.all([...planned.map((r) => tx.store.put({ ...r, state: 'skipped', updatedAt: now })), tx.done]);
        await db.delete('archiveFiles', importId);
        return importStatus(db, await save((await getImport(db, importId)) ?? run));
      });
    },
    /**
     * Deletes from Bluesky every post this import created. Stops the import
     * first and cancels what the outbox still holds of it; a part being sent
     * at that very moment may still land, and is then reported.
     */
    undo(importId: string): Promise<UndoReport> {
      return serial(async () => {
        let run = await mustGet(importId);
        const now = deps.now();
        if (run.state === 'running' || run.state === 'paused' || run.state === 'planning') {
          await putImport(db, { ...run, state: 'stopped' });
          await withdrawUnstarted(importId);
        }
        const chains = new Set((await recordsInState(db, importId, 'queued')).map((r) => r.chainId));
        for (const chainId of chains) {
          for (const job of await jobsOfPost(db, chainId)) {
            if (job.state === 'queued' || job.state === 'retrying' || job.state === 'held')
              await putJob(db, cancelJob(job, now));
          }
          await reconcileChain(chainId);
        }
        const report: UndoReport = { deleted: 0, failed: [], notUndoable: 0, stillSending: 0 };
        const accounts = new Map<string, Account | undefined>();
        for (const record of await recordsOfImport(db, importId)) {
          if (record.state === 'planned')
            await db.put('importRecords', { ...record, state: 'skipped', updatedAt: now });
          if (record.state === 'queued') report.stillSending++;
          if (record.uris.length === 0) continue;
          const deletePost = deps.deleterFor(record.network);
          if (!deletePost) {
            report.notUndoable += record.uris.length;
            continue;
          }
          if (!accounts.has(record.accountId)) accounts.set(record.accountId, await getAccount(db, record.accountId));
          const account = accounts.get(record.accountId);
          const left: string[] = [];
          // Later parts first: a thread is taken down from its end.
          for (const uri of [...record.uris].reverse()) {
            try {
              if (!account) throw new SortieError('error.accountGone', record.accountId);
              await deletePost(account, uri);
              report.deleted++;
            } catch (error) {
              left.unshift(uri);
              report.failed.push({ xId: record.xId, accountId: record.accountId, uri, ...failure(error) });
            }
          }
          const undone = left.length === 0;
          await db.put('importRecords', {
            ...record,
            uris: left,
            state: undone ? 'undone' : record.state,
            error: undone ? record.error : (lastProblem(report.failed) ?? record.error),
            updatedAt: deps.now(),
          });
        }
        run = (await getImport(db, importId)) ?? run;
        await db.delete('archiveFiles', importId);
        await save({ ...run, state: report.failed.length === 0 && report.stillSending === 0 ? 'undone' : 'stopped' });
        return report;
      });
    },
    status,
  };
}

export type ImportRunner = ReturnType<typeof createImportRunner>;

export { chainIdOf };
