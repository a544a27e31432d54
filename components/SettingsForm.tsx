/** The settings users change most: language, theme, links and sharing. */
import type { MessageKey } from '../lib/i18n/index.ts';
import type { LinkSettings, Settings, SettingsPatch } from '../lib/settings.ts';
import { useT } from './i18n.tsx';

interface Props {
  settings: Settings;
  update: (patch: SettingsPatch) => void;
}

export function SettingsForm({ settings, update }: Props) {
  const { t } = useT();
  const linkToggle = (key: keyof Pick<LinkSettings, 'redirect' | 'keepXUsable' | 'subFrames' | 'rewriteInPages' | 'replaceEmbeds'>, label: MessageKey) => (
    <Toggle
      id={`links-${key}`}
      label={t(label)}
      checked={settings.links[key]}
      onChange={(checked) => update({ links: { [key]: checked } })}
    />
  );
  return (
    <form class="settings" onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>{t('options.settings')}</legend>
        <label for="language">{t('lang.label')}</label>{' '}
        <select
          id="language"
          value={settings.language}
          onChange={(e) => update({ language: e.currentTarget.value as Settings['language'] })}
        >
          <option value="auto">{t('lang.auto')}</option>
          <option value="en" lang="en">{t('lang.en')}</option>
          <option value="fr" lang="fr">{t('lang.fr')}</option>
        </select>{' '}
        <label for="theme">{t('theme.label')}</label>{' '}
        <select id="theme" value={settings.theme} onChange={(e) => update({ theme: e.currentTarget.value as Settings['theme'] })}>
          <option value="auto">{t('theme.auto')}</option>
          <option value="light">{t('theme.light')}</option>
          <option value="dark">{t('theme.dark')}</option>
        </select>
      </fieldset>
      <fieldset>
        <legend>{t('options.links')}</legend>
        {linkToggle('redirect', 'options.links.redirect')}
        {linkToggle('keepXUsable', 'options.links.keepXUsable')}
        {linkToggle('subFrames', 'options.links.subFrames')}
        {linkToggle('rewriteInPages', 'options.links.rewriteInPages')}
        {linkToggle('replaceEmbeds', 'options.links.replaceEmbeds')}
      </fieldset>
      <fieldset>
        <legend>{t('options.share')}</legend>
        <Toggle id="share-takeover" label={t('options.share.takeover')} checked={settings.shareTakeover} onChange={(v) => update({ shareTakeover: v })} />
        <Toggle id="x-overlay" label={t('options.x.overlay')} checked={settings.xOverlay} onChange={(v) => update({ xOverlay: v })} />
        <Toggle id="x-post-button" label={t('options.x.postButton')} checked={settings.xPostButtonToSortie} onChange={(v) => update({ xPostButtonToSortie: v })} />
        <Toggle id="thread-rest-unlisted" label={t('options.threadRestUnlisted')} checked={settings.threadRestUnlisted} onChange={(v) => update({ threadRestUnlisted: v })} />
      </fieldset>
    </form>
  );
}

function Toggle({ id, label, checked, onChange }: { id: string; label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <div class="toggle">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />{' '}
      <label for={id}>{label}</label>
    </div>
  );
}
