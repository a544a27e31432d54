/** Shell shared by the extension pages: language, theme and document title. */
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import type { MessageKey } from '../lib/i18n/index.ts';
import { I18nProvider, useT } from './i18n.tsx';
import type { SettingsState } from './useSettings.ts';

export function Page({
  state,
  title,
  children,
}: {
  state: SettingsState;
  title: MessageKey;
  children: ComponentChildren;
}) {
  useEffect(() => {
    document.documentElement.lang = state.lang;
    document.documentElement.dataset.theme = state.settings?.theme ?? 'auto';
  }, [state.lang, state.settings?.theme]);
  return (
    <I18nProvider lang={state.lang}>
      <Title title={title} />
      {children}
    </I18nProvider>
  );
}

function Title({ title }: { title: MessageKey }) {
  const { t } = useT();
  useEffect(() => {
    document.title = t('page.title', { page: t(title) });
  }, [t, title]);
  return null;
}
