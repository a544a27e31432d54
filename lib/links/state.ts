/** What the options page shows of the links feature (the `links.state` message). */
import type { MirrorScheme } from './mirrors';

export interface MirrorView {
  id: string;
  name: string;
  origin: string;
  scheme: MirrorScheme;
  builtIn: boolean;
  disabled: boolean;
  /** A user mirror restored from a backup file: off until the user turns it on. */
  fromBackup: boolean;
  health: 'up' | 'down' | 'unknown';
  reason: string | null;
  latencyMs: number | null;
  checkedAt: number | null;
  /** Sortie has host access to it, so it can check its health. */
  access: boolean;
}

export interface LinksState {
  mirrors: MirrorView[];
  /** Id of the mirror X links go to now, or null. */
  current: string | null;
  target: 'mirror' | 'fallback' | 'off';
  /** Where X links inside pages are rewritten: every site, or these origin patterns. */
  sites: { all: boolean; origins: string[] };
}
