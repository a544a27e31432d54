/** Pause the redirects for ten minutes or until the browser restarts, and resume. */
import { PAUSE_MINUTES, PAUSE_UNTIL_RESTART, isPausedUntilRestart, pauseFor } from '../../lib/links/pause.ts';
import type { SettingsPatch } from '../../lib/settings.ts';
import { useT } from '../i18n.tsx';

export function PauseControl({
  pausedUntil,
  update,
}: {
  pausedUntil: number | null;
  update: (patch: SettingsPatch) => void;
}) {
  const { t, lang } = useT();
  const paused = pausedUntil !== null && Date.now() < pausedUntil;
  if (paused) {
    const until = isPausedUntilRestart(pausedUntil)
      ? t('links.pause.untilRestartNow')
      : t('links.pause.until', {
          time: new Date(pausedUntil).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' }),
        });
    return (
      <p data-testid="links-paused">
        {until}{' '}
        <button type="button" onClick={() => update({ links: { pausedUntil: null } })}>
          {t('links.pause.resume')}
        </button>
      </p>
    );
  }
  return (
    <p>
      <button type="button" onClick={() => update({ links: { pausedUntil: pauseFor(PAUSE_MINUTES, Date.now()) } })}>
        {t('links.pause.minutes', { n: PAUSE_MINUTES })}
      </button>{' '}
      <button type="button" onClick={() => update({ links: { pausedUntil: PAUSE_UNTIL_RESTART } })}>
        {t('links.pause.untilRestart')}
      </button>
    </p>
  );
}
