import { render } from 'preact';
import { browser } from 'wxt/browser';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { AccountsList } from '../../components/AccountsList.tsx';
import { ConnectBluesky } from '../../components/ConnectBluesky.tsx';
import { ConnectMastodon } from '../../components/ConnectMastodon.tsx';
import { FirstRun } from '../../components/FirstRun.tsx';
import { LinksPanel } from '../../components/links/LinksPanel.tsx';
import { QueueView } from '../../components/queue/QueueView.tsx';
import { useT } from '../../components/i18n.tsx';
import { Page } from '../../components/Page.tsx';
import { PrivacyPanel } from '../../components/privacy/PrivacyPanel.tsx';
import { SettingsForm } from '../../components/SettingsForm.tsx';
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
  const [accounts, setAccounts] = useState<PublicAccount[] | null>(null);
  const [lastDisconnect, setLastDisconnect] = useState<DisconnectResult | null>(null);
  const refresh = useCallback(() => {
    send('accounts.list').then(setAccounts, () => setAccounts([]));
  }, []);
  useEffect(refresh, [refresh]);

  const { settings, update, error } = state;
  return (
    <main>
      <h1>{t('options.title')}</h1>
      {error && <p role="alert" class="error">{error}</p>}
      {settings && !settings.onboarded && <FirstRun update={update} />}
      <section aria-labelledby="accounts-title">
        <h2 id="accounts-title">{t('options.accounts')}</h2>
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
      {accounts && <QueueView accounts={accounts} />}
      <section aria-labelledby="archive-link-title">
        <h2 id="archive-link-title">{t('archive.title')}</h2>
        <p>{t('archive.options.intro')}</p>
        <p>
          <a href={browser.runtime.getURL('/archive.html')} target="_blank" rel="noopener">
            {t('archive.open')}
          </a>
        </p>
      </section>
      {settings && <SettingsForm settings={settings} update={update} />}
      {settings && <LinksPanel settings={settings} update={update} />}
      <PrivacyPanel onDataChanged={refresh} />
    </main>
  );
}

render(<Options />, document.getElementById('app')!);
