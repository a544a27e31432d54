/** Which accounts the post goes to, as ticked chips; several per network are allowed. */
import type { PublicAccount } from '../../lib/model/account.ts';
import { hueOf, initialsOf } from '../../lib/compose/avatar.ts';
import { useT } from '../i18n.tsx';
import { networkLabel } from '../../lib/networks/registry.ts';

export function AccountPicker({
  accounts,
  selected,
  onChange,
}: {
  accounts: PublicAccount[];
  selected: string[];
  onChange: (ids: string[]) => void;
}) {
  const { t } = useT();
  if (accounts.length === 0) {
    return (
      <p class="placeholder" data-testid="no-accounts">
        {t('compose.noAccounts')}{' '}
        <a href="/options.html" target="_blank">
          {t('popup.openOptions')}
        </a>
      </p>
    );
  }
  return (
    <fieldset class="targets">
      <legend>{t('compose.targets')}</legend>
      {accounts.map((a) => {
        const id = `target-${a.id.replace(/[^a-z0-9]/gi, '_')}`;
        const checked = selected.includes(a.id);
        return (
          <span key={a.id} class={checked ? 'target chosen' : 'target'} data-network={a.network}>
            <input
              id={id}
              type="checkbox"
              checked={checked}
              onChange={(e) =>
                onChange(e.currentTarget.checked ? [...selected, a.id] : selected.filter((s) => s !== a.id))
              }
            />
            <label for={id}>
              <span class="avatar small" aria-hidden="true" style={{ '--hue': String(hueOf(a.handle)) }}>
                {initialsOf(a.displayName, a.handle)}
              </span>{' '}
              <span class="target-network">{networkLabel(a.network)}</span> {a.handle}
              {a.status === 'reconnect' && <span class="warn"> ({t('options.account.reconnect')})</span>}
            </label>
          </span>
        );
      })}
    </fieldset>
  );
}
