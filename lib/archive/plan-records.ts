/**
 * Turns what an import posts on each account (ImportPosts, from map.ts) into
 * its records: own threads rebuilt as one outbox chain each (a tweet's first
 * part replies to the last part of the tweet it continues), every part's text
 * and idempotency key fixed now, once. Pure: keys are handed in.
 */
import type { Network } from '../model/draft.ts';
import type { ImportPost } from './model.ts';
import { recordId } from './store.ts';
import type { StoredImportRecord } from '../model/import.ts';

export interface PlanAccount {
  accountId: string;
  network: Network;
  /** Oldest first, as map.ts made them for this account. */
  posts: readonly ImportPost[];
  /** Each tweet's own time (epoch ms), by X id. */
  createdAt: ReadonlyMap<string, number>;
}

export interface PlanInput {
  importId: string;
  accounts: readonly PlanAccount[];
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
 * Threads in order of their first tweet: a post continues the thread of the
 * tweet it answers; a thread that branches is walked depth first (each reply
 * after the part before it), so every part still answers one of its own.
 */
export function threadsOf(posts: readonly ImportPost[]): ImportPost[][] {
  const order = new Map(posts.map((p, i) => [p.xId, i]));
  const children = new Map<string, ImportPost[]>();
  const roots: ImportPost[] = [];
  for (const post of posts) {
    const parent = post.replyToXId;
    if (parent !== null && parent !== post.xId && order.has(parent)) {
      const list = children.get(parent);
      if (list) list.push(post);
      else children.set(parent, [post]);
    } else {
      roots.push(post);
    }
  }
  const seen = new Set<string>();
  const threads: ImportPost[][] = [];
  for (const root of roots) {
    const thread: ImportPost[] = [];
    const stack = [root];
    while (stack.length > 0) {
      const post = stack.pop() as ImportPost;
      // A reply loop in a hostile file must not spin forever.
      if (seen.has(post.xId)) continue;
      seen.add(post.xId);
      thread.push(post);
      stack.push(...[...(children.get(post.xId) ?? [])].reverse());
    }
    threads.push(thread);
  }
  return threads;
}

export function planRecords({ importId, accounts, newKey, now }: PlanInput): StoredImportRecord[] {
  const threads = accounts.map((a) => threadsOf(a.posts));
  const records: StoredImportRecord[] = [];
  let seq = 0;
  const longest = Math.max(0, ...threads.map((t) => t.length));
  // Accounts take turns thread by thread, so each moves on at its own pace from the start.
  for (let i = 0; i < longest; i++) {
    accounts.forEach((account, a) => {
      const thread = threads[a]?.[i];
      if (!thread) return;
      const chainId = chainIdOf(importId, account.accountId, (thread[0] as ImportPost).xId);
      const chain: StoredImportRecord[] = [];
      let firstPart = 0;
      for (const post of thread) {
        const parts = post.parts.filter((p) => p.text.trim() !== '' || p.media.length > 0);
        chain.push({
          id: recordId(importId, account.accountId, post.xId),
          importId,
          accountId: account.accountId,
          network: account.network,
          xId: post.xId,
          state: parts.length === 0 ? 'skipped' : 'planned',
          uris: [],
          updatedAt: now,
          seq: seq++,
          chainId,
          firstPart,
          chainParts: 0,
          parts,
          keys: parts.map(() => newKey(account.network)),
          originalDate: account.createdAt.get(post.xId) ?? now,
          langs: post.langs,
          visibility: post.visibility,
          dueAt: null,
          error: null,
        });
        firstPart += parts.length;
      }
      for (const record of chain) record.chainParts = firstPart;
      records.push(...chain);
    });
  }
  return records;
}
