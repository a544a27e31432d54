/**
 * UI text. The extension's own dictionaries (not browser.i18n) so that the
 * user can switch language in the options without changing the browser's.
 * browser.i18n (assets/_locales) is only used for the manifest's strings.
 */
import { en, type MessageKey } from './en.ts';
import { fr } from './fr.ts';

export type { MessageKey };
export type Lang = 'en' | 'fr';
export const LANGS: readonly Lang[] = ['en', 'fr'];

const dictionaries: Record<Lang, Record<MessageKey, string>> = { en, fr };

/** The language to show: the user's choice, else the browser's first supported one, else English. */
export function resolveLang(setting: 'auto' | Lang, browserLangs: readonly string[]): Lang {
  if (setting !== 'auto') return setting;
  for (const tag of browserLangs) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'fr' || base === 'en') return base;
  }
  return 'en';
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** `{name}` placeholders are replaced by params; missing params stay visible rather than vanish. */
export function translate(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = dictionaries[lang][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** For keys that come from stored data (job errors): unknown keys are shown as they are. */
export function translateDynamic(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  return isMessageKey(key) ? translate(lang, key, params) : key;
}
