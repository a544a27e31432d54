import { render } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { AccountsList } from '../../components/AccountsList.tsx';
import { ConnectBluesky } from '../../components/ConnectBluesky.tsx';
import { ConnectMastodon } from '../../components/ConnectMastodon.tsx';
import { LinksPanel } from '../../components/links/LinksPanel.tsx';
import { OptionsNav, useOptionsSection } from '../../components/OptionsNav.tsx';
import { openPageInTab } from '../../components/page-url.ts';
import { QueueView } from '../../components/queue/QueueView.tsx';
import { useT } from '../../components/i18n.tsx';
import { Page } from '../../components/Page.tsx';
import { PrivacyPanel } from '../../components/privacy/PrivacyPanel.tsx';
import {
  GeneralSettings,
  LeavingSettingsForm,
  LinkSettingsForm,
  PublishingSettingsForm,
} from '../../components/SettingsForm.tsx';
import { useSettings } from '../../components/useSettings.ts';
import '../../components/theme.css';
import type { PublicAccount } from '../../lib/model/account.ts';
import type { DisconnectResult } from '../../lib/accounts/disconnect.ts';
import { send } from '../../lib/messaging/client.ts';

function Options() {
  const state = useSettings();
  return (
    <Page state={state} title="options.title">
      <OptionsBody state={state} />
    </Page>
  );
}

function OptionsBody({ state }: { state: ReturnType<typeof useSettings> }) {
  const { t } = useT();
  const section = useOptionsSection();
  const [accounts, setAccounts] = useState<PublicAccount[] | null>(null);
  const [lastDisconnect, setLastDisconnect] = useState<DisconnectResult | null>(null);
  const refresh = useCallback(() => {
    send('accounts.list').then(setAccounts, () => setAccounts([]));
  }, []);
  useEffect(refresh, [refresh]);

  const { settings, update, error } = state;
  return (
    <div class="options">
      <header class="options-header">
        <h1>{t('page.title', { page: t('options.title') })}</h1>
        {settings && <GeneralSettings settings={settings} update={update} />}
        <OptionsNav current={section} />
      </header>
      <main>
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        {section === 'accounts' && (
          <section id="accounts" aria-labelledby="accounts-title">
            <h2 id="accounts-title">{t('options.section.accounts')}</h2>
            {accounts && (
              <AccountsList
                accounts={accounts}
                lastDisconnect={lastDisconnect}
                onRemove={(id) => {
                  setLastDisconnect(null);
                  void send('accounts.remove', { id }).then((result) => {
                    setLastDisconnect(result);
                    refresh();
                  }, refresh);
                }}
                onReconnected={refresh}
                onDefaultInteraction={(id, interaction) => {
                  void send('accounts.setDefaultInteraction', { id, interaction }).then(refresh, refresh);
                }}
              />
            )}
            <div class="connect-forms">
              <ConnectMastodon onConnected={refresh} />
              <ConnectBluesky onConnected={refresh} />
            </div>
          </section>
        )}
        {section === 'publishing' && (
          <section id="publishing" aria-labelledby="publishing-title">
            <h2 id="publishing-title">{t('options.section.publishing')}</h2>
            {settings && <PublishingSettingsForm settings={settings} update={update} />}
            {accounts && <QueueView accounts={accounts} />}
          </section>
        )}
        {section === 'links' && settings && (
          <LinksPanel settings={settings} update={update}>
            <LinkSettingsForm settings={settings} update={update} />
          </LinksPanel>
        )}
        {section === 'leaving' && settings && (
          <section id="leaving" aria-labelledby="leaving-title">
            <h2 id="leaving-title">{t('options.section.leaving')}</h2>
            <p data-testid="choice-now" data-choice={settings.choice}>
              {t(`options.choice.current.${settings.choice}`)}{' '}
              <button type="button" class="link" onClick={() => openPageInTab('/welcome.html')}>
                {t('options.choice.open')}
              </button>
            </p>
            <LeavingSettingsForm settings={settings} update={update} />
            <p>
              <button type="button" onClick={() => openPageInTab('/bridge.html')}>
                {t('welcome.try.bridge')}
              </button>
            </p>
            <section aria-labelledby="archive-link-title">
              <h3 id="archive-link-title">{t('archive.title')}</h3>
              <p>{t('archive.options.intro')}</p>
              <p>
                <button type="button" onClick={() => openPageInTab('/archive.html')}>
                  {t('archive.open')}
                </button>
              </p>
            </section>
          </section>
        )}
        {section === 'privacy' && <PrivacyPanel onDataChanged={refresh} />}
      </main>
    </div>
  );
}

render(<Options />, document.getElementById('app')!);
