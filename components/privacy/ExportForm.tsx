/**
 * Export to a file. The background builds the file; with a passphrase it
 * seals the tokens before they leave it, so this page only sees ciphertext.
 */
import { useState } from 'preact/hooks';
import { MIN_PASSPHRASE_LENGTH } from '../../lib/backup/limits.ts';
import { send } from '../../lib/messaging/client.ts';
import { useT } from '../i18n.tsx';
import { userMessage } from './errors.ts';
import { backupFileName, saveTextFile } from './save-file.ts';

interface Saved {
  file: string;
  accounts: number;
  drafts: number;
  posts: number;
  tokens: boolean;
  leftOut: number;
}

/** Counts for the confirmation, read back from the file just written. */
function describe(json: string, file: string, tokens: boolean): Saved {
  const parsed = JSON.parse(json) as { accounts: unknown[]; drafts: unknown[]; jobs: { postId: string }[]; mediaLeftOut: unknown[] };
  return {
    file,
    accounts: parsed.accounts.length,
    drafts: parsed.drafts.length,
    posts: new Set(parsed.jobs.map((j) => j.postId)).size,
    tokens,
    leftOut: parsed.mediaLeftOut.length,
  };
}

export function ExportForm() {
  const { t, td } = useT();
  const [withTokens, setWithTokens] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    setSaved(null);
    if (withTokens && passphrase.length < MIN_PASSPHRASE_LENGTH) {
      setError(t('privacy.export.tooShort', { min: MIN_PASSPHRASE_LENGTH }));
      return;
    }
    if (withTokens && passphrase !== confirm) {
      setError(t('privacy.export.mismatch'));
      return;
    }
    setBusy(true);
    try {
      const json = await send('data.export', withTokens ? { passphrase } : {});
      const file = backupFileName(new Date());
      saveTextFile(file, json);
      setSaved(describe(json, file, withTokens));
      setPassphrase('');
      setConfirm('');
    } catch (err) {
      setError(userMessage(err, td));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="privacy-export" onSubmit={submit} aria-labelledby="privacy-export-title">
      <h3 id="privacy-export-title">{t('privacy.export.title')}</h3>
      <p>{t('privacy.export.intro')}</p>
      <div class="toggle">
        <input
          id="export-with-tokens"
          type="checkbox"
          checked={withTokens}
          aria-describedby="export-with-tokens-hint"
          onChange={(e) => setWithTokens(e.currentTarget.checked)}
        />{' '}
        <label for="export-with-tokens">{t('privacy.export.withTokens')}</label>
      </div>
      <p id="export-with-tokens-hint" class="muted">
        {t('privacy.export.withTokensHint')}
      </p>
      {withTokens && (
        <>
          <p>
            <label for="export-passphrase">{t('privacy.export.passphrase', { min: MIN_PASSPHRASE_LENGTH })}</label>{' '}
            <input
              id="export-passphrase"
              type="password"
              autocomplete="new-password"
              required
              minLength={MIN_PASSPHRASE_LENGTH}
              value={passphrase}
              onInput={(e) => setPassphrase(e.currentTarget.value)}
            />
          </p>
          <p>
            <label for="export-passphrase-confirm">{t('privacy.export.confirm')}</label>{' '}
            <input
              id="export-passphrase-confirm"
              type="password"
              autocomplete="new-password"
              required
              value={confirm}
              onInput={(e) => setConfirm(e.currentTarget.value)}
            />
          </p>
        </>
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {saved && (
        <p role="status" class="ok" data-testid="export-done">
          {t('privacy.export.done', {
            file: saved.file,
            accounts: saved.accounts,
            drafts: saved.drafts,
            posts: saved.posts,
            tokens: saved.tokens ? t('privacy.export.yes') : t('privacy.export.no'),
          })}
          {saved.leftOut > 0 && ` ${t('privacy.export.mediaLeftOut', { n: saved.leftOut })}`}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t('privacy.export.busy') : t('privacy.export.submit')}
      </button>
    </form>
  );
}
