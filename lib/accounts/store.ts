/**
 * The accounts store. Only the background and the engine call this; every
 * write is announced to open pages (changes.ts) once it is committed.
 */
import type { Db } from '../db.ts';
import type { Account, AccountStatus } from '../model/account.ts';
import { announceAccountsChanged } from './changes.ts';

export function listAccounts(db: Db): Promise<Account[]> {
  return db.getAll('accounts');
}

export function getAccount(db: Db, id: string): Promise<Account | undefined> {
  return db.get('accounts', id);
}

export async function putAccount(db: Db, account: Account): Promise<void> {
  await db.put('accounts', account);
  announceAccountsChanged();
}

export async function deleteAccount(db: Db, id: string): Promise<void> {
  await db.delete('accounts', id);
  announceAccountsChanged();
}

export async function setAccountStatus(db: Db, id: string, status: AccountStatus): Promise<void> {
  const tx = db.transaction('accounts', 'readwrite');
  const account = await tx.store.get(id);
  const changed = account !== undefined && account.status !== status;
  if (changed) await tx.store.put({ ...account, status });
  await tx.done;
  if (changed) announceAccountsChanged();
}
