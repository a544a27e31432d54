/**
 * "Delete everything": sign out on the servers where they answer, then erase
 * every byte Sortie keeps in this browser, so that it starts again as if just
 * installed. The queued posts that would be lost are shown to the user first
 * (pendingPosts).
 */
import type { Account } from '../model/account.ts';
import { notRevoked, type DisconnectResult } from '../accounts/disconnect.ts';
import { listAccounts } from '../accounts/store.ts';
import type { Db } from '../db.ts';
import { isUnsent, PENDING_STATES } from '../model/job.ts';
import { hasSession as hasCredentialsSession } from '../networks/registry.ts';
import { jobsOfPendingPosts } from '../outbox/store.ts';

export interface PendingPost {
  postId: string;
  accountId: string;
  /** The account's handle, or its id if the account is gone. */
  handle: string;
  /** The first post of the thread. */
  text: string;
  parts: number;
  state: 'held' | 'queued' | 'sending' | 'retrying';
  sendAt: number | null;
}

/** One entry per post and account that still has something to send. */
export async function pendingPosts(db: Db): Promise<PendingPost[]> {
  const [jobs, accounts] = await Promise.all([jobsOfPendingPosts(db, ['held', ...PENDING_STATES]), listAccounts(db)]);
  const handles = new Map(accounts.map((a) => [a.id, a.handle]));
  const chains = new Map<string, PendingPost>();
  for (const job of [...jobs].sort((a, b) => a.createdAt - b.createdAt || a.partIndex - b.partIndex)) {
    if (!isUnsent(job)) continue;
    const key = `${job.postId}\u0000${job.accountId}`;
    if (chains.has(key)) continue;
    const first =
      jobs.find((j) => j.postId === job.postId && j.accountId === job.accountId && j.partIndex === 0) ?? job;
    chains.set(key, {
      postId: job.postId,
      accountId: job.accountId,
      handle: handles.get(job.accountId) ?? job.accountId,
      text: first.text,
      parts: job.partCount,
      state: job.state as PendingPost['state'],
      sendAt: job.sendAt,
    });
  }
  return [...chains.values()];
}

export interface WipeDeps {
  db: Db;
  /** The engine's 'account.disconnect': revoke / delete the session on the server, forget the account. */
  disconnect: (accountId: string) => Promise<DisconnectResult>;
  /** Closes the engine, so no drain writes a job back after the wipe. */
  stopEngine: () => Promise<void>;
  /** Alarms, storage.local/session, declarativeNetRequest rules. */
  clearBrowserState: () => Promise<void>;
  /** How long one server may take to answer a sign-out. */
  signOutTimeoutMs?: number;
}

export interface WipeResult {
  /** Accounts signed out on their server. */
  revoked: number;
  /** Handles whose server did not confirm (unreachable, or a pasted token Sortie cannot revoke). */
  failed: string[];
  /** For each of those: why, and the page of their server where the user removes Sortie by hand. */
  notRevoked: DisconnectResult[];
}

const SIGN_OUT_TIMEOUT_MS = 15_000;

export async function wipeEverything(deps: WipeDeps, options: { signOut: boolean }): Promise<WipeResult> {
  const result: WipeResult = { revoked: 0, failed: [], notRevoked: [] };
  if (options.signOut) {
    const accounts = (await listAccounts(deps.db)).filter(hasSession);
    const outcomes = await Promise.all(accounts.map((a) => signOut(deps, a)));
    outcomes.forEach((outcome, i) => {
      if (outcome.revoked) {
        result.revoked++;
        return;
      }
      const account = accounts[i]!;
      result.failed.push(account.handle);
      // An engine answer without a page (the account vanished meanwhile) still gets one.
      result.notRevoked.push(
        outcome.appsPage
          ? { ...outcome, handle: account.handle }
          : notRevoked(account, outcome.reason ?? 'failed', outcome.detail),
      );
    });
  }
  await deps.stopEngine();
  await deps.clearBrowserState();
  await clearDatabase(deps.db);
  return result;
}

/** An account restored without its tokens has nothing to sign out of. */
function hasSession(account: Account): boolean {
  return hasCredentialsSession(account.credentials);
}

async function signOut(deps: WipeDeps, account: Account): Promise<DisconnectResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<DisconnectResult>((resolve) => {
    timer = setTimeout(
      () => resolve(notRevoked(account, 'failed', 'timeout')),
      deps.signOutTimeoutMs ?? SIGN_OUT_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([deps.disconnect(account.id), timeout]);
  } catch (error) {
    // Reported to the user by handle, with their server's page; the data goes anyway.
    return notRevoked(account, 'failed', error instanceof Error ? error.message : String(error));
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Empties every store the database has (a store added by a later migration
 * included) in one transaction. Emptied rather than deleted: pages still
 * holding a connection would block deleteDatabase indefinitely, and an empty
 * database at the current version is what a fresh install opens anyway.
 */
export async function clearDatabase(db: Db): Promise<void> {
  const names = [...db.objectStoreNames];
  if (names.length === 0) return;
  const tx = db.transaction(names, 'readwrite');
  await Promise.all([...names.map((name) => tx.objectStore(name).clear()), tx.done]);
}
