/** The mirrors with their health: pin one, turn any off (or on: a mirror from a backup arrives off), remove your own. */
import type { LinksState, MirrorView } from '../../lib/links/state.ts';
import { send } from '../../lib/messaging/client.ts';
import { useT } from '../i18n.tsx';
import type { UpdateSettings } from '../useSettings.ts';

interface Props {
  state: LinksState;
  pinned: string | null;
  update: UpdateSettings;
  run: (work: () => Promise<unknown>) => Promise<void>;
}

function Health({ mirror }: { mirror: MirrorView }) {
  const { t, td } = useT();
  if (mirror.health === 'up') {
    return (
      <span class="ok">
        {mirror.latencyMs === null ? t('links.health.up') : t('links.health.upMs', { ms: mirror.latencyMs })}
      </span>
    );
  }
  if (mirror.health === 'down') {
    return (
      <span class="warn">
        {t('links.health.down', { reason: td(`links.reason.${mirror.reason ?? 'http-error'}`) })}
      </span>
    );
  }
  return <span class="muted">{mirror.access ? t('links.health.unknown') : t('links.health.noAccess')}</span>;
}

export function MirrorList({ state, pinned, update, run }: Props) {
  const { t } = useT();
  return (
    <table class="mirrors">
      <caption class="visually-hidden">{t('links.mirrors.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('links.mirrors.name')}</th>
          <th scope="col">{t('links.mirrors.health')}</th>
          <th scope="col">{t('links.mirrors.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {state.mirrors.map((m) => (
          <tr key={m.id} data-mirror={m.id} class={m.disabled ? 'muted' : ''}>
            <th scope="row">
              {m.name}
              {m.id === state.current && <strong> · {t('links.mirrors.inUse')}</strong>}
              <br />
              <small class="muted">{m.origin}</small>
              {m.fromBackup && (
                <>
                  <br />
                  <small class="warn" data-testid="mirror-from-backup">
                    {t('links.mirrors.fromBackup')}
                  </small>
                </>
              )}
            </th>
            <td>
              <Health mirror={m} />
            </td>
            <td>
              <button
                type="button"
                aria-pressed={pinned === m.id}
                aria-label={t('links.mirrors.pinLabel', { name: m.name })}
                disabled={m.disabled}
                onClick={() => run(() => update({ links: { pinnedMirror: pinned === m.id ? null : m.id } }))}
              >
                {pinned === m.id ? t('links.mirrors.pinned') : t('links.mirrors.pin')}
              </button>{' '}
              <label>
                <input
                  type="checkbox"
                  checked={!m.disabled}
                  onChange={(e) =>
                    run(() => send('links.setMirrorEnabled', { id: m.id, enabled: e.currentTarget.checked }))
                  }
                />{' '}
                <span class="visually-hidden">{t('links.mirrors.useLabel', { name: m.name })}</span>
                <span aria-hidden="true">{t('links.mirrors.use')}</span>
              </label>
              {!m.builtIn && (
                <>
                  {' '}
                  <button
                    type="button"
                    aria-label={t('links.mirrors.removeLabel', { name: m.name })}
                    onClick={() => run(() => send('links.removeMirror', { id: m.id }))}
                  >
                    {t('links.mirrors.remove')}
                  </button>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
