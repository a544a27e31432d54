/**
 * The overlay feature: while X's composer is in use, offer "Post to Mastodon
 * & Bluesky instead"; on click, frame Sortie's compose page prefilled with
 * what was typed on X (and the attached images), and after Sortie queued the
 * post, empty X's box so nothing is sent to X by mistake. X receives nothing
 * from any of this: the text goes from X's DOM to the extension's frame.
 *
 * X's page must not learn that Sortie is installed before the user acts: the
 * UI is mounted only after a trusted pointer or key event (`isTrusted`, which
 * no page script can forge) inside X's composer, never because X's script
 * focused it; untrusted events are ignored, not handled nor cancelled.
 */
import type { PageConfig } from './page-config.ts';
import { activeComposer, clearComposer, composerOf, composerText, imageUrls, type XComposer } from './composer-dom.ts';
import { embedComposeUrl, isEmbedEvent, type HandoffMessage } from './embed-protocol.ts';
import type { FeatureEnv, XFeature } from './features.ts';
import { fetchImages as defaultFetchImages, redrawPreview, type FetchedImages } from './images.ts';
import { createOverlayView, type OverlayView } from './overlay-view.ts';
import type { OverlayStrings } from './strings.ts';

export interface MountedUi {
  view: OverlayView;
  remove: () => void;
}

export interface OverlayDeps {
  doc: Document;
  /** Mounts the shadow-root UI around the view `build` makes (WXT's createShadowRootUi in the content script). */
  mount: (build: (container: HTMLElement) => OverlayView) => Promise<MountedUi>;
  config: () => PageConfig | null;
  /** The compose page's URL (runtime.getURL('/compose.html'): Chrome's per-session dynamic URL). */
  composeBase: string;
  /** Where the framed page ends up (Chrome redirects the dynamic URL to the extension's own origin). */
  extensionOrigin: string;
  /** The background's one-time hand-off secret for this tab ('overlay.ticket'); null when refused. */
  ticket: () => Promise<string | null>;
  fetchImages?: (urls: readonly string[]) => Promise<FetchedImages>;
}

export interface Overlay {
  feature: XFeature;
  /** Opens Sortie's composer for this X composer (from the offer, or X's Post button when routed). */
  open: (composer: XComposer) => Promise<void>;
  /** The settings changed: show, hide or relabel. */
  refresh: () => void;
}

/** Never shown in practice: the UI mounts only once a config (with its texts) arrived. */
const FALLBACK_STRINGS: OverlayStrings = { offer: 'Sortie', dialog: 'Sortie', frameTitle: 'Sortie', close: 'Sortie' };

interface Session {
  env: FeatureEnv;
  ui: Promise<MountedUi> | null;
  mounted: MountedUi | null;
  /** The inline composer last focused, while focus sits in Sortie's own UI. */
  lastFocused: Element | null;
  /** X composers (their roots) the user pressed a key or pointer in: the only ones Sortie offers for. */
  engaged: WeakSet<Element>;
  dialog: { composer: XComposer; port: MessagePort } | null;
}

