/**
 * UI text. The extension's own dictionaries (not browser.i18n) so that the
 * user can switch language in the options without changing the browser's.
 * browser.i18n (assets/_locales) is only used for the manifest's strings.
 */
import { en, type MessageKey } from './en.ts';
import { fr } from './fr.ts';
import { fillPlaceholders, type Lang } from './lang.ts';

export type { MessageKey };
export { LANGS, resolveLang, type Lang } from './lang.ts';

const dictionaries: Record<Lang, Record<MessageKey, string>> = { en, fr };

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** `{name}` placeholders are replaced by params (see lang.ts). */
export function translate(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return fillPlaceholders(dictionaries[lang][key] ?? en[key], params);
}

/** For keys that come from stored data (job errors): unknown keys are shown as they are. */
export function translateDynamic(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  return isMessageKey(key) ? translate(lang, key, params) : key;
}
