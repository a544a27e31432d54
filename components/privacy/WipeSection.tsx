/**
 * "Delete everything", behind a confirmation that first lists the posts
 * still waiting to be sent (they would be lost), and lets the user keep the
 * sessions alive on the servers when another browser now uses them.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PendingPost, WipeResult } from '../../lib/backup/wipe.ts';
import { send } from '../../lib/messaging/client.ts';
import { useT } from '../i18n.tsx';
import { userMessage } from './errors.ts';

const EXCERPT = 120;

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT)}…` : flat;
}

export function WipeSection({ onWiped }: { onWiped: () => void }) {
  const { t, td, lang } = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState<PendingPost[] | null>(null);
  const [signOut, setSignOut] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<WipeResult | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  async function start() {
    setError(null);
    setResult(null);
    setPending(null);
    setSignOut(true);
    setOpen(true);
    try {
      setPending(await send('data.pendingPosts'));
    } catch (err) {
      setError(userMessage(err, td));
    }
  }

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      setResult(await send('data.wipe', { signOut }));
      setOpen(false);
      onWiped();
    } catch (err) {
      setError(userMessage(err, td));
    } finally {
      setBusy(false);
    }
  }

  const when = (at: number | null) => (at === null ? '' : ` (${new Date(at).toLocaleString(lang)})`);
  return (
    <section class="privacy-wipe" aria-labelledby="privacy-wipe-title">
      <h3 id="privacy-wipe-title">{t('privacy.wipe.title')}</h3>
      <p>{t('privacy.wipe.intro')}</p>
      <button type="button" onClick={() => void start()}>
        {t('privacy.wipe.open')}
      </button>
      {result && (
        <div role="status" class="ok" data-testid="wipe-done">
          <p>{t('privacy.wipe.done')}</p>
          {result.revoked > 0 && <p>{t('privacy.wipe.revoked', { n: result.revoked })}</p>}
          {result.failed.length > 0 && (
            <div class="warn" data-testid="wipe-not-revoked">
              <p>{t('privacy.wipe.failed', { handles: result.failed.join(', ') })}</p>
              <ul>
                {(result.notRevoked ?? []).map((r) => (
                  <li key={r.handle}>
                    <strong>{r.handle}</strong>
                    {r.appsPage && (
                      <>
                        {' '}
                        <a href={r.appsPage} target="_blank" rel="noreferrer">
                          {t('options.account.appsPage', { server: r.server ?? '' })}
                        </a>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
      {error && !open && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <dialog ref={dialog} aria-labelledby="wipe-dialog-title" onClose={() => setOpen(false)}>
        <h3 id="wipe-dialog-title">{t('privacy.wipe.confirmTitle')}</h3>
        {pending === null && !error && <p>{t('privacy.wipe.loading')}</p>}
        {pending && pending.length === 0 && <p>{t('privacy.wipe.noPending')}</p>}
        {pending && pending.length > 0 && (
          <>
            <p id="wipe-pending-intro" class="warn">
              {t('privacy.wipe.pending')}
            </p>
            <ul aria-labelledby="wipe-pending-intro" data-testid="wipe-pending">
              {pending.map((p) => (
                <li key={`${p.postId} ${p.accountId}`}>
                  <strong>{p.handle}</strong>
                  {when(p.sendAt)}: {excerpt(p.text)}
                </li>
              ))}
            </ul>
          </>
        )}
        <div class="toggle">
          <input
            id="wipe-sign-out"
            type="checkbox"
            checked={signOut}
            aria-describedby="wipe-sign-out-hint"
            onChange={(e) => setSignOut(e.currentTarget.checked)}
          />{' '}
          <label for="wipe-sign-out">{t('privacy.wipe.signOut')}</label>
        </div>
        <p id="wipe-sign-out-hint" class="muted">
          {t('privacy.wipe.signOutHint')}
        </p>
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        <p>
          <button type="button" onClick={() => setOpen(false)} disabled={busy}>
            {t('privacy.wipe.cancel')}
          </button>{' '}
          <button type="button" class="danger" onClick={() => void confirm()} disabled={busy || pending === null}>
            {busy ? t('privacy.wipe.busy') : t('privacy.wipe.confirm')}
          </button>
        </p>
      </dialog>
    </section>
  );
}
