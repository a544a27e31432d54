/**
 * Writes the backup file from IndexedDB. Runs in the background, which holds
 * the tokens: they leave it only sealed with the user's passphrase, so the
 * page that asked for the export only ever sees ciphertext. With a
 * passphrase the whole file is sealed (format.ts): drafts, posts and the
 * follow bridge's lists say as much about a person as their tokens.
 */
import { toPublicAccount } from '../model/account.ts';
import { listAccounts } from '../accounts/store.ts';
import type { Draft } from '../model/draft.ts';
import type { Db } from '../db.ts';
import type { MediaRecord } from '../model/media.ts';
import { isUnsent, type Job } from '../model/job.ts';
import { getSettings } from '../settings-store.ts';
import { createSealer, KDF_ITERATIONS } from './crypto.ts';
import { bytesToBase64 } from './encoding.ts';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  MEDIA_BUDGET_BYTES,
  serializeBackup,
  serializeSealedBackup,
  type BackupBody,
  type BackupHead,
} from './format.ts';
import type { BackupAccount, BackupMedia } from './schemas.ts';

export interface ExportOptions {
  /** Seals the whole file (tokens included) with it; without one the tokens are left out. */
  passphrase?: string;
  now: number;
  /** "Sortie 1.2.3", written into the file for people reading it. */
  app: string;
  iterations?: number;
  mediaBudget?: number;
}

export async function exportBackup(db: Db, options: ExportOptions): Promise<string> {
  const [settings, accounts, drafts, jobs, follows, stats, mirrors, media] = await Promise.all([
    getSettings(db),
    listAccounts(db),
    db.getAll('drafts'),
    db.getAll('jobs'),
    db.getAll('follows'),
    db.getAll('stats'),
    db.getAll('mirrors'),
    db.getAll('media'),
  ]);
  const sealer = options.passphrase ? createSealer(options.passphrase, options.iterations ?? KDF_ITERATIONS) : null;
  const backupAccounts: BackupAccount[] = [];
  for (const account of accounts) {
    backupAccounts.push({
      ...toPublicAccount(account),
      credentials: sealer ? { encrypted: await sealer.seal(account.credentials, account.id) } : null,
    });
  }
  const { included, leftOut } = await pickMedia(media, jobs, drafts, options.mediaBudget ?? MEDIA_BUDGET_BYTES);
  const body: BackupBody = {
    settings,
    accounts: backupAccounts,
    drafts,
    jobs,
    follows,
    stats,
    // Built-in mirrors ship with every copy of Sortie; only the user's own travel.
    mirrors: mirrors
      .filter((m) => !m.builtIn)
      .map(({ id, name, origin, pinned, scheme, templates, disabled }) => ({
        id,
        name,
        origin,
        pinned,
        scheme,
        templates,
        disabled,
      })),
    media: included,
    mediaLeftOut: leftOut,
  };
  const head: BackupHead = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date(options.now).toISOString(),
    app: options.app,
  };
  return sealer ? serializeSealedBackup(head, body, sealer) : serializeBackup(head, body);
}

/** What an export would carry, counted for the privacy page before the user saves the file. */
export interface BackupContents {
  accounts: number;
  drafts: number;
  /** Posts not sent yet (they come back held: nothing is sent until the user says so). */
  unsentPosts: number;
  sentPosts: number;
  /** X accounts the follow bridge collected, and of those, how many have accounts found for them. */
  follows: number;
  matched: number;
  /** The user's own mirrors (built-in ones are not exported). */
  mirrors: number;
  /** Images over the size budget, which the file will name but not carry. */
  imagesLeftOut: number;
}

export async function backupContents(db: Db, mediaBudget = MEDIA_BUDGET_BYTES): Promise<BackupContents> {
  const [accounts, drafts, jobs, follows, mirrors, media] = await Promise.all([
    db.count('accounts'),
    db.getAll('drafts'),
    db.getAll('jobs'),
    db.getAll('follows'),
    db.getAll('mirrors'),
    db.getAll('media'),
  ]);
  const posts = (keep: (j: Job) => boolean) => new Set(jobs.filter(keep).map((j) => j.postId)).size;
  return {
    accounts,
    drafts: drafts.length,
    unsentPosts: posts(isUnsent),
    sentPosts: posts((j) => j.state === 'sent' && !jobs.some((o) => o.postId === j.postId && isUnsent(o))),
    follows: follows.length,
    matched: follows.filter((f) => Object.values(f.matches).some((m) => m.candidates.length > 0)).length,
    mirrors: mirrors.filter((m) => !m.builtIn).length,
    imagesLeftOut: planMedia(media, jobs, drafts, mediaBudget).leftOut.length,
  };
}

/**
 * Images in order of what losing them would cost: queued posts, then drafts
 * (newest first), then the images of posts already sent. Images nothing
 * refers to any more are not exported.
 */
function planMedia(
  media: MediaRecord[],
  jobs: Job[],
  drafts: Draft[],
  budget: number,
): { included: MediaRecord[]; leftOut: { id: string; size: number }[] } {
  const order: string[] = [];
  const seen = new Set<string>();
  const want = (ids: string[]): void => {
    for (const id of ids) {
      if (seen.has(id)) continue;
      seen.add(id);
      order.push(id);
    }
  };
  want(jobs.filter(isUnsent).flatMap((j) => j.images.map((i) => i.mediaId)));
  want([...drafts].sort((a, b) => b.updatedAt - a.updatedAt).flatMap((d) => d.images.map((i) => i.mediaId)));
  want(jobs.filter((j) => !isUnsent(j)).flatMap((j) => j.images.map((i) => i.mediaId)));

  const byId = new Map(media.map((m) => [m.id, m]));
  const included: MediaRecord[] = [];
  const leftOut: { id: string; size: number }[] = [];
  let used = 0;
  for (const id of order) {
    const record = byId.get(id);
    if (!record) continue;
    const size = record.blob.size;
    if (used + size > budget) {
      leftOut.push({ id, size });
      continue;
    }
    used += size;
    included.push(record);
  }
  return { included, leftOut };
}

async function pickMedia(
  media: MediaRecord[],
  jobs: Job[],
  drafts: Draft[],
  budget: number,
): Promise<{ included: BackupMedia[]; leftOut: { id: string; size: number }[] }> {
  const { included, leftOut } = planMedia(media, jobs, drafts, budget);
  const out: BackupMedia[] = [];
  for (const record of included) {
    const data = bytesToBase64(new Uint8Array(await record.blob.arrayBuffer()));
    out.push({ id: record.id, mime: record.mime, createdAt: record.createdAt, data });
  }
  return { included: out, leftOut };
}
