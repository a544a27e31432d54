import { render } from 'preact';
import { Composer } from '../../components/composer/Composer.tsx';
import { useT } from '../../components/i18n.tsx';
import { Page } from '../../components/Page.tsx';
import { useSettings } from '../../components/useSettings.ts';
import '../../components/theme.css';

/** `?embed=1`: framed by the x.com overlay, which closes when told the post is queued. */
const embedded = new URLSearchParams(location.search).get('embed') === '1';

function Compose() {
  const state = useSettings();
  return (
    <Page state={state} title="compose.title">
      <ComposeBody state={state} />
    </Page>
  );
}

function ComposeBody({ state }: { state: ReturnType<typeof useSettings> }) {
  const { t } = useT();
  return (
    <main class={embedded ? 'embedded' : ''}>
      <h1>{t('compose.title')}</h1>
      {state.settings && (
        <Composer
          settings={state.settings}
          onPosted={(postId) => {
            if (embedded) parent.postMessage({ sortie: 'posted', postId }, '*');
          }}
        />
      )}
    </main>
  );
}

render(<Compose />, document.getElementById('app')!);
