/**
 * Different words for one network: an override replaces the shared text for
 * that network only (and is counted and split on its own). Empty = shared text.
 */
import type { Draft, Network } from '../../lib/model/draft.ts';
import { NETWORK_IDS, networkLabel } from '../../lib/networks/registry.ts';
import { useT } from '../i18n.tsx';

const NETWORKS: Array<{ network: Network; name: string }> = NETWORK_IDS.map((network) => ({
  network,
  name: networkLabel(network),
}));

export function NetworkOverrides({ draft, update }: { draft: Draft; update: (patch: Partial<Draft>) => void }) {
  const { t } = useT();
  const set = (network: Network, on: boolean) => {
    const overrides = { ...draft.overrides };
    if (on) overrides[network] = draft.overrides[network] ?? draft.text;
    else delete overrides[network];
    update({ overrides });
  };
  return (
    <fieldset class="overrides">
      <legend>{t('compose.overrides')}</legend>
      {NETWORKS.map(({ network, name }) => {
        const on = draft.overrides[network] !== undefined;
        return (
          <div key={network}>
            <input
              id={`override-${network}`}
              type="checkbox"
              checked={on}
              onChange={(e) => set(network, e.currentTarget.checked)}
            />{' '}
            <label for={`override-${network}`}>{t('compose.override.toggle', { network: name })}</label>
            {on && (
              <>
                <label for={`override-text-${network}`} class="visually-hidden">
                  {t('compose.override.text', { network: name })}
                </label>
                <textarea
                  id={`override-text-${network}`}
                  dir="auto"
                  value={draft.overrides[network] ?? ''}
                  onInput={(e) => update({ overrides: { ...draft.overrides, [network]: e.currentTarget.value } })}
                />
              </>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
