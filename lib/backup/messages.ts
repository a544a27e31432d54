/** The privacy page's messages: export, import, wipe. */
import { spec } from '../messaging/spec.ts';
import * as v from '../validate.ts';
import type { BackupContents } from './export.ts';
import type { ImportSummary } from './import.ts';
import { MAX_BACKUP_CHARS, MAX_PASSPHRASE_LENGTH, MIN_PASSPHRASE_LENGTH } from './limits.ts';
import type { PendingPost, WipeResult } from './wipe.ts';

/** What an export is asked with: the passphrase that seals the tokens, if any. */
export const exportArgsSchema = v.object({
  passphrase: v.optional(v.string({ min: MIN_PASSPHRASE_LENGTH, max: MAX_PASSPHRASE_LENGTH })),
});

/** A backup file to merge, and the passphrase it was sealed with. */
export const importArgsSchema = v.object({
  json: v.string({ min: 1, max: MAX_BACKUP_CHARS }),
  passphrase: v.optional(v.string({ min: 1, max: MAX_PASSPHRASE_LENGTH })),
});

export const DATA_MESSAGES = {
  /** Privacy page: the backup file as JSON. Tokens are in it only sealed with the passphrase, never in clear. */
  'data.export': spec<string>()('extension', exportArgsSchema),
  /** Privacy page: what an export would carry, shown before the user saves it. */
  'data.exportContents': spec<BackupContents>()('extension', v.empty()),
  /** Privacy page: merge a backup file into what is here; nothing changes if it fails. */
  'data.import': spec<ImportSummary>()('extension', importArgsSchema),
  /** Privacy page: the posts still waiting to be sent, shown before a wipe. */
  'data.pendingPosts': spec<PendingPost[]>()('extension', v.empty()),
  /** Privacy page: sign out on the servers (if asked), then delete everything Sortie stored. */
  'data.wipe': spec<WipeResult>()('extension', v.object({ signOut: v.boolean() })),
};

export type DataMessage = keyof typeof DATA_MESSAGES;
