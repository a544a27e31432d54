import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Composer } from '../../components/composer/Composer.tsx';
import { framing, listenForHandoff, type EmbedLink } from '../../components/composer/embed.ts';
import { browserGateEnv, createPostGate, type PostGate } from '../../components/composer/visibility.ts';
import { fetchSharedImage, type Incoming } from '../../components/composer/incoming.ts';
import { useT } from '../../components/i18n.tsx';
import { Page } from '../../components/Page.tsx';
import { openPageInTab } from '../../components/page-url.ts';
import { useStorageState } from '../../components/storage.ts';
import { useSettings } from '../../components/useSettings.ts';
import '../../components/theme.css';
import { parseXUrl } from '../../lib/links/x-url.ts';
import { SHARED_FROM_X_PARAM } from '../../lib/links/takeover.ts';
import { send } from '../../lib/messaging/client.ts';
import { countFromPage } from '../../lib/stats.ts';

const params = new URLSearchParams(location.search);
/** Framed by the x.com overlay (`?embed=1`), which closes when told the post is queued; framed by anything else, refused. */
const where = framing(window, params.get('embed') === '1');
const embedded = where === 'overlay';
/** The background verifies and consumes the hand-off's one-time secret (refused: not Sortie's overlay). */
const redeem = (ticket: string): Promise<boolean> =>
  send('overlay.redeem', { ticket }).then(
    () => true,
    () => false,
  );
/** Started before the first render: the overlay sends as soon as this frame has loaded. */
const embedLink: Promise<EmbedLink> | null = embedded ? listenForHandoff(window, redeem) : null;
/** Framed on x.com: Post acts only while this frame is really visible (IntersectionObserver v2). */
const postGate: PostGate | undefined = embedded ? createPostGate(browserGateEnv(window)) : undefined;
/** Opened by a "Share on X" button Sortie took over: its X address (only in Sortie's own tab, never framed). */
const sharedFromX = (() => {
  const url = params.get(SHARED_FROM_X_PARAM);
  return !embedded && url !== null && parseXUrl(url) !== null ? url : null;
})();
/** `?image=URL`: an image shared from the context menu. */
const sharedImage = params.get('image');

function useIncoming(): { incoming: Incoming | null; link: EmbedLink | null } {
  const [incoming, setIncoming] = useState<Incoming | null>(null);
  const [link, setLink] = useState<EmbedLink | null>(null);
  useEffect(() => {
    void embedLink?.then((l) => {
      setLink(l);
      setIncoming({ images: l.images, missingImages: l.missingImages, fallbackText: '' });
    });
    if (sharedImage) void fetchSharedImage(sharedImage).then(setIncoming);
  }, []);
  return { incoming, link };
}

/** The overlay focused this frame: put the caret in the text box once the composer has rendered. */
function focusTextWhenShown(tries = 0): void {
  const box = document.getElementById('text');
  if (box) box.focus();
  else if (tries < 100) setTimeout(() => focusTextWhenShown(tries + 1), 50);
}

function Compose() {
  const state = useSettings();
  return (
    <Page state={state} title="compose.title">
      <ComposeBody state={state} />
    </Page>
  );
}

function ComposeBody({ state }: { state: ReturnType<typeof useSettings> }) {
  const { t } = useT();
  const { incoming, link } = useIncoming();
  const storage = useStorageState();

  // In the overlay, Esc closes it (the key never reaches x.com's page from inside this frame).
  useEffect(() => {
    if (!link) return;
    focusTextWhenShown();
    // Decided on keydown (an Esc used by a menu or an input method is not ours), done on keyup:
    // the overlay removes this frame, which must not happen while the key is still down in it.
    let closing = false;
    const onDown = (e: KeyboardEvent) => {
      closing = e.key === 'Escape' && !e.defaultPrevented && !e.isComposing;
    };
    const onUp = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && closing) link.send({ sortie: 'close' });
      closing = false;
    };
    document.addEventListener('keydown', onDown);
    document.addEventListener('keyup', onUp);
    return () => {
      document.removeEventListener('keydown', onDown);
      document.removeEventListener('keyup', onUp);
    };
  }, [link]);

  // The overlay option off: no framed composer at all (the background issues no secret either).
  const overlayOff = embedded && state.settings !== null && !state.settings.xOverlay;
  if (where === 'refused' || overlayOff) {
    return (
      <main>
        <h1>{t('compose.title')}</h1>
        <p role="alert">{t(overlayOff ? 'compose.framedOverlayOff' : 'compose.framedRefused')}</p>
      </main>
    );
  }
  if (storage === 'denied') {
    return (
      <main class={embedded ? 'embedded' : ''}>
        <h1>{t('compose.title')}</h1>
        <p role="alert" class="error" data-testid="storage-denied">
          {t('compose.storageDenied')}
        </p>
        <p>
          <button type="button" class="primary" onClick={() => openPageInTab('/compose.html')}>
            {t('compose.openInTab')}
          </button>
        </p>
      </main>
    );
  }
  return (
    <main class={embedded ? 'embedded' : ''}>
      <h1 class={embedded ? 'visually-hidden' : ''}>{t('compose.title')}</h1>
      {/* In the overlay, nothing shows before the overlay's handoff (see framing()). */}
      {state.settings && storage === 'ok' && (!embedded || link) && (
        <Composer
          settings={state.settings}
          incoming={incoming}
          showDrafts={!embedded}
          postGate={postGate}
          sharedFromX={sharedFromX}
          onPosted={(postId) => {
            // The exit dashboard counts posts written in X's composer and sent by Sortie instead.
            if (link) countFromPage('x.takeovers');
            link?.send({ sortie: 'posted', postId });
          }}
        />
      )}
    </main>
  );
}

render(<Compose />, document.getElementById('app')!);