export function createOverlay(deps: OverlayDeps): Overlay {
  const { doc } = deps;
  const fetchImages =
    deps.fetchImages ?? ((urls) => defaultFetchImages(urls, undefined, (url) => redrawPreview(doc, url)));
  let session: Session | null = null;

  function ensureUi(s: Session): Promise<MountedUi> {
    s.ui ??= deps
      .mount((container) =>
        createOverlayView(container, deps.config()?.strings ?? FALLBACK_STRINGS, {
          onOffer: () => {
            const composer = activeComposer(doc, s.lastFocused);
            if (composer) void open(composer);
          },
          onClose: () => closeDialog(s, true),
        }),
      )
      .then((mounted) => {
        if (s.env.signal.aborted) mounted.remove();
        else s.mounted = mounted;
        return mounted;
      });
    return s.ui;
  }

  function check(s: Session): void {
    const config = deps.config();
    if (s.dialog !== null) return;
    const inOurUi = s.mounted?.view.contains(doc.activeElement) === true || isShadowHost(doc.activeElement);
    const active = config?.xOverlay ? activeComposer(doc, inOurUi ? s.lastFocused : null) : null;
    // Focus alone proves nothing (X's script can focus its composer): the user must have acted in it.
    const composer = active !== null && s.engaged.has(active.root) ? active : null;
    if (composer === null) {
      s.mounted?.view.hideOffer();
      return;
    }
    const anchor = composer.root.getBoundingClientRect();
    if (s.mounted) s.mounted.view.showOffer(anchor);
    else
      void ensureUi(s).then(({ view }) => {
        if (!s.env.signal.aborted && s.dialog === null) view.showOffer(composer.root.getBoundingClientRect());
      });
  }

  function isShadowHost(el: Element | null): boolean {
    return el !== null && el.localName === 'sortie-overlay';
  }

  function closeDialog(s: Session, restoreFocus: boolean): void {
    const dialog = s.dialog;
    if (dialog === null) return;
    s.dialog = null;
    dialog.port.close();
    s.mounted?.view.closeDialog();
    if (restoreFocus) dialog.composer.editors[0]?.focus();
    s.env.requestCheck();
  }

  async function afterPosted(s: Session, composer: XComposer): Promise<void> {
    closeDialog(s, false);
    // X may have re-rendered its composer meanwhile: clear the live one.
    const live =
      (composer.postButton && composerOf(doc, composer.postButton)) || composerOf(doc, composer.root) || composer;
    const cleared = await clearComposer(doc, live);
    if (!cleared) console.warn("Sortie: the post went out through Sortie, but X's box could not be emptied");
  }

  async function open(composer: XComposer): Promise<void> {
    const s = session;
    if (s === null || s.dialog !== null || !deps.config()?.xOverlay) return;
    const images = fetchImages(imageUrls(composer));
    const ticket = await deps.ticket();
    // No secret (overlay turned off meanwhile, background refused): no framed composer at all.
    if (ticket === null) return;
    const { view } = await ensureUi(s);
    if (s.env.signal.aborted || s.dialog !== null) return;
    view.hideOffer();
    const channel = new MessageChannel();
    s.dialog = { composer, port: channel.port1 };
    channel.port1.onmessage = (event: MessageEvent) => {
      if (!isEmbedEvent(event.data) || s.dialog?.port !== channel.port1) return;
      if (event.data.sortie === 'close') closeDialog(s, true);
      else void afterPosted(s, composer);
    };
    const frame = view.openDialog(embedComposeUrl(deps.composeBase, composerText(composer)));
    frame.addEventListener(
      'load',
      () => {
        void images.then(({ images: blobs, failed }) => {
          const handoff: HandoffMessage = { sortie: 'handoff', images: blobs, missingImages: failed, ticket };
          // Addressed to the extension's origin: if X navigated the frame elsewhere, it gets nothing.
          frame.contentWindow?.postMessage(handoff, deps.extensionOrigin, [channel.port2]);
          frame.focus();
        });
      },
      { once: true },
    );
  }

  const feature: XFeature = {
    id: 'overlay',
    init(env) {
      const s: Session = { env, ui: null, mounted: null, lastFocused: null, engaged: new WeakSet(), dialog: null };
      session = s;
      const listen = (target: EventTarget, type: string, fn: (e: Event) => void, passive = false) =>
        target.addEventListener(type, fn, { capture: true, passive, signal: env.signal });

      // The user's own press or key in one of X's composers (never a script's): Sortie may offer there.
      const engage = (e: Event): void => {
        if (!e.isTrusted) return;
        const target = e.target as Element | null;
        const composer = target && !isShadowHost(target) ? composerOf(doc, target) : null;
        if (composer === null || s.engaged.has(composer.root)) return;
        s.engaged.add(composer.root);
        env.requestCheck();
      };
      listen(doc, 'pointerdown', engage, true);
      listen(doc, 'keydown', engage, true);
      listen(doc, 'focusin', (e) => {
        const target = e.target as Element | null;
        if (target && !isShadowHost(target) && composerOf(doc, target)) s.lastFocused = target;
        env.requestCheck();
      });
      listen(doc, 'focusout', () => env.requestCheck());
      listen(doc, 'input', () => env.requestCheck());
      // Keep the offer under the composer while the page scrolls.
      listen(doc, 'scroll', () => env.requestCheck(), true);
      listen(doc.defaultView ?? doc, 'resize', () => env.requestCheck(), true);
      // Esc closes Sortie's dialog only, not X's composer dialog underneath.
      listen(doc.defaultView ?? doc, 'keydown', (e) => {
        if (e.isTrusted && s.dialog !== null && (e as KeyboardEvent).key === 'Escape') {
          e.preventDefault();
          e.stopImmediatePropagation();
          closeDialog(s, true);
        }
      });

      env.signal.addEventListener(
        'abort',
        () => {
          s.dialog?.port.close();
          s.dialog = null;
          s.mounted?.remove();
          if (session === s) session = null;
        },
        { once: true },
      );
      env.onDomChange(() => check(s));
    },
  };

  return {
    feature,
    open,
    refresh() {
      const s = session;
      if (s === null) return;
      const strings = deps.config()?.strings;
      if (strings) s.mounted?.view.setStrings(strings);
      s.env.requestCheck();
    },
  };
}
