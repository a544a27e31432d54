/** The options' switches, one group per section of the options page. */
import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../lib/i18n/index.ts';
import type { LinkSettings, Settings, SettingsPatch } from '../lib/settings.ts';
import { useT } from './i18n.tsx';

interface Props {
  settings: Settings;
  update: (patch: SettingsPatch) => void;
}

/** Language and theme: every page follows them. */
export function GeneralSettings({ settings, update }: Props) {
  const { t } = useT();
  return (
    <form class="settings general" onSubmit={(e) => e.preventDefault()}>
      <label for="language">{t('lang.label')}</label>{' '}
      <select
        id="language"
        value={settings.language}
        onChange={(e) => update({ language: e.currentTarget.value as Settings['language'] })}
      >
        <option value="auto">{t('lang.auto')}</option>
        <option value="en" lang="en">
          {t('lang.en')}
        </option>
        <option value="fr" lang="fr">
          {t('lang.fr')}
        </option>
      </select>{' '}
      <label for="theme">{t('theme.label')}</label>{' '}
      <select
        id="theme"
        value={settings.theme}
        onChange={(e) => update({ theme: e.currentTarget.value as Settings['theme'] })}
      >
        <option value="auto">{t('theme.auto')}</option>
        <option value="light">{t('theme.light')}</option>
        <option value="dark">{t('theme.dark')}</option>
      </select>
    </form>
  );
}

type LinkToggleKey = keyof Pick<
  LinkSettings,
  'redirect' | 'keepXUsable' | 'subFrames' | 'rewriteInPages' | 'replaceEmbeds'
>;

function LinkToggle({ settings, update, name, label }: Props & { name: LinkToggleKey; label: MessageKey }) {
  const { t } = useT();
  return (
    <Toggle
      id={`links-${name}`}
      label={t(label)}
      checked={settings.links[name]}
      onChange={(checked) => update({ links: { [name]: checked } })}
    />
  );
}

function Group({ legend, children }: { legend: MessageKey; children: ComponentChildren }) {
  const { t } = useT();
  return (
    <form class="settings" onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>{t(legend)}</legend>
        {children}
      </fieldset>
    </form>
  );
}

/** How X links open (the "X links" section). */
export function LinkSettingsForm(props: Props) {
  return (
    <Group legend="options.links">
      <LinkToggle {...props} name="redirect" label="options.links.redirect" />
      <LinkToggle {...props} name="subFrames" label="options.links.subFrames" />
      <LinkToggle {...props} name="rewriteInPages" label="options.links.rewriteInPages" />
      <LinkToggle {...props} name="replaceEmbeds" label="options.links.replaceEmbeds" />
    </Group>
  );
}

/** What Sortie does about X itself (the "Leaving X" section): the welcome answer's switches. */
export function LeavingSettingsForm(props: Props) {
  const { t } = useT();
  const { settings, update } = props;
  return (
    <Group legend="options.share">
      <LinkToggle {...props} name="keepXUsable" label="options.links.keepXUsable" />
      <Toggle
        id="share-takeover"
        label={t('options.share.takeover')}
        checked={settings.shareTakeover}
        onChange={(v) => update({ shareTakeover: v })}
      />
      <Toggle
        id="x-overlay"
        label={t('options.x.overlay')}
        checked={settings.xOverlay}
        onChange={(v) => update({ xOverlay: v })}
      />
      <Toggle
        id="x-post-button"
        label={t('options.x.postButton')}
        checked={settings.xPostButtonToSortie}
        onChange={(v) => update({ xPostButtonToSortie: v })}
      />
    </Group>
  );
}

/** How posts are sent (the "Publishing" section). */
export function PublishingSettingsForm({ settings, update }: Props) {
  const { t } = useT();
  return (
    <Group legend="options.settings">
      <Toggle
        id="thread-rest-unlisted"
        label={t('options.threadRestUnlisted')}
        checked={settings.threadRestUnlisted}
        onChange={(v) => update({ threadRestUnlisted: v })}
      />
    </Group>
  );
}

function Toggle({
  id,
  label,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <div class="toggle">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />{' '}
      <label for={id}>{label}</label>
    </div>
  );
}
