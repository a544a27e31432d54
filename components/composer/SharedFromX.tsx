/**
 * The composer was opened by a "Share on X" button that Sortie took over:
 * say so, and let the person go to X with it all the same, once (the same
 * allow-once path as the fallback page: only their own click, never a
 * script's, and only for an X address).
 */
import { useState } from 'preact/hooks';
import { send } from '../../lib/messaging/client.ts';
import { SortieError } from '../../lib/messaging/errors.ts';
import { useT } from '../i18n.tsx';

export function SharedFromX({ url }: { url: string }) {
  const { t, td } = useT();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const openOnX = (event: MouseEvent) => {
    if (!event.isTrusted) return;
    setBusy(true);
    send('links.allowOnce', { url }).then(
      () => location.assign(url),
      (err: unknown) => {
        setBusy(false);
        setError(err instanceof SortieError ? td(err.messageKey, { detail: err.detail }) : String(err));
      },
    );
  };

  return (
    <aside class="shared-from-x" aria-label={t('compose.sharedFromX.label')} data-testid="shared-from-x">
      <p>{t('compose.sharedFromX.explain')}</p>
      <button type="button" disabled={busy} onClick={openOnX}>
        {t('compose.sharedFromX.openOnX')}
      </button>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </aside>
  );
}
