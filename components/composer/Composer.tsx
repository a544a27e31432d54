/**
 * The composer: the same component in the popup, the compose tab and the
 * x.com overlay (which frames the compose page). It edits a Draft, previews
 * it per target exactly as each network will receive it, and queues it.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { PublicAccount } from '../../lib/accounts/account.ts';
import { BLUESKY_LIMITS } from '../../lib/compose/limits.ts';
import { previewDraft, type PreviewTarget } from '../../lib/compose/preview.ts';
import { send } from '../../lib/messaging/client.ts';
import { SortieError } from '../../lib/messaging/errors.ts';
import { MASTODON_DEFAULT_LIMITS } from '../../lib/networks/mastodon-instance.ts';
import type { Settings } from '../../lib/settings.ts';
import { useT } from '../i18n.tsx';
import { AccountPicker } from './AccountPicker.tsx';
import { ImageAttachments, imagesFromClipboard, storeImage } from './ImageAttachments.tsx';
import { PostOptions } from './PostOptions.tsx';
import { PostStatus } from './PostStatus.tsx';
import { TargetPreviews } from './TargetPreviews.tsx';
import { useDraft } from './useDraft.ts';

export function previewTargets(accounts: PublicAccount[], ids: string[]): PreviewTarget[] {
  return accounts
    .filter((a) => ids.includes(a.id))
    .map((a): PreviewTarget =>
      a.network === 'bluesky'
        ? { accountId: a.id, network: 'bluesky', limits: BLUESKY_LIMITS }
        : { accountId: a.id, network: 'mastodon', limits: a.serverInfo?.limits ?? MASTODON_DEFAULT_LIMITS },
    );
}

export interface ComposerProps {
  settings: Settings;
  /** Called after the post is queued (the overlay closes itself then). */
  onPosted?: (postId: string) => void;
}

export function Composer({ settings, onPosted }: ComposerProps) {
  const { t, td, lang } = useT();
  const [accounts, setAccounts] = useState<PublicAccount[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [postId, setPostId] = useState<string | null>(null);
  const [posting, setPosting] = useState(false);

  useEffect(() => {
    send('accounts.list').then(setAccounts, () => setAccounts([]));
  }, []);

  const defaults = useMemo(() => {
    if (!accounts) return null;
    const known = settings.defaultTargets.filter((id) => accounts.some((a) => a.id === id));
    return { langs: [navigator.language.split('-')[0] || lang], targets: known.length ? known : accounts.map((a) => a.id) };
  }, [accounts, settings.defaultTargets, lang]);
  const { draft, update, flush, reset } = useDraft(defaults);

  const previews = useMemo(
    () => (draft && accounts ? previewDraft(draft, previewTargets(accounts, draft.targets)) : []),
    [draft, accounts],
  );
  const blocked = previews.some((p) => p.warnings.some((w) => w.severity === 'error'));

  async function post() {
    if (!draft || posting) return;
    setPosting(true);
    setError(null);
    try {
      await flush();
      const queued = await send('outbox.enqueue', { draftId: draft.id });
      // The accounts chosen this time become the default next time.
      await send('settings.update', { defaultTargets: draft.targets });
      setPostId(queued.postId);
      reset();
      onPosted?.(queued.postId);
    } catch (err) {
      setError(err instanceof SortieError ? td(err.messageKey, { detail: err.detail }) : String(err));
    } finally {
      setPosting(false);
    }
  }

  if (!accounts || !draft) return <p role="status">{t('compose.loading')}</p>;
  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        void post();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void post();
        }
      }}
    >
      <AccountPicker accounts={accounts} selected={draft.targets} onChange={(targets) => update({ targets })} />
      <label for="text" class="visually-hidden">{t('compose.text')}</label>
      <textarea
        id="text"
        placeholder={t('compose.text')}
        value={draft.text}
        dir="auto"
        onInput={(e) => update({ text: e.currentTarget.value })}
        onPaste={(e) => {
          const files = imagesFromClipboard(e);
          if (files.length === 0) return;
          e.preventDefault();
          void Promise.all(files.map(storeImage)).then(
            (added) => update({ images: [...draft.images, ...added].slice(0, 4) }),
            (err: Error) => setError(err.message),
          );
        }}
      />
      <ImageAttachments images={draft.images} onChange={(images) => update({ images })} onError={setError} />
      <TargetPreviews previews={previews} accounts={accounts} />
      <details>
        <summary>{t('compose.options')}</summary>
        <PostOptions draft={draft} update={update} />
      </details>
      {error && <p role="alert" class="error">{error}</p>}
      <button type="submit" class="primary" disabled={posting || blocked || draft.targets.length === 0} aria-keyshortcuts="Control+Enter">
        {draft.scheduledAt ? t('compose.schedulePost') : t('compose.post')}
      </button>
      {postId && <PostStatus postId={postId} accounts={accounts} />}
    </form>
  );
}
