/**
 * "No mirror works": says so plainly and offers the three ways on. Nothing
 * here sends the reader to X without their own (trusted) click.
 */
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { send } from '../../lib/messaging/client.ts';
import { SortieError } from '../../lib/messaging/errors.ts';
import { parseXUrl } from '../../lib/links/x-url.ts';
import { useT } from '../i18n.tsx';

/** The Wayback Machine's copy closest to now. */
export function archiveUrl(xUrl: string): string {
  return `https://web.archive.org/web/${xUrl}`;
}

type Status = { kind: 'idle' } | { kind: 'busy' } | { kind: 'stillNone' } | { kind: 'error'; text: string };

export function Fallback({ xUrl }: { xUrl: string | null }) {
  const { t, td } = useT();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const url = xUrl !== null && parseXUrl(xUrl) !== null ? xUrl : null;

  async function act(work: () => Promise<void>) {
    setStatus({ kind: 'busy' });
    try {
      await work();
    } catch (error) {
      setStatus({
        kind: 'error',
        text: error instanceof SortieError ? td(error.messageKey, { detail: error.detail }) : String(error),
      });
    }
  }

  const tryAnother = () =>
    act(async () => {
      const next = await send('links.retry', { url: url ?? '' });
      if (next.url === null) setStatus({ kind: 'stillNone' });
      else location.replace(next.url);
    });

  // Only the user's own click: a script's synthetic click (isTrusted false) never lets X in.
  const openOnX = (event: MouseEvent) => {
    if (!event.isTrusted) return;
    void act(async () => {
      await send('links.allowOnce', { url: url ?? '' });
      location.href = url ?? '';
    });
  };

  return (
    <main>
      <h1>{t('links.fallback.title')}</h1>
      <p>{t('links.fallback.explain')}</p>
      {url === null ? (
        <p>{t('links.fallback.noUrl')}</p>
      ) : (
        <>
          <p>
            {t('links.fallback.wanted')} <code data-testid="fallback-url">{url}</code>
          </p>
          <p class="actions">
            <button type="button" class="primary" disabled={status.kind === 'busy'} onClick={tryAnother}>
              {t('links.fallback.tryAnother')}
            </button>{' '}
            <a class="button" href={archiveUrl(url)} rel="noreferrer">
              {t('links.fallback.archive')}
            </a>{' '}
            <button type="button" disabled={status.kind === 'busy'} onClick={openOnX}>
              {t('links.fallback.openOnX')}
            </button>
          </p>
        </>
      )}
      <p role="status" aria-live="polite">
        {status.kind === 'busy' && t('links.fallback.checking')}
        {status.kind === 'stillNone' && t('links.fallback.stillNone')}
        {status.kind === 'error' && <span class="error">{status.text}</span>}
      </p>
      <p>
        <a href={browser.runtime.getURL('/options.html')}>{t('links.fallback.manage')}</a>
      </p>
    </main>
  );
}
