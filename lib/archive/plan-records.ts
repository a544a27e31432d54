/**
 * Turns the tweets an import keeps into its records: own threads rebuilt as
 * one outbox chain each (a tweet replies to the part before it), every part's
 * text and idempotency key fixed now, once. Pure: keys and splitting are
 * handed in.
 */
import type { Network } from '../compose/draft.ts';
import type { ArchiveTweet } from './model.ts';
import { langsOf, postTextFor } from './post-text.ts';
import { recordId, type PlannedPart, type StoredImportRecord } from './store.ts';

export interface PlanTarget {
  accountId: string;
  network: Network;
  /** Splits a text into the thread parts this account takes (lib/compose, with the account's limits). */
  split: (text: string) => string[];
  /** Most photos one post of this account carries. */
  maxImages: number;
}

export interface PlanInput {
  importId: string;
  tweets: readonly ArchiveTweet[];
  targets: readonly PlanTarget[];
  newKey: (network: Network) => string;
  now: number;
}

/** The outbox post id of a chain: one thread of the archive on one account. */
export function chainIdOf(importId: string, accountId: string, rootXId: string): string {
  return `import:${importId}:${accountId}:${rootXId}`;
}

export function isImportChain(postId: string): boolean {
  return postId.startsWith('import:');
}

/**
 * Threads in order, oldest first: a self-reply joins the thread of the own
 * tweet it answers when that one is imported too; a thread that branches is
 * walked depth first (each reply after the part before it).
 */
export function threadsOf(tweets: readonly ArchiveTweet[]): ArchiveTweet[][] {
  const byId = new Map(tweets.map((t) => [t.id, t]));
  const children = new Map<string, ArchiveTweet[]>();
  const roots: ArchiveTweet[] = [];
  for (const tweet of tweets) {
    const parent = tweet.inReplyToOwnId !== null && tweet.inReplyToOwnId !== tweet.id ? byId.get(tweet.inReplyToOwnId) : undefined;
    if (parent) {
      const list = children.get(parent.id);
      if (list) list.push(tweet);
      else children.set(parent.id, [tweet]);
    } else {
      roots.push(tweet);
    }
  }
  const older = (a: ArchiveTweet, b: ArchiveTweet): number => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  roots.sort(older);
  const seen = new Set<string>();
  const threads: ArchiveTweet[][] = [];
  for (const root of roots) {
    const thread: ArchiveTweet[] = [];
    const stack = [root];
    while (stack.length > 0) {
      const tweet = stack.pop() as ArchiveTweet;
      // A reply loop in a hostile file must not spin forever.
      if (seen.has(tweet.id)) continue;
      seen.add(tweet.id);
      thread.push(tweet);
      const next = [...(children.get(tweet.id) ?? [])].sort(older).reverse();
      stack.push(...next);
    }
    threads.push(thread);
  }
  return threads;
}

function partsOf(tweet: ArchiveTweet, target: PlanTarget): PlannedPart[] {
  const photos = tweet.media.filter((m) => m.type === 'photo').slice(0, target.maxImages);
  const texts = target.split(postTextFor(tweet, target.network));
  if (texts.length === 0) return photos.length > 0 ? [{ text: '', media: photos }] : [];
  return texts.map((text, i) => ({ text, media: i === 0 ? photos : [] }));
}

export function planRecords({ importId, tweets, targets, newKey, now }: PlanInput): StoredImportRecord[] {
  const records: StoredImportRecord[] = [];
  let seq = 0;
  for (const thread of threadsOf(tweets)) {
    const root = thread[0] as ArchiveTweet;
    for (const target of targets) {
      const chainId = chainIdOf(importId, target.accountId, root.id);
      const chain: StoredImportRecord[] = [];
      let firstPart = 0;
      for (const tweet of thread) {
        const parts = partsOf(tweet, target);
        const record: StoredImportRecord = {
          id: recordId(importId, target.accountId, tweet.id),
          importId,
          accountId: target.accountId,
          network: target.network,
          xId: tweet.id,
          state: parts.length === 0 ? 'skipped' : 'planned',
          uris: [],
          updatedAt: now,
          seq: seq++,
          chainId,
          firstPart,
          chainParts: 0,
          parts,
          keys: parts.map(() => newKey(target.network)),
          originalDate: tweet.createdAt,
          langs: langsOf(tweet.lang),
          dueAt: null,
          error: null,
        };
        firstPart += parts.length;
        chain.push(record);
      }
      for (const record of chain) record.chainParts = firstPart;
      records.push(...chain);
    }
  }
  return records;
}
