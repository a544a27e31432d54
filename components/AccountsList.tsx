/** Connected accounts: their state, their default "who can reply/quote", and a way to disconnect each. */
import type { PublicAccount } from '../lib/accounts/account.ts';
import type { InteractionPolicy, ReplyPolicy } from '../lib/compose/draft.ts';
import type { MessageKey } from '../lib/i18n/index.ts';
import { useT } from './i18n.tsx';

const REPLIES: ReplyPolicy[] = ['everyone', 'following', 'followers', 'mentioned', 'nobody'];

interface Props {
  accounts: PublicAccount[];
  onRemove: (id: string) => void;
  onDefaultInteraction?: (id: string, interaction: InteractionPolicy) => void;
}

export function AccountsList({ accounts, onRemove, onDefaultInteraction }: Props) {
  const { t } = useT();
  if (accounts.length === 0) return <p data-testid="no-accounts">{t('options.noAccounts')}</p>;
  return (
    <ul class="accounts" data-testid="accounts">
      {accounts.map((a) => {
        const slug = a.id.replace(/[^a-z0-9]/gi, '_');
        const set = (patch: Partial<InteractionPolicy>) => onDefaultInteraction?.(a.id, { ...a.defaultInteraction, ...patch });
        return (
          <li key={a.id} data-network={a.network}>
            <span class="network">{a.network === 'mastodon' ? 'Mastodon' : 'Bluesky'}</span> <strong>{a.handle}</strong>{' '}
            <span class={a.status === 'ok' ? 'ok' : 'warn'}>
              {a.status === 'ok' ? t('options.account.ok') : t('options.account.reconnect')}
            </span>{' '}
            <button type="button" onClick={() => onRemove(a.id)}>
              {t('options.account.disconnect', { handle: a.handle })}
            </button>
            {onDefaultInteraction && (
              <div class="account-defaults">
                <label for={`default-reply-${slug}`}>{t('options.account.defaultReply', { handle: a.handle })}</label>{' '}
                <select id={`default-reply-${slug}`} value={a.defaultInteraction.reply} onChange={(e) => set({ reply: e.currentTarget.value as ReplyPolicy })}>
                  {REPLIES.map((r) => (
                    <option key={r} value={r}>{t(`compose.reply.${r}` as MessageKey)}</option>
                  ))}
                </select>{' '}
                <input id={`default-quotes-${slug}`} type="checkbox" checked={a.defaultInteraction.allowQuotes} onChange={(e) => set({ allowQuotes: e.currentTarget.checked })} />{' '}
                <label for={`default-quotes-${slug}`}>{t('options.account.defaultQuotes', { handle: a.handle })}</label>
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
