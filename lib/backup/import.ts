/**
 * Restores a backup file into IndexedDB, in the background (tokens are only
 * ever opened there). Every check and every decryption happens before the
 * first write, and the writes go in one transaction: a wrong passphrase or a
 * damaged file changes nothing. See merge.ts for what wins on a clash.
 */
import type { Account, Credentials } from '../model/account.ts';
import type { IDBPTransaction } from 'idb';
import type { Db, SortieDB } from '../db.ts';
import { BUILT_IN_MIRRORS } from '../links/mirrors.ts';
import { SortieError } from '../messaging/errors.ts';
import { emptyCredentials as emptyCredentialsOf } from '../networks/registry.ts';
import { DEFAULT_SETTINGS, mergeSettings } from '../settings.ts';
import { ValidationError } from '../validate.ts';
import { openBox, PassphraseKeys } from './crypto.ts';
import { base64ToBytes } from './encoding.ts';
import { parseBackup, type BackupFile } from './format.ts';
import {
  decideAccount,
  decideByUpdate,
  decideJob,
  decideMissingOnly,
  decideSettings,
  decideStat,
  emptyCounts,
  importedMirror,
  importedSettings,
  tally,
  withTokensOf,
  type Counts,
} from './merge.ts';
import { credentialsSchema, type BackupAccount } from './schemas.ts';

export interface ImportSummary {
  accounts: Counts;
  drafts: Counts;
  jobs: Counts;
  follows: Counts;
  media: Counts;
  stats: Counts;
  mirrors: Counts;
  settings: 'imported' | 'kept';
  /** Accounts that came without working tokens: the user signs in to them again. */
  reconnect: string[];
  /** Images the file named but did not carry (over the export's size budget). */
  mediaMissing: number;
  /** Posts that still had to go out: held until the user presses Send in the queue (none is sent by the import). */
  heldPosts: number;
  /** Of those, posts with a scheduled time. */
  heldScheduled: number;
  /** Mirrors from the file, added turned off until the user turns them on. */
  mirrorsOff: number;
  /** The file preferred a mirror that is not built in: that preference was not restored. */
  pinDropped: boolean;
}

export async function importBackup(db: Db, json: string, passphrase: string | undefined): Promise<ImportSummary> {
  // One key cache for the file's box and its tokens' boxes: PBKDF2 runs once.
  const keys = passphrase ? new PassphraseKeys(passphrase) : null;
  const file = await parseBackup(json, keys);
  const accounts = await openAccounts(file.accounts, keys);
  const media = file.media.map((m) => {
    try {
      return {
        id: m.id,
        mime: m.mime,
        createdAt: m.createdAt,
        blob: new Blob([base64ToBytes(m.data)], { type: m.mime }),
      };
    } catch {
      throw new SortieError('error.backup.damaged', `image ${m.id}`);
    }
  });
  return write(db, file, accounts, media);
}

/** Opens every sealed token set first: one wrong passphrase stops the import before anything is written. */
async function openAccounts(entries: BackupAccount[], keys: PassphraseKeys | null): Promise<Account[]> {
  const sealed = entries.some((a) => a.credentials !== null);
  if (sealed && !keys) throw new SortieError('error.backup.passphraseNeeded');
  const out: Account[] = [];
  for (const { credentials: box, ...account } of entries) {
    if (!box || !keys) {
      out.push({ ...account, status: 'reconnect', credentials: emptyCredentials(account) });
      continue;
    }
    const credentials = checkCredentials(await openBox(keys, box.encrypted, account.id), account.network);
    out.push({ ...account, credentials });
  }
  return out;
}

function checkCredentials(value: unknown, network: Account['network']): Credentials {
  let credentials: Credentials;
  try {
    credentials = credentialsSchema(value, 'credentials');
  } catch (error) {
    if (error instanceof ValidationError) throw new SortieError('error.backup.damaged', error.message);
    throw error;
  }
  if (credentials.network !== network) throw new SortieError('error.backup.damaged', 'tokens of another network');
  return credentials;
}

/**
 * An account restored without its tokens: the record keeps its place (drafts
 * and queued posts point at its id) with empty tokens and "reconnect needed";
 * signing in again writes real ones over the same id.
 */
export function emptyCredentials(account: Pick<Account, 'id' | 'network' | 'server' | 'handle'>): Credentials {
  return emptyCredentialsOf(account);
}

type MediaIn = { id: string; mime: string; createdAt: number; blob: Blob };

