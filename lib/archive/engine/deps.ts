/** What the import runner is given by the engine (lib/engine/start.ts), and how it words a failure. */
import type { Account } from '../../model/account.ts';
import type { Network } from '../../model/draft.ts';
import type { Db } from '../../db.ts';
import type { Lang } from '../../i18n/index.ts';
import { SortieError } from '../../messaging/errors.ts';
import { PublishError } from '../../networks/types.ts';
import type { ArchiveSource } from './source.ts';

export interface ImportRunnerDeps {
  db: Db;
  now: () => number;
  source: ArchiveSource;
  /** Re-encodes a photo (metadata dropped, size fitted), as the composer does. */
  prepareImage: (blob: Blob) => Promise<{ blob: Blob; mime: string; width: number; height: number }>;
  /**
   * Deletes a post of this account by its id, through the network's engine
   * adapter (lib/networks/engine.ts `deletePost`); null for a network Sortie
   * does not delete on (its posts are reported as left in place).
   */
  deleterFor: (network: Network) => ((account: Account, postId: string) => Promise<void>) | null;
  /**
   * The largest video the account's server takes (bytes), asked of it through
   * the network's adapter (`videoSizeLimit`); null when it takes none;
   * undefined when the stored account already says (Mastodon).
   */
  videoSizeLimitFor: (account: Account) => Promise<number | null | undefined>;
  /** Tells open pages an import moved on. */
  announce: () => void;
  /** New jobs are in the outbox: drain (again). */
  requestDrain: () => void;
  /** The language Mastodon's date line is written in (the user's Sortie language). */
  lang: () => Promise<Lang>;
  newKey?: (network: Network) => string;
}

export function failure(error: unknown): { messageKey: string; detail: string } {
  if (error instanceof SortieError || error instanceof PublishError)
    return { messageKey: error.messageKey, detail: error.detail };
  return { messageKey: 'error.generic', detail: error instanceof Error ? error.message : String(error) };
}
