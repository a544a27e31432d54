/**
 * The composer: the same component in the popup, the compose tab and the
 * x.com overlay (which frames the compose page). It edits a Draft, previews
 * it per target exactly as each network will receive it, and queues it.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { PublicAccount } from '../../lib/model/account.ts';
import { onAccountsChanged } from '../../lib/accounts/changes.ts';
import { pluralOf } from '../../lib/compose/counter.ts';
import { pollLimitsFor } from '../../lib/compose/poll-limits.ts';
import { previewDraft, type PreviewTarget } from '../../lib/compose/preview.ts';
import { whyPostIsOff } from '../../lib/compose/ready.ts';
import { openSortieDb } from '../../lib/db.ts';
import { deleteDraft, MAX_HANDOFF_CHARS } from '../../lib/drafts.ts';
import { send } from '../../lib/messaging/client.ts';
import { SortieError } from '../../lib/messaging/errors.ts';
import { networkLabel, targetFor } from '../../lib/networks/registry.ts';
import type { Settings } from '../../lib/settings.ts';
import { useT } from '../i18n.tsx';
import './composer.css';
import { AccountPicker } from './AccountPicker.tsx';
import { DraftsList, isEmpty } from './DraftsList.tsx';
import { ImageAttachments, imageFiles, imagesFromClipboard, MAX_IMAGES, storeImage } from './ImageAttachments.tsx';
import type { Incoming } from './incoming.ts';
import { PostOptions } from './PostOptions.tsx';
import { PostStatus } from './PostStatus.tsx';
import { SharedFromX } from './SharedFromX.tsx';
import { TargetPreviews } from './TargetPreviews.tsx';
import { useDraft } from './useDraft.ts';
import { useUnresolvedMentions } from './useUnresolvedMentions.ts';
import type { PostGate, PostVia } from './visibility.ts';
import type { DraftImage } from '../../lib/model/draft.ts';

export function previewTargets(accounts: PublicAccount[], ids: string[]): PreviewTarget[] {
  return accounts.filter((a) => ids.includes(a.id)).map((a): PreviewTarget => ({ accountId: a.id, ...targetFor(a) }));
}

export interface ComposerProps {
  settings: Settings;
  /** Called after the post is queued (the overlay closes itself then). */
  onPosted?: (postId: string) => void;
  /** Images (and a fallback text) handed over by the x.com overlay or the context menu, added once. */
  incoming?: Incoming | null;
  /** The compose tab lists saved drafts; the popup and the overlay do not. */
  showDrafts?: boolean;
  /**
   * Framed on x.com: posts only while the composer is really visible (./visibility.ts); where the
   * browser cannot tell, it offers Sortie's own compose tab instead of Post.
   */
  postGate?: PostGate;
  /** The "Share on X" address this composer was opened for instead (the user may still go there, once). */
  sharedFromX?: string | null;
}

