/**
 * The backup file: one JSON document.
 *
 * Without a passphrase, a person can open and read it (format 1 and 2 alike):
 * ```
 * { format: 'sortie-backup', version: 2, exportedAt, app, integrity,
 *   settings, accounts: [{ ...public fields, credentials: null }],
 *   drafts, jobs, follows, stats, mirrors, media: [{ id, mime, createdAt, data }], mediaLeftOut }
 * ```
 * With one (format 2), everything is sealed in one AES-GCM box
 * (lib/backup/crypto.ts, same PBKDF2 parameters as the tokens); in clear the
 * file says only what it is and how to derive the key:
 * ```
 * { format: 'sortie-backup', version: 2, integrity,
 *   sealed: { alg, kdf, iterations, salt, iv, ciphertext } }
 * ```
 * The box holds the readable document above minus format, version and
 * integrity, its tokens sealed once more per account (bound to the account
 * id), so that both formats open accounts the same way.
 * - Format 1 (before 2026-12) sealed only the tokens and left the rest in
 *   clear; it is still read.
 * - Without a passphrase `credentials` is null and the account comes back
 *   as "reconnect needed".
 * - Images of drafts and queued posts travel as base64 up to
 *   MEDIA_BUDGET_BYTES in all (queued posts first, then drafts, newest
 *   first); the rest are named in `mediaLeftOut` and the posts that use them
 *   fail with "image missing" rather than go out without them.
 * - `integrity` is the SHA-256 of the document without that field, to tell a
 *   damaged file from a wrong passphrase. It is not a signature: anyone who
 *   edits the file can recompute it. Nothing in a file is trusted for that
 *   reason: posts arrive held and mirrors turned off (lib/backup/merge.ts).
 * - `follows` are the follow bridge's results (X accounts collected and
 *   the accounts found for them).
 * - Not in the file: the registered Mastodon app ids (re-registered on
 *   demand, and tied to this browser's redirect URL), built-in mirrors,
 *   mirror health (this browser's own observations) and the progress of a
 *   follow-bridge run.
 */
import type { BridgeEntry } from '../model/bridge.ts';
import type { Draft } from '../model/draft.ts';
import type { StatRecord } from '../model/stat.ts';
import { SortieError } from '../messaging/errors.ts';
import type { Job } from '../model/job.ts';
import type { SettingsPatch } from '../settings.ts';
import { settingsPatchSchema } from '../settings-schema.ts';
import * as v from '../validate.ts';
import { FILE_CONTEXT, openBox, sha256Base64, type EncryptedBox, type PassphraseKeys, type Sealer } from './crypto.ts';
import { MAX_BACKUP_CHARS } from './limits.ts';
import { bridgeEntrySchema } from './schemas-bridge.ts';
import {
  backupAccountSchema,
  draftSchema,
  fileBoxSchema,
  jobSchema,
  mediaSchema,
  mirrorSchema,
  statSchema,
  type BackupAccount,
  type BackupMirror,
  type BackupMedia,
} from './schemas.ts';

export const BACKUP_FORMAT = 'sortie-backup';
export const BACKUP_VERSION = 2;
/** The first format that can seal the whole file. */
const SEALED_SINCE = 2;
/** Raw image bytes carried in one file (about 27 MB once in base64): runtime messages stay well under 64 MB. */
export const MEDIA_BUDGET_BYTES = 20 * 1024 * 1024;

export interface BackupBody {
  settings: SettingsPatch;
  accounts: BackupAccount[];
  drafts: Draft[];
  jobs: Job[];
  follows: BridgeEntry[];
  stats: StatRecord[];
  mirrors: BackupMirror[];
  media: BackupMedia[];
  mediaLeftOut: { id: string; size: number }[];
}

export interface BackupHead {
  format: typeof BACKUP_FORMAT;
  version: number;
  exportedAt: string;
  /** Which Sortie wrote it, for people reading the file. */
  app: string;
}

export type BackupFile = BackupHead & { integrity: string } & BackupBody;

const INTEGRITY_PREFIX = 'sha256-';

