/**
 * Planning an import, once: the archive is read, filtered and mapped exactly
 * as the page previewed it, and every record (with its parts and their
 * idempotency keys) is written in one transaction before anything is queued.
 */
import type { Account } from '../../model/account.ts';
import { listAccounts } from '../../accounts/store.ts';
import { SortieError } from '../../messaging/errors.ts';
import type { Network } from '../../model/draft.ts';
import type { ImportRun, StoredImportRecord } from '../../model/import.ts';
import { applyFilters } from '../filters.ts';
import { mapTweets } from '../map.ts';
import { planRecords, type PlanAccount } from '../plan-records.ts';
import type { StartArgs } from '../schemas.ts';
import { emptyCounts, getArchiveFile, getImport, putImport } from '../store.ts';
import { mapTargetFor, originalTweetLink } from '../targets.ts';
import { failure, type ImportRunnerDeps } from './deps.ts';
import { saveImport } from './import-row.ts';

/** More than X lets anyone follow (5,000, plus 10 % of followers for large accounts). */
const MAX_FOLLOWS = 50_000;

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

/** Reads the archive, keeps what the filters keep, and writes the whole plan. */
export async function planImport(
  deps: ImportRunnerDeps,
  newKey: (network: Network) => string,
  args: StartArgs,
): Promise<ImportRun> {
  const { db } = deps;
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
    const planned: PlanAccount[] = [];
    for (const account of targets) {
      // Asked once, at planning: which videos fit is then part of the plan, like the rest.
      const videoLimit = await deps.videoSizeLimitFor(account);
      planned.push({
        accountId: account.id,
        network: account.network,
        createdAt,
        // The same mapping the page previewed with.
        posts: mapTweets(tweets, {
          target: mapTargetFor(account, ...(videoLimit === undefined ? [] : [videoLimit])),
          tweetLink: (id) => originalTweetLink(contents.account.username, id, args.mirror),
          replyLink: (user, id) => originalTweetLink(user, id, args.mirror),
          sizeOf: contents.sizeOf,
          lang,
          timeZone: args.timeZone,
        }),
      });
    }
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
    await saveImport(deps, { ...run, state: 'stopped', error: failure(error) });
    throw error;
  }
  return saveImport(deps, run);
}
