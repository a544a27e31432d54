/** Language for Preact UIs: the provider holds the current language, `useT` translates. */
import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import { translate, translateDynamic, type Lang, type MessageKey } from '../lib/i18n/index.ts';

interface I18n {
  lang: Lang;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  /** For keys stored in data (errors): unknown keys are shown as they are. */
  td: (key: string, params?: Record<string, string | number>) => string;
}

const I18nContext = createContext<I18n>(makeI18n('en'));

function makeI18n(lang: Lang): I18n {
  return {
    lang,
    t: (key, params) => translate(lang, key, params),
    td: (key, params) => translateDynamic(lang, key, params),
  };
}

export function I18nProvider({ lang, children }: { lang: Lang; children: ComponentChildren }) {
  return <I18nContext.Provider value={makeI18n(lang)}>{children}</I18nContext.Provider>;
}

export function useT(): I18n {
  return useContext(I18nContext);
}