/** Serialises with the integrity field; indented so the file can be read by a person. */
export async function serializeBackup(head: BackupHead, body: BackupBody): Promise<string> {
  const hashed = { ...head, ...body };
  const integrity = INTEGRITY_PREFIX + (await sha256Base64(JSON.stringify(hashed)));
  return JSON.stringify({ ...head, integrity, ...body }, null, 1);
}

/** The passphrase file: everything but format and version in one box, sealed by `sealer` (the one that sealed the tokens). */
export async function serializeSealedBackup(head: BackupHead, body: BackupBody, sealer: Sealer): Promise<string> {
  const { format, version, ...inner } = head;
  const sealed = await sealer.seal({ ...inner, ...body }, FILE_CONTEXT);
  const integrity = INTEGRITY_PREFIX + (await sha256Base64(JSON.stringify({ format, version, sealed })));
  return JSON.stringify({ format, version, integrity, sealed }, null, 1);
}

const bodySchema: v.Schema<BackupBody> = v.object({
  // Settings in a file pass the same check as a change from the options page.
  settings: settingsPatchSchema,
  accounts: v.array(backupAccountSchema, { max: 1_000 }),
  drafts: v.array(draftSchema, { max: 100_000 }),
  jobs: v.array(jobSchema, { max: 1_000_000 }),
  follows: v.array(bridgeEntrySchema, { max: 100_000 }),
  stats: v.array(statSchema, { max: 1_000_000 }),
  mirrors: v.array(mirrorSchema, { max: 1_000 }),
  media: v.array(mediaSchema, { max: 100_000 }),
  mediaLeftOut: v.array(v.object({ id: v.string({ max: 1_000 }), size: v.number({ min: 0 }) }), { max: 100_000 }),
});

function damaged(detail: string): SortieError {
  return new SortieError('error.backup.damaged', detail);
}

/**
 * Reads a backup file, in the order that gives the most useful error:
 * not JSON / not ours / too new / damaged in transit / no or wrong
 * passphrase / wrong shape. `keys` opens a sealed file (and later its tokens).
 */
export async function parseBackup(json: string, keys: PassphraseKeys | null = null): Promise<BackupFile> {
  if (json.length > MAX_BACKUP_CHARS) throw new SortieError('error.backup.tooLarge', `${json.length}`);
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw damaged(error instanceof Error ? error.message : 'not JSON');
  }
  if (
    typeof raw !== 'object' ||
    raw === null ||
    Array.isArray(raw) ||
    (raw as { format?: unknown }).format !== BACKUP_FORMAT
  ) {
    throw new SortieError('error.backup.notBackup');
  }
  const { integrity, ...rest } = raw as Record<string, unknown>;
  const version = rest.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw damaged('version');
  // Checked before anything else: a newer file may be shaped (and hashed) differently.
  if (version > BACKUP_VERSION) throw new SortieError('error.backup.newerVersion', String(version));
  if (typeof integrity !== 'string' || integrity !== INTEGRITY_PREFIX + (await sha256Base64(JSON.stringify(rest)))) {
    throw damaged('integrity check failed');
  }
  const content = rest.sealed === undefined ? rest : await openSealed(rest.sealed, version, keys);
  try {
    const head: BackupHead = {
      format: BACKUP_FORMAT,
      version,
      exportedAt: v.string({ max: 100 })(content.exportedAt, 'exportedAt'),
      app: v.string({ max: 200 })(content.app, 'app'),
    };
    return { ...head, integrity, ...bodySchema(content) };
  } catch (error) {
    if (error instanceof v.ValidationError) throw damaged(error.message);
    throw error;
  }
}

/** Opens the box of a sealed file: a missing passphrase or a failed tag stops here, before any record is read. */
async function openSealed(
  sealed: unknown,
  version: number,
  keys: PassphraseKeys | null,
): Promise<Record<string, unknown>> {
  if (version < SEALED_SINCE) throw damaged('sealed content in a format-1 file');
  let box: EncryptedBox;
  try {
    box = fileBoxSchema(sealed, 'sealed');
  } catch (error) {
    if (error instanceof v.ValidationError) throw damaged(error.message);
    throw error;
  }
  if (!keys) throw new SortieError('error.backup.passphraseNeeded');
  const inner = await openBox(keys, box, FILE_CONTEXT);
  if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) throw damaged('sealed content');
  return inner as Record<string, unknown>;
}
