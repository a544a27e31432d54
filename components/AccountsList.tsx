/**
 * Connected accounts: their state, their default "who can reply/quote", a
 * way to reconnect each (without retyping the server: needed when the state
 * says so, useful when access was changed on the server), and a
 * way to disconnect each, followed by the truth about what happened on the
 * server: revoked, or not and where to remove Sortie by hand.
 */
import { useState } from 'preact/hooks';
import type { PublicAccount } from '../lib/model/account.ts';
import type { DisconnectResult } from '../lib/accounts/disconnect.ts';
import type { InteractionPolicy, ReplyPolicy } from '../lib/model/draft.ts';
import { send } from '../lib/messaging/client.ts';
import { SortieError } from '../lib/messaging/errors.ts';
import { useT } from './i18n.tsx';
import { networkLabel, NETWORKS } from '../lib/networks/registry.ts';

const REPLIES: ReplyPolicy[] = ['everyone', 'following', 'followers', 'mentioned', 'nobody'];

interface Props {
  accounts: PublicAccount[];
  onRemove: (id: string) => void;
  onDefaultInteraction?: (id: string, interaction: InteractionPolicy) => void;
  /** After a reconnect replaced the account's credentials in place. */
  onReconnected?: () => void;
  /** What the last disconnect did on the server (shown until the next one). */
  lastDisconnect?: DisconnectResult | null;
}

/** What a disconnect did, in words, with the server's own page when Sortie's access may still work. */
export function DisconnectOutcome({ result }: { result: DisconnectResult }) {
  const { t } = useT();
  const handle = result.handle ?? '';
  if (result.revoked) {
    return (
      <p role="status" class="ok" data-testid="disconnect-outcome">
        {t('options.account.revoked', { handle })}
      </p>
    );
  }
  const server = result.server ?? '';
  const reason = result.reason ?? 'failed';
  return (
    <p role="alert" class="warn" data-testid="disconnect-outcome" data-reason={reason}>
      {t(`options.account.notRevoked.${reason}`, { handle, server, detail: result.detail ?? '' })}{' '}
      {result.appsPage && (
        <a href={result.appsPage} target="_blank" rel="noreferrer">
          {t('options.account.appsPage', { server })}
        </a>
      )}
    </p>
  );
}

function Reconnect({ account, onDone }: { account: PublicAccount; onDone?: () => void }) {
  const { t, td } = useT();
  const [asking, setAsking] = useState(false);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const slug = account.id.replace(/[^a-z0-9]/gi, '_');

  async function run(work: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await work();
      setPassword('');
      setAsking(false);
      onDone?.();
    } catch (err) {
      setError(err instanceof SortieError ? td(err.messageKey, { detail: err.detail }) : String(err));
    } finally {
      setBusy(false);
    }
  }

  // Mastodon: the server's own sign-in page again; the new token replaces the old one in place.
  const mastodon = () => run(() => send('accounts.connectMastodon', { server: account.server }));
  // Bluesky: a new app password for the same handle on the same PDS.
  const bluesky = () =>
    run(async () => {
      const result = await send('accounts.connectBluesky', {
        identifier: account.handle,
        password,
        service: account.server,
      });
      if (result.status === 'code-required') throw new SortieError('error.bluesky.authFactorRequired', '');
    });

  return (
    <span class="reconnect">
      {!asking && (
        <button
          type="button"
          disabled={busy}
          onClick={() => (NETWORKS[account.network].signIn === 'oauth' ? void mastodon() : setAsking(true))}
        >
          {busy ? t('connect.connecting') : t('options.account.reconnectButton', { handle: account.handle })}
        </button>
      )}
      {asking && (
        <form
          class="reconnect-form"
          onSubmit={(e) => {
            e.preventDefault();
            void bluesky();
          }}
        >
          <label for={`reconnect-password-${slug}`}>
            {t('options.account.reconnectPassword', { handle: account.handle })}
          </label>{' '}
          <input
            id={`reconnect-password-${slug}`}
            type="password"
            autocomplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />{' '}
          <button type="submit" disabled={busy || !password}>
            {busy ? t('connect.connecting') : t('options.account.reconnectSubmit')}
          </button>
        </form>
      )}
      {error && (
        <span role="alert" class="error">
          {' '}
          {error}
        </span>
      )}
    </span>
  );
}

export function AccountsList({ accounts, onRemove, onDefaultInteraction, onReconnected, lastDisconnect }: Props) {
  const { t } = useT();
  const outcome = lastDisconnect ? <DisconnectOutcome result={lastDisconnect} /> : null;
  if (accounts.length === 0) {
    return (
      <>
        {outcome}
        <p data-testid="no-accounts">{t('options.noAccounts')}</p>
      </>
    );
  }
  return (
    <>
      {outcome}
      <ul class="accounts" data-testid="accounts">
        {accounts.map((a) => {
          const slug = a.id.replace(/[^a-z0-9]/gi, '_');
          const set = (patch: Partial<InteractionPolicy>) =>
            onDefaultInteraction?.(a.id, { ...a.defaultInteraction, ...patch });
          return (
            <li key={a.id} data-network={a.network}>
              <span class="network">{networkLabel(a.network)}</span> <strong>{a.handle}</strong>{' '}
              <span class={a.status === 'ok' ? 'ok' : 'warn'}>
                {a.status === 'ok' ? t('options.account.ok') : t('options.account.reconnect')}
              </span>{' '}
              <Reconnect account={a} onDone={onReconnected} />{' '}
              <button type="button" onClick={() => onRemove(a.id)}>
                {t('options.account.disconnect', { handle: a.handle })}
              </button>
              {onDefaultInteraction && (
                <div class="account-defaults">
                  <label for={`default-reply-${slug}`}>{t('options.account.defaultReply', { handle: a.handle })}</label>{' '}
                  <select
                    id={`default-reply-${slug}`}
                    value={a.defaultInteraction.reply}
                    onChange={(e) => set({ reply: e.currentTarget.value as ReplyPolicy })}
                  >
                    {REPLIES.map((r) => (
                      <option key={r} value={r}>
                        {t(`compose.reply.${r}`)}
                      </option>
                    ))}
                  </select>{' '}
                  <input
                    id={`default-quotes-${slug}`}
                    type="checkbox"
                    checked={a.defaultInteraction.allowQuotes}
                    onChange={(e) => set({ allowQuotes: e.currentTarget.checked })}
                  />{' '}
                  <label for={`default-quotes-${slug}`}>
                    {t('options.account.defaultQuotes', { handle: a.handle })}
                  </label>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
