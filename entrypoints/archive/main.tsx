/** The "Import my X archive" page: wiring only (accounts, the current mirror, the start hand-off). */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ArchiveImport } from '../../components/archive/ArchiveImport.tsx';
import { ImportRuns, useImports } from '../../components/archive/ImportRuns.tsx';
import { startArchiveImport } from '../../components/archive/start.ts';
import { useT } from '../../components/i18n.tsx';
import { Page } from '../../components/Page.tsx';
import { useSettings } from '../../components/useSettings.ts';
import '../../components/theme.css';
import '../../components/archive/archive.css';
import type { PublicAccount } from '../../lib/model/account.ts';
import { send } from '../../lib/messaging/client.ts';

function Archive() {
  const state = useSettings();
  return (
    <Page state={state} title="archive.title">
      <ArchiveBody />
    </Page>
  );
}

function ArchiveBody() {
  const { t } = useT();
  const [accounts, setAccounts] = useState<PublicAccount[] | null>(null);
  const { imports, refresh } = useImports();
  const [mirror, setMirror] = useState<{ origin: string; scheme: string } | null>(null);
  useEffect(() => {
    send('accounts.list').then(setAccounts, () => setAccounts([]));
    send('links.state').then(
      (links) => setMirror(links.mirrors.find((m) => m.id === links.current && links.target === 'mirror') ?? null),
      () => setMirror(null),
    );
  }, []);
  return (
    <main class="archive">
      <h1>{t('archive.title')}</h1>
      <p>{t('archive.intro')}</p>
      <ImportRuns imports={imports} mirror={mirror} onChanged={refresh} />
      {accounts && (
        <ArchiveImport accounts={accounts} mirror={mirror} onStart={startArchiveImport} onStarted={refresh} />
      )}
    </main>
  );
}

render(<Archive />, document.getElementById('app')!);
