import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { useT } from '../../components/i18n.tsx';
import { Page } from '../../components/Page.tsx';
import { useSettings } from '../../components/useSettings.ts';
import '../../components/theme.css';
import type { PublicAccount } from '../../lib/accounts/account.ts';
import { send } from '../../lib/messaging/client.ts';

function Popup() {
  const state = useSettings();
  return (
    <Page state={state} title="popup.title">
      <PopupBody />
    </Page>
  );
}

function PopupBody() {
  const { t } = useT();
  const [accounts, setAccounts] = useState<PublicAccount[] | null>(null);
  useEffect(() => {
    send('accounts.list').then(setAccounts, () => setAccounts([]));
  }, []);
  return (
    <main style={{ minWidth: '22rem' }}>
      <h1>{t('app.name')}</h1>
      {accounts?.length === 0 && <p>{t('popup.noAccounts')}</p>}
      <p>
        <button type="button" class="primary" onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/compose.html') })}>
          {t('popup.openCompose')}
        </button>{' '}
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('popup.openOptions')}
        </button>
      </p>
    </main>
  );
}

render(<Popup />, document.getElementById('app')!);