export function Composer({
  settings,
  onPosted,
  incoming,
  showDrafts = false,
  postGate,
  sharedFromX = null,
}: ComposerProps) {
  const { t, td, lang } = useT();
  const [accounts, setAccounts] = useState<PublicAccount[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [postId, setPostId] = useState<string | null>(null);
  const [posting, setPosting] = useState(false);

  // Accounts change behind an open composer (connected in the options tab,
  // or found needing reconnection by the engine): the store announces each
  // write (lib/accounts/changes.ts) and they are listed again.
  useEffect(() => {
    const refresh = () => void send('accounts.list').then(setAccounts, () => setAccounts((known) => known ?? []));
    refresh();
    return onAccountsChanged(refresh);
  }, []);

  const defaults = useMemo(() => {
    if (!accounts) return null;
    const known = settings.defaultTargets.filter((id) => accounts.some((a) => a.id === id));
    const targets = known.length ? known : accounts.map((a) => a.id);
    // A new post starts with the reply/quote rule of its first account (set in the options).
    const interaction = accounts.find((a) => a.id === targets[0])?.defaultInteraction;
    return {
      langs: [navigator.language.split('-')[0] || lang],
      targets,
      interaction,
      accountIds: accounts.map((a) => a.id),
    };
  }, [accounts, settings.defaultTargets, lang]);
  const { draft, update, flush, reset, open, handoffTruncated } = useDraft(defaults);
  // Whether the user changed the account choice of this draft in this page:
  // until then, accounts connected while it is open are ticked per the
  // defaults, as they would have been had they existed when it was started.
  const targetsTouched = useRef(false);
  const chooseTargets = (targets: string[]) => {
    targetsTouched.current = true;
    update({ targets });
  };
  const seenAccounts = useRef<string[] | null>(null);
  useEffect(() => {
    if (!accounts || !defaults || !draft) return;
    const ids = accounts.map((a) => a.id);
    const before = seenAccounts.current;
    seenAccounts.current = ids;
    // The first list is the one the draft was opened with (useDraft seeded it).
    if (before === null || targetsTouched.current) return;
    const added = defaults.targets.filter((id) => !before.includes(id) && !draft.targets.includes(id));
    if (added.length > 0) update({ targets: [...draft.targets, ...added] });
  }, [accounts, defaults, draft, update]);
  /** UTF-16 offset of the caret in the shared text (null while focus is elsewhere than the text). */
  const [caret, setCaret] = useState<number | null>(null);
  const trackCaret = (e: { currentTarget: HTMLTextAreaElement }) => setCaret(e.currentTarget.selectionStart);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (handoffTruncated) setNotice(t('compose.handoff.truncated', { n: MAX_HANDOFF_CHARS.toLocaleString(lang) }));
  }, [handoffTruncated, t, lang]);
  const taken = useRef<Incoming | null>(null);
  const textBox = useRef<HTMLTextAreaElement>(null);
  const postButton = useRef<HTMLButtonElement>(null);
  const ready = accounts !== null && draft !== null;

  useEffect(() => {
    if (!postGate || !ready || !textBox.current || !postButton.current) return;
    return postGate.watch(textBox.current, postButton.current);
  }, [postGate, ready]);

  useEffect(() => {
    if (!draft || !incoming || taken.current === incoming) return;
    taken.current = incoming;
    const notices = [
      incoming.missingImages > 0 ? t('compose.handoff.imagesMissing', { n: incoming.missingImages }) : '',
      incoming.fallbackText ? t('compose.handoff.imageFailed') : '',
    ].filter(Boolean);
    if (notices.length > 0) setNotice(notices.join(' '));
    if (incoming.fallbackText) update({ text: [draft.text, incoming.fallbackText].filter(Boolean).join(' ') });
    const room = MAX_IMAGES - draft.images.length;
    void Promise.all(incoming.images.slice(0, Math.max(room, 0)).map(storeImage)).then(
      (added) => {
        if (added.length > 0) update({ images: [...draft.images, ...added] });
      },
      (err: Error) => setError(t('compose.imageFailed', { detail: err.message })),
    );
  }, [draft, incoming, update, t]);

  const [addingImages, setAddingImages] = useState(false);
  const [dragging, setDragging] = useState(false);
  /** Picked, pasted or dropped: only images, only as many as there is room for, each re-encoded and stored. */
  async function addImages(files: File[]) {
    if (!draft) return;
    const picked = imageFiles(files, MAX_IMAGES - draft.images.length);
    if (picked.length === 0) return;
    setAddingImages(true);
    try {
      const added: DraftImage[] = [];
      for (const file of picked) added.push(await storeImage(file));
      update({ images: [...draft.images, ...added].slice(0, MAX_IMAGES) });
    } catch (err) {
      setError(t('compose.imageFailed', { detail: err instanceof Error ? err.message : String(err) }));
    } finally {
      setAddingImages(false);
    }
  }

  /** A new draft starts with the default accounts and follows them until the user picks. */
  function startOver() {
    targetsTouched.current = false;
    reset();
  }

  async function openDraft(id: string) {
    if (!draft) return;
    await flush();
    // An untouched empty draft is not worth keeping once another one is opened.
    if (isEmpty(draft)) await deleteDraft(await openSortieDb(), draft.id);
    targetsTouched.current = false;
    await open(id);
  }

  const previews = useMemo(
    () => (draft && accounts ? previewDraft(draft, previewTargets(accounts, draft.targets)) : []),
    [draft, accounts],
  );
  const offReasons = useMemo(
    () => (draft && accounts ? whyPostIsOff(accounts, draft.targets, previews) : []),
    [draft, accounts, previews],
  );
  const offText = offReasons
    .map((r) => {
      switch (r.code) {
        case 'no-accounts':
          return t('compose.noAccounts');
        case 'no-target':
          return t('compose.off.no-target');
        case 'reconnect':
          return t('compose.off.reconnect', { handles: r.handles.join(', ') });
        case 'empty':
          return t('compose.off.empty');
        case 'refused':
          return t('compose.off.refused', { networks: r.networks.map(networkLabel).join(', ') });
      }
    })
    .join(' ');
  const unresolved = useUnresolvedMentions(draft, accounts);
  // The result of the last post stays until the next one is started: then it would only be noise.
  const writingNext = draft !== null && (draft.text.trim() !== '' || draft.images.length > 0);
  useEffect(() => {
    if (writingNext) setPostId(null);
  }, [writingNext]);

  async function post() {
    // Ctrl+Enter reaches here even while the button is off.
    if (!draft || posting || offReasons.length > 0) return;
    setPosting(true);
    setError(null);
    try {
      await flush();
      const queued = await send('outbox.enqueue', { draftId: draft.id });
      // The accounts chosen this time become the default next time.
      await send('settings.update', { defaultTargets: draft.targets });
      setPostId(queued.postId);
      startOver();
      onPosted?.(queued.postId);
    } catch (err) {
      setError(err instanceof SortieError ? td(err.messageKey, { detail: err.detail }) : String(err));
    } finally {
      setPosting(false);
    }
  }

  /** Posts only if the gate (framed on x.com) lets this action through; says why not otherwise. */
  async function tryPost(via: PostVia) {
    const seen = postGate ? await postGate.settle(via) : 'visible';
    if (seen === 'visible') {
      void post();
      return;
    }
    setError(t(seen === 'hidden' ? 'compose.embed.hidden' : 'compose.embed.noVisibility'));
  }

  /** No way to tell the frame is visible: the same draft (already in IndexedDB) in Sortie's own tab. */
  async function continueInTab() {
    if (!draft) return;
    await flush();
    const url = new URL(browser.runtime.getURL('/compose.html'));
    url.searchParams.set('draft', draft.id);
    // Firefox gives an extension page framed in a web page no `tabs` API: the user's click opens
    // the tab itself (noopener: the new tab gets no handle on this frame, nor X's page on it).
    window.open(url.toString(), '_blank', 'noopener');
  }

  if (!accounts || !draft) return <p role="status">{t('compose.loading')}</p>;
  const noPostHere = postGate !== undefined && !postGate.supported;
  const chosen = accounts.filter((a) => draft.targets.includes(a.id)).length;
  const postWords =
    chosen === 0
      ? t(draft.scheduledAt ? 'compose.schedulePost' : 'compose.post')
      : t(
          pluralOf(lang, chosen) === 'one'
            ? draft.scheduledAt
              ? 'compose.scheduleTo.one'
              : 'compose.postTo.one'
            : draft.scheduledAt
              ? 'compose.scheduleTo.other'
              : 'compose.postTo.other',
          { n: chosen },
        );
  const withFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');
  return (
    <>
      <form
        class={dragging ? 'composer dragging' : 'composer'}
        onSubmit={(e) => {
          e.preventDefault();
          void tryPost('button');
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void tryPost('shortcut');
          }
        }}
        onDragOver={(e) => {
          if (!withFiles(e)) return;
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={(e) => {
          if (e.currentTarget === e.target) setDragging(false);
        }}
        onDrop={(e) => {
          if (!withFiles(e)) return;
          e.preventDefault();
          setDragging(false);
          void addImages([...(e.dataTransfer?.files ?? [])]);
        }}
      >
        {sharedFromX && <SharedFromX url={sharedFromX} />}
        <AccountPicker accounts={accounts} selected={draft.targets} onChange={chooseTargets} />
        <div class="editor">
          <label for="text" class="visually-hidden">
            {t('compose.text')}
          </label>
          <textarea
            ref={textBox}
            id="text"
            placeholder={t('compose.text')}
            value={draft.text}
            dir="auto"
            aria-describedby="text-hint"
            onInput={(e) => {
              update({ text: e.currentTarget.value });
              trackCaret(e);
            }}
            onSelect={trackCaret}
            onKeyUp={trackCaret}
            onClick={trackCaret}
            onFocus={trackCaret}
            onPaste={(e) => {
              const files = imagesFromClipboard(e);
              if (files.length === 0) return;
              e.preventDefault();
              void addImages(files as File[]);
            }}
          />
          <p id="text-hint" class="visually-hidden">
            {t('compose.textHint')}
          </p>
          <ImageAttachments
            images={draft.images}
            onChange={(images) => update({ images })}
            onAdd={(files) => void addImages(files)}
            busy={addingImages}
          />
        </div>
        <PostOptions draft={draft} update={update} pollLimits={pollLimitsFor(accounts, draft.targets)} />
        {notice && (
          <p role="status" class="warn">
            {notice}
          </p>
        )}
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        {noPostHere ? (
          <div class="post-row">
            <p class="warn">{t('compose.embed.noVisibility')}</p>
            <button type="button" class="primary" onClick={() => void continueInTab()}>
              {t('compose.embed.continueInTab')}
            </button>
          </div>
        ) : (
          <div class="post-row">
            {offText && accounts.length > 0 && (
              <p id="post-off" class="muted" data-testid="post-off">
                {offText}
              </p>
            )}
            <button
              ref={postButton}
              type="submit"
              class="primary post-button"
              disabled={posting || offReasons.length > 0}
              aria-describedby={offText && accounts.length > 0 ? 'post-off' : undefined}
              aria-keyshortcuts="Control+Enter"
            >
              {postWords}
            </button>
          </div>
        )}
        {postId && <PostStatus postId={postId} accounts={accounts} />}
        <TargetPreviews
          previews={previews}
          accounts={accounts}
          draft={draft}
          unresolvedMentions={unresolved}
          caret={caret}
        />
      </form>
      {showDrafts && (
        <DraftsList
          current={draft}
          flush={flush}
          onOpen={(id) => void openDraft(id)}
          onNew={startOver}
          onDeletedCurrent={startOver}
        />
      )}
    </>
  );
}
