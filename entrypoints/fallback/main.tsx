/**
 * The page X links land on when no mirror works (the rules block them and
 * the background opens it in their tab): `fallback.html?url=<the X URL>`.
 *
 * It is not web-accessible, so no site can frame it; should anything frame
 * it all the same (another extension page), it shows no action at all: a
 * framing page could otherwise make the user click "Open on X once" through
 * an invisible frame.
 */
import { render } from 'preact';
import { Fallback } from '../../components/links/Fallback.tsx';
import { Page } from '../../components/Page.tsx';
import { useT } from '../../components/i18n.tsx';
import { useSettings } from '../../components/useSettings.ts';
import '../../components/theme.css';
import { fallbackTarget } from '../../lib/links/dnr.ts';

const framed = window.top !== window;

function Framed() {
  const { t } = useT();
  return (
    <main>
      <p role="alert">{t('links.fallback.framed')}</p>
    </main>
  );
}

function FallbackPage() {
  const state = useSettings();
  return (
    <Page state={state} title="links.fallback.title">
      {framed ? <Framed /> : <Fallback xUrl={fallbackTarget(location.href)} />}
    </Page>
  );
}

render(<FallbackPage />, document.getElementById('app')!);
