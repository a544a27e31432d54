/**
 * Export to a file. The page first says what the file will hold (counted by
 * the background), then the background builds it; with a passphrase it seals
 * the whole file before it leaves, so this page only sees ciphertext.
 */
import { useEffect, useState } from 'preact/hooks';
import type { BackupContents } from '../../lib/backup/export.ts';
import { MIN_PASSPHRASE_LENGTH } from '../../lib/backup/limits.ts';
import { send } from '../../lib/messaging/client.ts';
import { useT } from '../i18n.tsx';
import { userMessage } from './errors.ts';
import { saveTextAsFile } from '../../lib/download.ts';
import { backupFileName } from './backup-file-name.ts';

interface Saved {
  file: string;
  contents: BackupContents;
  tokens: boolean;
}

/** Says, before the user saves, what the file will hold and who can read it. */
function Contents({ contents, withTokens }: { contents: BackupContents; withTokens: boolean }) {
  const { t } = useT();
  const items = [
    t('privacy.export.contents.settings'),
    t(withTokens ? 'privacy.export.contents.accountsTokens' : 'privacy.export.contents.accounts', {
      n: contents.accounts,
    }),
    t('privacy.export.contents.drafts', { n: contents.drafts }),
    t('privacy.export.contents.unsent', { n: contents.unsentPosts }),
    t('privacy.export.contents.sent', { n: contents.sentPosts }),
    t('privacy.export.contents.follows', { n: contents.follows, matched: contents.matched }),
    t('privacy.export.contents.mirrors', { n: contents.mirrors }),
    ...(contents.imagesLeftOut > 0 ? [t('privacy.export.mediaLeftOut', { n: contents.imagesLeftOut })] : []),
  ];
  return (
    <div data-testid="export-contents">
      <p id="export-contents-title">{t('privacy.export.contents')}</p>
      <ul aria-labelledby="export-contents-title">
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      <p class={withTokens ? 'ok' : 'warn'}>
        {t(withTokens ? 'privacy.export.contents.sealed' : 'privacy.export.contents.clear')}
      </p>
    </div>
  );
}

/** `changes` changes when data was imported or wiped: the contents are counted again. */
export function ExportForm({ changes = 0 }: { changes?: number }) {
  const { t, td } = useT();
  const [withTokens, setWithTokens] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [contents, setContents] = useState<BackupContents | null>(null);

  const count = () => send('data.exportContents').then(setContents, () => setContents(null));
  useEffect(() => {
    void count();
  }, [changes]);

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
      const counted = await send('data.exportContents');
      setContents(counted);
      const json = await send('data.export', withTokens ? { passphrase } : {});
      const file = backupFileName(new Date());
      saveTextAsFile(file, json, 'application/json');
      setSaved({ file, contents: counted, tokens: withTokens });
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
      {contents && <Contents contents={contents} withTokens={withTokens} />}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {saved && (
        <p role="status" class="ok" data-testid="export-done">
          {t('privacy.export.done', {
            file: saved.file,
            accounts: saved.contents.accounts,
            drafts: saved.contents.drafts,
            posts: saved.contents.unsentPosts + saved.contents.sentPosts,
            tokens: saved.tokens ? t('privacy.export.yes') : t('privacy.export.no'),
          })}
          {saved.contents.imagesLeftOut > 0 &&
            ` ${t('privacy.export.mediaLeftOut', { n: saved.contents.imagesLeftOut })}`}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t('privacy.export.busy') : t('privacy.export.submit')}
      </button>
    </form>
  );
}
