/**
 * Connect a Bluesky account with an app password. The password goes to the
 * background once, is exchanged for a session there, and is never stored.
 */
import { useState } from 'preact/hooks';
import type { PublicAccount } from '../lib/model/account.ts';
import { send } from '../lib/messaging/client.ts';
import { SortieError } from '../lib/messaging/errors.ts';
import { useT } from './i18n.tsx';

/** App passwords look like xxxx-xxxx-xxxx-xxxx (kept here: the page must not load @atproto/api). */
const APP_PASSWORD = /^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/i;

export function ConnectBluesky({ onConnected }: { onConnected: (account: PublicAccount) => void }) {
  const { t, td } = useT();
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  const [service, setService] = useState('');
  const [code, setCode] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await send('accounts.connectBluesky', {
        identifier: identifier.trim(),
        password,
        ...(service.trim() ? { service: service.trim() } : {}),
        ...(needsCode && code.trim() ? { authFactorToken: code.trim() } : {}),
      });
      if (result.status === 'code-required') {
        setNeedsCode(true);
        return;
      }
      // Nothing of what was typed stays on the page once the account is connected.
      setIdentifier('');
      setPassword('');
      setService('');
      setCode('');
      setNeedsCode(false);
      onConnected(result.account);
    } catch (err) {
      setError(err instanceof SortieError ? td(err.messageKey, { detail: err.detail }) : String(err));
    } finally {
      setBusy(false);
    }
  }

  const notAppPassword = password.length > 0 && !APP_PASSWORD.test(password.trim());
  return (
    <form class="connect" onSubmit={submit} aria-labelledby="bsky-title">
      <h3 id="bsky-title">{t('connect.bluesky.title')}</h3>
      <p>
        <label for="bsky-identifier">{t('connect.bluesky.identifier')}</label>{' '}
        <input
          id="bsky-identifier"
          autocomplete="username"
          required
          value={identifier}
          onInput={(e) => setIdentifier(e.currentTarget.value)}
        />
      </p>
      <p>
        <label for="bsky-password">{t('connect.bluesky.appPassword')}</label>{' '}
        <input
          id="bsky-password"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          aria-describedby="bsky-password-hint"
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </p>
      <p id="bsky-password-hint" class={notAppPassword ? 'warn' : 'muted'} role={notAppPassword ? 'status' : undefined}>
        {notAppPassword ? t('connect.bluesky.notAppPassword') : t('connect.bluesky.appPasswordHint')}
      </p>
      <details>
        <summary>{t('connect.bluesky.selfHosted')}</summary>
        <label for="bsky-service">{t('connect.bluesky.service')}</label>{' '}
        <input
          id="bsky-service"
          type="url"
          placeholder="https://bsky.social"
          value={service}
          onInput={(e) => setService(e.currentTarget.value)}
        />
      </details>
      {needsCode && (
        <p>
          <label for="bsky-code">{t('connect.bluesky.code')}</label>{' '}
          <input
            id="bsky-code"
            autocomplete="one-time-code"
            required
            value={code}
            onInput={(e) => setCode(e.currentTarget.value)}
          />
        </p>
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t('connect.connecting') : t('connect.bluesky.submit')}
      </button>
    </form>
  );
}
