/** First-run choice: leaving X entirely, or still using it (keep x.com, mirror links from elsewhere). */
import type { SettingsPatch } from '../lib/settings.ts';
import { useT } from './i18n.tsx';

export function FirstRun({ update }: { update: (patch: SettingsPatch) => void }) {
  const { t } = useT();
  return (
    <section aria-labelledby="first-run-title" class="first-run">
      <h2 id="first-run-title">{t('firstRun.title')}</h2>
      <p>{t('app.tagline')}</p>
      <button type="button" class="primary" onClick={() => update({ onboarded: true, links: { keepXUsable: false } })}>
        {t('firstRun.leaving')}
      </button>{' '}
      <button type="button" onClick={() => update({ onboarded: true, links: { keepXUsable: true } })}>
        {t('firstRun.stillUsing')}
      </button>
    </section>
  );
}
