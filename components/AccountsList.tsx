/** Connected accounts, with their state and a way to disconnect each. */
import type { PublicAccount } from '../lib/accounts/account.ts';
import { useT } from './i18n.tsx';

export function AccountsList({ accounts, onRemove }: { accounts: PublicAccount[]; onRemove: (id: string) => void }) {
  const { t } = useT();
  if (accounts.length === 0) return <p data-testid="no-accounts">{t('options.noAccounts')}</p>;
  return (
    <ul class="accounts" data-testid="accounts">
      {accounts.map((a) => (
        <li key={a.id} data-network={a.network}>
          <span class="network">{a.network === 'mastodon' ? 'Mastodon' : 'Bluesky'}</span>{' '}
          <strong>{a.handle}</strong>{' '}
          <span class={a.status === 'ok' ? 'ok' : 'warn'}>
            {a.status === 'ok' ? t('options.account.ok') : t('options.account.reconnect')}
          </span>{' '}
          <button type="button" onClick={() => onRemove(a.id)}>
            {t('options.account.disconnect', { handle: a.handle })}
          </button>
        </li>
      ))}
    </ul>
  );
}
