/**
 * The page X links land on when no mirror works (the redirect rules point
 * here then): `fallback.html?url=<the X URL>`.
 */
import { render } from 'preact';
import { Fallback } from '../../components/links/Fallback.tsx';
import { Page } from '../../components/Page.tsx';
import { useSettings } from '../../components/useSettings.ts';
import '../../components/theme.css';
import { fallbackTarget } from '../../lib/links/dnr.ts';

function FallbackPage() {
  const state = useSettings();
  return (
    <Page state={state} title="links.fallback.title">
      <Fallback xUrl={fallbackTarget(location.href)} />
    </Page>
  );
}

render(<FallbackPage />, document.getElementById('app')!);
