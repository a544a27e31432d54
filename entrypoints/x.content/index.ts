/**
 * Runs on x.com and twitter.com. Kept small on purpose (no Preact here): it
 * watches for X's composer with one batched MutationObserver and mounts a
 * closed shadow-root UI only once the user acted in the composer; Sortie's real composer
 * loads in a frame only when the user asks for it. The follow collector is
 * not part of it: it is injected only into the X tab where the user started
 * a collection (entrypoints/x-follows.ts).
 */
import { browser } from 'wxt/browser';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { PageConfig } from '../../lib/x/page-config.ts';
import { send } from '../../lib/messaging/client.ts';
import { createFeatureManager } from '../../lib/x/features.ts';
import { createOverlay } from '../../lib/x/overlay.ts';
import { OVERLAY_CSS, type OverlayView } from '../../lib/x/overlay-view.ts';
import { watchPageConfig, type ConfigStorage } from '../../lib/x/page-config.ts';
import { postButtonFeature } from '../../lib/x/post-button.ts';

/** Checks run at most this often while X keeps changing its DOM. */
const BATCH_MS = 100;

export default defineContentScript({
  matches: ['*://x.com/*', '*://twitter.com/*', '*://mobile.x.com/*', '*://mobile.twitter.com/*'],
  runAt: 'document_idle',
  async main(ctx) {
    let config: PageConfig | null = null;
    // Chrome: the per-session dynamic URL (compose.html is web-accessible to X with use_dynamic_url),
    // which it redirects to the extension's own origin, where the hand-off is addressed.
    const composeBase = browser.runtime.getURL('/compose.html');

    const overlay = createOverlay({
      doc: document,
      config: () => config,
      composeBase,
      extensionOrigin: new URL(browser.runtime.getURL('/')).origin,
      ticket: () =>
        send('overlay.ticket').then(
          ({ ticket }) => ticket,
          () => null,
        ),
      mount: async (build) => {
        const ui = await createShadowRootUi<OverlayView>(ctx, {
          name: 'sortie-overlay',
          // Closed: X's script cannot reach into it (the frame, the offer, the dialog).
          mode: 'closed',
          position: 'inline',
          anchor: 'body',
          append: 'last',
          css: OVERLAY_CSS,
          onMount: (container) => build(container),
          onRemove: (view) => view?.closeDialog(),
        });
        ui.mount();
        const view = ui.mounted;
        if (view === undefined) throw new Error('Sortie: the overlay did not mount');
        return { view, remove: () => ui.remove() };
      },
    });

    const manager = createFeatureManager(
      [overlay.feature, postButtonFeature({ doc: document, config: () => config, open: (c) => void overlay.open(c) })],
      {
        doc: document,
        Observer: MutationObserver,
        schedule: (fn) => ctx.setTimeout(() => requestAnimationFrame(fn), BATCH_MS),
      },
    );

    await watchPageConfig(
      browser.storage as unknown as ConfigStorage,
      () => send('page.config'),
      (next) => {
        config = next;
        overlay.refresh();
      },
      ctx.signal,
    );
    if (ctx.isInvalid) return;

    manager.start(new URL(location.href));
    // X is a single-page app: its routing changes the URL without a load.
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => manager.navigated(newUrl));
    ctx.onInvalidated(() => manager.stop());
  },
});
