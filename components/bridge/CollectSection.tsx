/**
 * Step 1: collecting. The user starts a collection of one of their X lists
 * here (the background opens it and injects the collector for that run: no
 * Sortie script is on X before), sees what was read so far, can pause mirror
 * redirects (X's pages cannot be read while they go to a mirror), and can
 * delete what was collected.
 */
import { useState } from 'preact/hooks';
import { send } from '../../lib/messaging/client.ts';
import { SortieError } from '../../lib/messaging/errors.ts';
import { clearBridge } from '../../lib/bridge/store.ts';
import type { BridgeEntry } from '../../lib/model/bridge.ts';
import { openSortieDb } from '../../lib/db.ts';
import type { Settings } from '../../lib/settings.ts';
import { useT } from '../i18n.tsx';
import type { UpdateSettings } from '../useSettings.ts';

const PAUSE_MS = 30 * 60_000;

export function CollectSection({
  entries,
  settings,
  update,
  onCleared,
}: {
  entries: BridgeEntry[];
  settings: Settings | null;
  update: UpdateSettings;
  onCleared: () => void;
}) {
  const { t, td } = useT();
  const [handle, setHandle] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [start, setStart] = useState<'idle' | 'starting' | 'notStarted' | { error: string }>('idle');
  async function startCollecting(list: 'following' | 'followers') {
    setStart('starting');
    try {
      const { started } = await send('bridge.start', { list, handle: clean });
      setStart(started ? 'idle' : 'notStarted');
    } catch (error) {
      setStart({
        error: error instanceof SortieError ? td(error.messageKey, { detail: error.detail }) : String(error),
      });
    }
  }
  const clean = handle.trim().replace(/^@/, '');
  const validHandle = /^[A-Za-z0-9_]{1,50}$/.test(clean);
  const links = settings?.links;
  const redirecting =
    links !== undefined && links.redirect && !(links.pausedUntil !== null && links.pausedUntil > Date.now());
  const sources = new Set(entries.flatMap((e) => e.sources));

  return (
    <section aria-labelledby="bridge-collect-title">
      <h2 id="bridge-collect-title">{t('bridge.collect.title')}</h2>
      <p>{t('bridge.collect.intro')}</p>
      <div class="bridge-open-x">
        <label>
          {t('bridge.collect.handle')}{' '}
          <input
            value={handle}
            onInput={(e) => setHandle(e.currentTarget.value)}
            placeholder="@"
            autocomplete="off"
            spellcheck={false}
          />
        </label>{' '}
        {validHandle ? (
          <>
            <button type="button" disabled={start === 'starting'} onClick={() => void startCollecting('following')}>
              {t('bridge.collect.startFollowing', { handle: clean })}
            </button>{' '}
            <button type="button" disabled={start === 'starting'} onClick={() => void startCollecting('followers')}>
              {t('bridge.collect.startFollowers', { handle: clean })}
            </button>
          </>
        ) : null}
      </div>
      <p role="status" aria-live="polite">
        {start === 'starting' && t('bridge.collect.starting')}
        {start === 'notStarted' && t('bridge.collect.notStarted')}
        {typeof start === 'object' && <span class="error">{start.error}</span>}
      </p>
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
            <button type="button" onClick={() => setConfirming(false)}>
              {t('bridge.collect.cancel')}
            </button>
          </p>
        ) : (
          <button type="button" onClick={() => setConfirming(true)}>
            {t('bridge.collect.deleteAll')}
          </button>
        ))}
    </section>
  );
}
