import { render } from 'preact';
import { useT } from '../../components/i18n.tsx';
import { Page } from '../../components/Page.tsx';
import { useSettings } from '../../components/useSettings.ts';
import '../../components/theme.css';

function Compose() {
  const state = useSettings();
  return (
    <Page state={state} title="compose.title">
      <ComposeBody />
    </Page>
  );
}

function ComposeBody() {
  const { t } = useT();
  const params = new URLSearchParams(location.search);
  const initial = [params.get('text'), params.get('url')].filter(Boolean).join(' ');
  return (
    <main>
      <h1>{t('compose.title')}</h1>
      <label for="text" class="visually-hidden">{t('compose.text')}</label>
      <textarea id="text" placeholder={t('compose.text')} value={initial} />
    </main>
  );
}

render(<Compose />, document.getElementById('app')!);
