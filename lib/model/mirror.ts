/** A mirror as stored: built-in or the user's, with this browser's last health check. */
export interface MirrorRecord {
  id: string;
  name: string;
  origin: string;
  builtIn: boolean;
  pinned: boolean;
  /** Last health check: 'up' | 'down' | 'unknown', its latency and why it was judged so. */
  health: 'up' | 'down' | 'unknown';
  latencyMs: number | null;
  checkedAt: number | null;
  reason: string;
  /** Added after v2 (no index, so no migration): absent on older rows. */
  scheme?: 'nitter' | 'template';
  templates?: Partial<Record<'home' | 'profile' | 'status' | 'search' | 'hashtag' | 'list', string>>;
  /** The user turned this mirror off: never chosen, never probed. */
  disabled?: boolean;
  /** Came from a backup file, turned off until the user turns it on (lib/backup/merge.ts). */
  fromBackup?: boolean;
  /** Consecutive failed checks, to space out re-checks of a dead mirror. */
  failures?: number;
}
