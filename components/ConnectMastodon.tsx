/**
 * Connect a Mastodon account: the user names their server, the browser
 * opens that server's own sign-in page (OAuth with PKCE). Older servers can
 * be connected with an access token made in their settings instead.
 */
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { PublicAccount } from '../lib/model/account.ts';
import { normaliseServerInput } from '../lib/networks/mastodon/server-input.ts';
import { send } from '../lib/messaging/client.ts';
import { SortieError } from '../lib/messaging/errors.ts';
import { useT } from './i18n.tsx';

/**
 * Ask for this one origin while we still hold the click (browsers require a
 * gesture). Posting works without it (Mastodon answers cross-origin requests);
 * the grant lets Sortie rewrite X links inside the server's web app.
 */
function askForOrigin(server: string): void {
  const parsed = normaliseServerInput(server);
  if ('error' in parsed) return;
  browser.permissions.request({ origins: [`${parsed.origin}/*`] }).catch((error: unknown) => {
    console.warn('Sortie: permission request failed', error);
  });
}

interface Props {
  onConnected: (account: PublicAccount) => void;
  /** Servers offered as the field's suggestions; any other server is accepted. */
  suggestions?: readonly string[];
}

export function ConnectMastodon({ onConnected, suggestions = [] }: Props) {
  const { t, td } = useT();
  const [server, setServer] = useState('');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(work: () => Promise<PublicAccount>) {
    setBusy(true);
    setError(null);
    try {
      onConnected(await work());
      // Nothing of what was typed stays on the page once the account is connected.
      setServer('');
      setToken('');
    } catch (err) {
      setError(err instanceof SortieError ? td(err.messageKey, { detail: err.detail }) : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      class="connect"
      aria-labelledby="masto-title"
      onSubmit={(e) => {
        e.preventDefault();
        askForOrigin(server);
        void run(() => send('accounts.connectMastodon', { server: server.trim() }));
      }}
    >
      <h3 id="masto-title">{t('connect.mastodon.title')}</h3>
      <p>
        <label for="masto-server">{t('connect.mastodon.server')}</label>{' '}
        <input
          id="masto-server"
          required
          placeholder="mastodon.social"
          value={server}
          aria-describedby="masto-server-hint"
          list={suggestions.length > 0 ? 'masto-server-suggestions' : undefined}
          onInput={(e) => setServer(e.currentTarget.value)}
        />
        {suggestions.length > 0 && (
          <datalist id="masto-server-suggestions">
            {suggestions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        )}
      </p>
      <p id="masto-server-hint" class="muted">
        {t('connect.mastodon.serverHint')}
      </p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t('connect.connecting') : t('connect.mastodon.submit')}
      </button>
      <details>
        <summary>{t('connect.mastodon.tokenTitle')}</summary>
        <p class="muted">{t('connect.mastodon.tokenHint')}</p>
        <label for="masto-token">{t('connect.mastodon.token')}</label>{' '}
        <input id="masto-token" type="password" value={token} onInput={(e) => setToken(e.currentTarget.value)} />{' '}
        <button
          type="button"
          disabled={busy || !token || !server}
          onClick={() => void run(() => send('accounts.connectMastodonToken', { server: server.trim(), token }))}
        >
          {t('connect.mastodon.tokenSubmit')}
        </button>
      </details>
    </form>
  );
}
