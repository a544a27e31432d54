/**
 * The follow bridge's collector on x.com (issue 8), separate from the
 * composer overlay's script. It is registered for every X page because X is
 * a single-page app: going from the home timeline to "Following" changes the
 * URL without loading a page, so a script matched only on /following would
 * never run. It does nothing until the URL is a follow list (or a profile,
 * whose header completes an account already collected with its website).
 *
 * It only reads what the page shows and hands it to the background; it holds
 * no account, no token, and never talks to X.
 */
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createAutoScroll, type AutoScroll } from '../lib/bridge/auto-scroll.ts';
import { buildPanel, PANEL_CSS, type PanelView } from '../lib/bridge/collector-panel.ts';
import type { XProfile } from '../lib/bridge/types.ts';
import { send } from '../lib/messaging/client.ts';
import { followListSource, parseProfileHeader, startFollowCollector } from '../lib/x/follow-collector.ts';

/** How long a profile page may take to render its header before we give up on it. */
const HEADER_WAIT_MS = 15_000;

function collect(source: string, profiles: XProfile[], mode: 'collect' | 'enrich'): Promise<void> {
  return send('bridge.collect', { source, mode, profiles }).then(() => undefined);
}

/** Completes an already collected account with what only its profile page shows (the website). */
function enrichFromProfile(ctx: ContentScriptContext, url: URL, signal: AbortSignal): void {
  const started = Date.now();
  const tryOnce = (): boolean => {
    const profile = parseProfileHeader(document, url);
    if (!profile) return false;
    void collect(`following:${profile.handle.toLowerCase()}`, [profile], 'enrich').catch((error: unknown) =>
      console.warn('Sortie: could not complete a collected account', error),
    );
    return true;
  };
  if (tryOnce()) return;
  const observer = new MutationObserver(() => {
    if (tryOnce() || Date.now() - started > HEADER_WAIT_MS) observer.disconnect();
  });
  observer.observe(document.body, { childList: true, subtree: true });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  ctx.setTimeout(() => observer.disconnect(), HEADER_WAIT_MS);
}

async function showPanel(ctx: ContentScriptContext, source: string, signal: AbortSignal): Promise<void> {
  const { strings } = await send('bridge.panel');
  if (signal.aborted) return;
  // "Hide" also stops reading this page, until X navigates to another list.
  const reading = new AbortController();
  signal.addEventListener('abort', () => reading.abort(), { once: true });
  let view: PanelView | null = null;
  let scroller: AutoScroll | null = null;
  const ui = await createShadowRootUi(ctx, {
    name: 'sortie-bridge',
    position: 'inline',
    anchor: 'body',
    append: 'last',
    css: PANEL_CSS,
    onMount: (container) => {
      view = buildPanel(container, strings, {
        onAutoScroll: () => scroller?.start(),
        onStop: () => scroller?.stop(),
        onOpen: () => void send('bridge.open'),
        onHide: () => {
          scroller?.stop();
          reading.abort();
          ui.remove();
        },
      });
    },
    onRemove: () => scroller?.stop(),
  });
  if (signal.aborted) return;
  ui.mount();
  const collector = startFollowCollector(
    {
      doc: document,
      source,
      send: (s, profiles) => collect(s, profiles, 'collect'),
      onCount: (n) => view?.setCount(n),
      setTimer: (fn, ms) => ctx.setTimeout(fn, ms),
    },
    reading.signal,
  );
  scroller = createAutoScroll({
    scrollStep: () => {
      window.scrollBy({ top: Math.round(window.innerHeight * 0.9), behavior: 'instant' });
      return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 4;
    },
    count: () => collector.count(),
    setTimer: (fn, ms) => ctx.setTimeout(fn, ms),
    clearTimer: (handle) => clearTimeout(handle as number),
    onState: (state) => view?.setScroll(state),
  });
  signal.addEventListener(
    'abort',
    () => {
      scroller?.stop();
      ui.remove();
    },
    { once: true },
  );
}

export default defineContentScript({
  matches: ['*://x.com/*', '*://twitter.com/*', '*://mobile.x.com/*', '*://mobile.twitter.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    let current: AbortController | null = null;
    const onUrl = (url: URL): void => {
      current?.abort();
      current = new AbortController();
      const signal = current.signal;
      const source = followListSource(url);
      if (source) {
        showPanel(ctx, source, signal).catch((error: unknown) => console.warn('Sortie: the follow bridge could not start here', error));
      } else if (/^\/[A-Za-z0-9_]{1,50}\/?$/.test(url.pathname)) {
        enrichFromProfile(ctx, url, signal);
      }
    };
    onUrl(new URL(location.href));
    // X changes its URL without loading a page: follow it.
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => onUrl(newUrl));
    ctx.onInvalidated(() => current?.abort());
  },
});
