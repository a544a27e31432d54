/**
 * Import a backup file. The page only reads the file; checking, decrypting
 * and merging happen in the background, all or nothing. The summary says
 * what the file was not allowed to do by itself: posts held, mirrors off.
 */
import { useState } from 'preact/hooks';
import type { ImportSummary } from '../../lib/backup/import.ts';
import { MAX_BACKUP_CHARS } from '../../lib/backup/limits.ts';
import { send } from '../../lib/messaging/client.ts';
import { SortieError } from '../../lib/messaging/errors.ts';
import { useT } from '../i18n.tsx';
import { userMessage } from './errors.ts';

const STORES = ['accounts', 'drafts', 'jobs', 'follows', 'media', 'stats', 'mirrors'] as const;

function totals(summary: ImportSummary) {
  const sum = (field: 'added' | 'updated' | 'kept') => STORES.reduce((n, store) => n + summary[store][field], 0);
  return { added: sum('added'), updated: sum('updated'), kept: sum('kept') };
}

export function ImportForm({ onImported }: { onImported: () => void }) {
  const { t, td } = useT();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    setSummary(null);
    if (!file) {
      setError(t('privacy.import.noFile'));
      return;
    }
    setBusy(true);
    try {
      // Bytes are at least as many as characters: a file over the limit cannot be a backup.
      if (file.size > MAX_BACKUP_CHARS * 4) throw new SortieError('error.backup.tooLarge', String(file.size));
      const json = await file.text();
      if (json.length > MAX_BACKUP_CHARS) throw new SortieError('error.backup.tooLarge', String(json.length));
      setSummary(await send('data.import', passphrase ? { json, passphrase } : { json }));
      setPassphrase('');
      onImported();
    } catch (err) {
      setError(userMessage(err, td));
    } finally {
      setBusy(false);
    }
  }

  const counts = summary && totals(summary);
  return (
    <form class="privacy-import" onSubmit={submit} aria-labelledby="privacy-import-title">
      <h3 id="privacy-import-title">{t('privacy.import.title')}</h3>
      <p>{t('privacy.import.intro')}</p>
      <p>
        <label for="import-file">{t('privacy.import.file')}</label>{' '}
        <input
          id="import-file"
          type="file"
          accept=".json,application/json"
          onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
        />
      </p>
      <p>
        <label for="import-passphrase">{t('privacy.import.passphrase')}</label>{' '}
        <input
          id="import-passphrase"
          type="password"
          autocomplete="off"
          value={passphrase}
          onInput={(e) => setPassphrase(e.currentTarget.value)}
        />
      </p>
      {error && (
        <p role="alert" class="error" data-testid="import-error">
          {error}
        </p>
      )}
      {summary && counts && (
        <div role="status" class="ok" data-testid="import-done">
          <p>{t('privacy.import.done', counts)}</p>
          {summary.settings === 'kept' && <p>{t('privacy.import.settingsKept')}</p>}
          {summary.reconnect.length > 0 && (
            <p class="warn">{t('privacy.import.reconnect', { handles: summary.reconnect.join(', ') })}</p>
          )}
          {summary.mediaMissing > 0 && (
            <p class="warn">{t('privacy.import.mediaMissing', { n: summary.mediaMissing })}</p>
          )}
          {summary.heldPosts > 0 && (
            <p class="warn" data-testid="import-held">
              {t('privacy.import.held', { n: summary.heldPosts, scheduled: summary.heldScheduled })}
            </p>
          )}
          {summary.mirrorsOff > 0 && (
            <p class="warn" data-testid="import-mirrors-off">
              {t('privacy.import.mirrorsOff', { n: summary.mirrorsOff })}
            </p>
          )}
          {summary.pinDropped && <p class="warn">{t('privacy.import.pinDropped')}</p>}
        </div>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t('privacy.import.busy') : t('privacy.import.submit')}
      </button>
    </form>
  );
}
