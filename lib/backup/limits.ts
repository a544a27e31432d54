/** Backup limits shared by the message checks (lib/messages.ts) and the backup code, kept free of imports. */

/** Larger than any file this version writes (images are capped at 20 MB raw); refused before parsing. */
export const MAX_BACKUP_CHARS = 48 * 1024 * 1024;
export const MIN_PASSPHRASE_LENGTH = 8;
export const MAX_PASSPHRASE_LENGTH = 1_000;
