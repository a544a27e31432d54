/**
 * Step 1: collecting. How to open X's lists, what was read so far, a way to
 * pause mirror redirects (X's pages cannot be read while they go to a
 * mirror), and deleting what was collected.
 */
import { useState } from 'preact/hooks';
import { clearBridge } from '../../lib/bridge/store.ts';
import type { BridgeEntry } from '../../lib/bridge/types.ts';
import { openSortieDb } from '../../lib/db.ts';
import type { Settings, SettingsPatch } from '../../lib/settings.ts';
import { useT } from '../i18n.tsx';

const PAUSE_MS = 30 * 60_000;

export function CollectSection({
  entries,
  settings,
  update,
  onCleared,
}: {
  entries: BridgeEntry[];
  settings: Settings | null;
  update: (patch: SettingsPatch) => Promise<void>;
  onCleared: () => void;
}) {
  const { t } = useT();
  const [handle, setHandle] = useState('');
  const [confirming, setConfirming] = useState(false);
  const clean = handle.trim().replace(/^@/, '');
  const validHandle = /^[A-Za-z0-9_]{1,50}$/.test(clean);
  const links = settings?.links;
  const redirecting = links !== undefined && links.redirect && !(links.pausedUntil !== null && links.pausedUntil > Date.now());
  const sources = new Set(entries.flatMap((e) => e.sources));

  return (
    <section aria-labelledby="bridge-collect-title">
      <h2 id="bridge-collect-title">{t('bridge.collect.title')}</h2>
      <p>{t('bridge.collect.intro')}</p>
      <div class="bridge-open-x">
        <label>
          {t('bridge.collect.handle')}{' '}
          <input value={handle} onInput={(e) => setHandle(e.currentTarget.value)} placeholder="@" autocomplete="off" spellcheck={false} />
        </label>{' '}
        {validHandle ? (
          <>
            <a href={`https://x.com/${clean}/following`} target="_blank" rel="noreferrer">{t('bridge.collect.openFollowing')}</a>{' · '}
            <a href={`https://x.com/${clean}/followers`} target="_blank" rel="noreferrer">{t('bridge.collect.openFollowers')}</a>
          </>
        ) : null}
      </div>
      {redirecting && (
        <p class="warn" data-testid="bridge-redirect-note">
          {t('bridge.collect.redirecting')}{' '}
          <button type="button" onClick={() => void update({ links: { pausedUntil: Date.now() + PAUSE_MS } })}>
            {t('bridge.collect.pause')}
          </button>
        </p>
      )}
      <p data-testid="bridge-collected" role="status">
        {t('bridge.collect.count', { n: entries.length, lists: sources.size })}
      </p>
      {entries.length > 0 &&
        (confirming ? (
          <p>
            {t('bridge.collect.confirmDelete')}{' '}
            <button
              type="button"
              class="danger"
              onClick={() => {
                void openSortieDb()
                  .then(clearBridge)
                  .then(() => {
                    setConfirming(false);
                    onCleared();
                  });
              }}
            >
              {t('bridge.collect.delete')}
            </button>{' '}
            <button type="button" onClick={() => setConfirming(false)}>{t('bridge.collect.cancel')}</button>
          </p>
        ) : (
          <button type="button" onClick={() => setConfirming(true)}>{t('bridge.collect.deleteAll')}</button>
        ))}
    </section>
  );
}
