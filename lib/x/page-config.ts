/**
 * The x.com script's settings: the harmless copy the background keeps in
 * storage.local (lib/x/background/page-config.ts), followed live so that
 * turning the overlay or the Post-button routing on or off in the options
 * applies to open X tabs without a reload.
 */
import type { OverlayStrings } from './strings.ts';

/** storage.local key of the x.com script's config (written by lib/x/background/page-config.ts). */
export const PAGE_CONFIG_KEY = 'sortie.pageConfig';

/** What the x.com content script may know: no accounts, no tokens. */
export interface PageConfig {
  lang: 'en' | 'fr';
  xOverlay: boolean;
  xPostButtonToSortie: boolean;
  /** The x.com overlay's texts, already in the user's language. */
  strings: OverlayStrings;
}

export interface ConfigStorage {
  local: { get(key: string): Promise<Record<string, unknown>> };
  onChanged: {
    addListener(listener: (changes: Record<string, { newValue?: unknown }>, area: string) => void): void;
    removeListener(listener: (changes: Record<string, { newValue?: unknown }>, area: string) => void): void;
  };
}

export function readPageConfig(value: unknown): PageConfig | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<PageConfig>;
  if (typeof v.xOverlay !== 'boolean' || typeof v.xPostButtonToSortie !== 'boolean') return null;
  // A config stored by an older version has no texts: the caller asks the background again.
  const s = v.strings;
  const texts = s ? [s.offer, s.dialog, s.frameTitle, s.close] : [];
  if (!s || !texts.every((t) => typeof t === 'string' && t !== '')) return null;
  return {
    lang: v.lang === 'fr' ? 'fr' : 'en',
    xOverlay: v.xOverlay,
    xPostButtonToSortie: v.xPostButtonToSortie,
    strings: { offer: s.offer, dialog: s.dialog, frameTitle: s.frameTitle, close: s.close },
  };
}

/**
 * The current config, then every change. Before the background first wrote
 * storage (right after install), `ask` gets it through the 'page.config' message.
 */
export async function watchPageConfig(
  // Not named `storage`: WXT would auto-import its storage helper (and its dependencies) into every bundle that imports this module.
  configStorage: ConfigStorage,
  ask: () => Promise<PageConfig>,
  onConfig: (config: PageConfig) => void,
  signal: AbortSignal,
): Promise<void> {
  let changed = false;
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string): void => {
    const next = area === 'local' ? readPageConfig(changes[PAGE_CONFIG_KEY]?.newValue) : null;
    if (next === null) return;
    changed = true;
    onConfig(next);
  };
  configStorage.onChanged.addListener(listener);
  signal.addEventListener('abort', () => configStorage.onChanged.removeListener(listener), { once: true });
  const stored = readPageConfig((await configStorage.local.get(PAGE_CONFIG_KEY))[PAGE_CONFIG_KEY]);
  const initial = stored ?? (await ask());
  // A change that arrived while reading is newer than what was read.
  if (!signal.aborted && !changed) onConfig(initial);
}
