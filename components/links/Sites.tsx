/**
 * Where X links inside pages are rewritten: the sites Sortie was granted.
 * By default that is the Mastodon server connected (asked at connect time);
 * bsky.app and "all sites" are granted here, each on a click.
 */
import { browser } from 'wxt/browser';
import type { LinksState } from '../../lib/links/state.ts';
import { send } from '../../lib/messaging/client.ts';
import { useT } from '../i18n.tsx';

const ALL_SITES = '*://*/*';
const BLUESKY_APP = 'https://bsky.app/*';

export function Sites({
  sites,
  run,
}: {
  sites: LinksState['sites'];
  run: (work: () => Promise<unknown>) => Promise<void>;
}) {
  const { t } = useT();
  // Requested within the click; the background also hears permissions.onAdded and re-registers.
  const grant = (origin: string) =>
    run(async () => (await browser.permissions.request({ origins: [origin] })) && send('links.refresh'));
  const revoke = (origin: string) =>
    run(async () => (await browser.permissions.remove({ origins: [origin] })) && send('links.refresh'));
  return (
    <section aria-labelledby="sites-title">
      <h3 id="sites-title">{t('links.sites.title')}</h3>
      {sites.all ? (
        <p>
          {t('links.sites.all')}{' '}
          <button type="button" onClick={() => revoke(ALL_SITES)}>
            {t('links.sites.revokeAll')}
          </button>
        </p>
      ) : (
        <>
          {sites.origins.length === 0 ? (
            <p class="muted">{t('links.sites.none')}</p>
          ) : (
            <ul data-testid="link-sites">
              {sites.origins.map((origin) => (
                <li key={origin}>
                  <code>{origin}</code>{' '}
                  <button
                    type="button"
                    aria-label={t('links.sites.revokeLabel', { origin })}
                    onClick={() => revoke(origin)}
                  >
                    {t('links.sites.revoke')}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <p>
            {!sites.origins.includes(BLUESKY_APP) && (
              <>
                <button type="button" onClick={() => grant(BLUESKY_APP)}>
                  {t('links.sites.grantBluesky')}
                </button>{' '}
              </>
            )}
            <button type="button" onClick={() => grant(ALL_SITES)}>
              {t('links.sites.grantAll')}
            </button>
          </p>
        </>
      )}
    </section>
  );
}
