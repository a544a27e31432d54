/** Options: where X links go now, pause, mirrors, your own mirror, exceptions, sites. */
import type { ComponentChildren } from 'preact';
import type { Settings, SettingsPatch } from '../../lib/settings.ts';
import { send } from '../../lib/messaging/client.ts';
import { useT } from '../i18n.tsx';
import { AddMirror } from './AddMirror.tsx';
import { Exceptions } from './Exceptions.tsx';
import { MirrorList } from './MirrorList.tsx';
import { PauseControl } from './PauseControl.tsx';
import { Sites } from './Sites.tsx';
import { useLinksState } from './useLinksState.ts';
import type { UpdateSettings } from '../useSettings.ts';

interface Props {
  settings: Settings;
  update: UpdateSettings;
  /** Shown under the panel's heading (the options' link switches). */
  children?: ComponentChildren;
}

export function LinksPanel({ settings, update, children }: Props) {
  const { t, td } = useT();
  const { state, error, run, reload } = useLinksState();
  // A settings change retargets the rules: show where links go afterwards.
  const updateAndReload: UpdateSettings = async (patch: SettingsPatch) => {
    const saved = await update(patch);
    await reload();
    return saved;
  };
  const current = state?.mirrors.find((m) => m.id === state.current);

  return (
    <section id="links" aria-labelledby="links-title" class="links-panel">
      <h2 id="links-title">{t('links.title')}</h2>
      {children}
      {state && (
        <p role="status" data-testid="links-target">
          {state.target === 'off'
            ? t('links.target.off')
            : state.target === 'fallback' || current === undefined
              ? t('links.target.fallback')
              : t('links.target.mirror', { name: current.name })}
        </p>
      )}
      {settings.links.redirect && <PauseControl pausedUntil={settings.links.pausedUntil} update={updateAndReload} />}
      {error && (
        <p role="alert" class="error">
          {td(error.messageKey, { detail: error.detail })}
        </p>
      )}
      {state && (
        <>
          <h3>{t('links.mirrors.title')}</h3>
          <MirrorList state={state} pinned={settings.links.pinnedMirror} update={updateAndReload} run={run} />
          <p>
            <button type="button" onClick={() => run(() => send('links.checkMirrors'))}>
              {t('links.mirrors.check')}
            </button>
          </p>
          <AddMirror run={run} />
          <Exceptions exceptions={settings.links.exceptions} update={updateAndReload} />
          {settings.links.rewriteInPages && <Sites sites={state.sites} run={run} />}
        </>
      )}
    </section>
  );
}
