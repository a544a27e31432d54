import { render } from 'preact';
import { Page } from '../../components/Page.tsx';
import { useSettings } from '../../components/useSettings.ts';
import { Welcome } from '../../components/welcome/Welcome.tsx';
import '../../components/theme.css';
import '../../components/welcome/welcome.css';

function WelcomePage() {
  const state = useSettings();
  return (
    <Page state={state} title="welcome.title">
      {state.error && (
        <p role="alert" class="error">
          {state.error}
        </p>
      )}
      {state.settings && <Welcome settings={state.settings} update={state.update} />}
    </Page>
  );
}

render(<WelcomePage />, document.getElementById('app')!);
