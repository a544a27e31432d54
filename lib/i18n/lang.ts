/** Choosing a language and filling a text's placeholders: no dictionary here, so any context can load it cheaply. */

export type Lang = 'en' | 'fr';
export const LANGS: readonly Lang[] = ['en', 'fr'];

/** The language to show: the user's choice, else the browser's first supported one, else English. */
export function resolveLang(setting: 'auto' | Lang, browserLangs: readonly string[]): Lang {
  if (setting !== 'auto') return setting;
  for (const tag of browserLangs) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'fr' || base === 'en') return base;
  }
  return 'en';
}

/** `{name}` placeholders are replaced by params; missing params stay visible rather than vanish. */
export function fillPlaceholders(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}
