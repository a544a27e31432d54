import { render } from 'preact';
import { browser } from 'wxt/browser';
import { openPageInTab } from '../../components/page-url.ts';
import { Composer } from '../../components/composer/Composer.tsx';
import { QueueView } from '../../components/queue/QueueView.tsx';
import { useEffect, useState } from 'preact/hooks';
import type { PublicAccount } from '../../lib/model/account.ts';
import { send } from '../../lib/messaging/client.ts';
import { useT } from '../../components/i18n.tsx';
import { Page } from '../../components/Page.tsx';
import { useSettings } from '../../components/useSettings.ts';
import '../../components/theme.css';

function Popup() {
  const state = useSettings();
  return (
    <Page state={state} title="popup.title">
      <PopupBody state={state} />
    </Page>
  );
}

function PopupBody({ state }: { state: ReturnType<typeof useSettings> }) {
  const { t } = useT();
  const [accounts, setAccounts] = useState<PublicAccount[]>([]);
  useEffect(() => {
    send('accounts.list').then(setAccounts, () => setAccounts([]));
  }, []);
  return (
    <main class="popup">
      <h1>{t('app.name')}</h1>
      <p>
        <button type="button" onClick={() => openPageInTab('/compose.html')}>
          {t('popup.openCompose')}
        </button>{' '}
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('popup.openOptions')}
        </button>{' '}
        <button type="button" onClick={() => openPageInTab('/bridge.html')}>
          {t('popup.openBridge')}
        </button>{' '}
        <button type="button" onClick={() => openPageInTab('/archive.html')}>
          {t('archive.open')}
        </button>
      </p>
      {state.settings && <Composer settings={state.settings} />}
      <QueueView accounts={accounts} limit={20} />
    </main>
  );
}

render(<Popup />, document.getElementById('app')!);