async function write(db: Db, file: BackupFile, accounts: Account[], media: MediaIn[]): Promise<ImportSummary> {
  const summary: ImportSummary = {
    accounts: emptyCounts(),
    drafts: emptyCounts(),
    jobs: emptyCounts(),
    follows: emptyCounts(),
    media: emptyCounts(),
    stats: emptyCounts(),
    mirrors: emptyCounts(),
    settings: 'kept',
    reconnect: [],
    mediaMissing: file.mediaLeftOut.length,
    heldPosts: 0,
    heldScheduled: 0,
    mirrorsOff: 0,
    pinDropped: false,
  };
  const tx = db.transaction(
    ['accounts', 'drafts', 'jobs', 'follows', 'media', 'stats', 'mirrors', 'settings'],
    'readwrite',
  );
  try {
    await merge(tx, file, accounts, media, summary);
  } catch (error) {
    // All or nothing: a failure half-way must not leave half a backup behind.
    abort(tx);
    throw error;
  }
  await tx.done;
  return summary;
}

type ImportTx = IDBPTransaction<
  SortieDB,
  ('accounts' | 'drafts' | 'jobs' | 'follows' | 'media' | 'stats' | 'mirrors' | 'settings')[],
  'readwrite'
>;

async function merge(
  tx: ImportTx,
  file: BackupFile,
  accounts: Account[],
  media: MediaIn[],
  summary: ImportSummary,
): Promise<void> {
  const stores = {
    accounts: tx.objectStore('accounts'),
    drafts: tx.objectStore('drafts'),
    jobs: tx.objectStore('jobs'),
    follows: tx.objectStore('follows'),
    media: tx.objectStore('media'),
    stats: tx.objectStore('stats'),
    mirrors: tx.objectStore('mirrors'),
    settings: tx.objectStore('settings'),
  };

  for (const account of accounts) {
    const existing = await stores.accounts.get(account.id);
    const decision = decideAccount(existing, account);
    tally(summary.accounts, decision);
    if (decision === 'add') await stores.accounts.put(account);
    if (decision === 'replace' && existing) await stores.accounts.put(withTokensOf(existing, account));
    const now = decision === 'keep' ? existing : account;
    if (now?.status === 'reconnect') summary.reconnect.push(now.handle);
  }
  for (const draft of file.drafts) {
    const decision = decideByUpdate(await stores.drafts.get(draft.id), draft);
    tally(summary.drafts, decision);
    if (decision !== 'keep') await stores.drafts.put(draft);
  }
  const held = new Map<string, boolean>();
  for (const incoming of file.jobs) {
    const { decision, job } = decideJob(await stores.jobs.get(incoming.id), incoming);
    tally(summary.jobs, decision);
    if (decision === 'keep') continue;
    await stores.jobs.put(job);
    if (job.state === 'held') held.set(job.postId, (held.get(job.postId) ?? false) || job.sendAt !== null);
  }
  summary.heldPosts = held.size;
  summary.heldScheduled = [...held.values()].filter(Boolean).length;
  for (const entry of file.follows) {
    const decision = decideByUpdate(await stores.follows.get(entry.key), entry);
    tally(summary.follows, decision);
    if (decision !== 'keep') await stores.follows.put(entry);
  }
  for (const record of media) {
    const decision = decideMissingOnly(await stores.media.get(record.id));
    tally(summary.media, decision);
    if (decision === 'add') await stores.media.put(record);
  }
  for (const stat of file.stats) {
    const decision = decideStat(await stores.stats.get(stat.key), stat);
    tally(summary.stats, decision);
    if (decision !== 'keep') await stores.stats.put(stat);
  }
  const builtInIds = new Set(BUILT_IN_MIRRORS.map((m) => m.id));
  for (const mirror of file.mirrors) {
    if (builtInIds.has(mirror.id)) continue;
    const decision = decideMissingOnly(await stores.mirrors.get(mirror.id));
    tally(summary.mirrors, decision);
    if (decision === 'add') {
      await stores.mirrors.put(importedMirror(mirror));
      summary.mirrorsOff++;
    }
  }
  const settingsRow = await stores.settings.get('settings');
  summary.settings = decideSettings(settingsRow?.value);
  if (summary.settings === 'imported') {
    const { settings, pinDropped } = importedSettings(file.settings, builtInIds);
    summary.pinDropped = pinDropped;
    await stores.settings.put({ key: 'settings', value: mergeSettings(DEFAULT_SETTINGS, settings) });
  }
}

function abort(tx: ImportTx): void {
  // Once aborted, tx.done rejects with the error being rethrown already.
  tx.done.catch(() => undefined);
  try {
    tx.abort();
  } catch (abortError) {
    // A failed request aborts the transaction by itself: then there is nothing left to undo.
    if (!(abortError instanceof Error && abortError.name === 'InvalidStateError')) throw abortError;
  }
}
