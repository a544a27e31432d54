/**
 * Content scripts cannot open the extension's IndexedDB, and must not: it
 * holds credentials. The background copies the few harmless values they need
 * into storage.local (never storage.sync).
 */
import { resolveLang } from '../../i18n/lang.ts';
import type { Settings } from '../../settings.ts';
import type { PageConfig } from '../page-config.ts';
import { overlayStrings } from '../strings.ts';

export function pageConfigFrom(settings: Settings, browserLangs: readonly string[]): PageConfig {
  const lang = resolveLang(settings.language, browserLangs);
  return {
    lang,
    xOverlay: settings.xOverlay,
    xPostButtonToSortie: settings.xPostButtonToSortie,
    strings: overlayStrings(lang),
  };
}
