/**
 * The follow bridge's collector on x.com, injected by the background into
 * the one X tab the user asked for from the bridge page (`bridge.start`), for
 * that run only: no Sortie script or element is on X's follow lists until
 * the user starts a collection from Sortie's own page.
 *
 * It reads what the list shows, scrolls for the user (they asked for it by
 * starting), and hands the rows to the background, which bounds what one run
 * may store (lib/bridge/collect-limits.ts). Its panel lives in a closed
 * shadow root: X's scripts see an empty host element, never its content.
 * It stops for good when the tab leaves the list, the user stops it, or the
 * background says the run is full. It holds no account and never talks to X.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createAutoScroll } from '../lib/bridge/auto-scroll.ts';
import { buildPanel, PANEL_CSS, type PanelView } from '../lib/bridge/collector-panel.ts';
import type { XProfile } from '../lib/model/bridge.ts';
import { send } from '../lib/messaging/client.ts';
import { followListSource, startFollowCollector } from '../lib/x/follow-collector.ts';

/** How often the URL is compared (X changes it without loading a page). */
const URL_POLL_MS = 500;

/** Set in this isolated world only: a second injection (a second click) does nothing. */
const RUNNING = Symbol.for('sortie.followCollector');

async function run(): Promise<void> {
  const world = globalThis as { [RUNNING]?: boolean };
  if (world[RUNNING]) return;
  const source = followListSource(new URL(location.href));
  if (source === null) return;
  world[RUNNING] = true;
  const { strings } = await send('bridge.panel');
  const reading = new AbortController();

  const host = document.createElement('sortie-bridge');
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = PANEL_CSS;
  const container = document.createElement('div');
  root.append(style, container);

  let view: PanelView | null = null;
  const stopAll = (): void => {
    scroller.stop();
    reading.abort();
    host.remove();
    world[RUNNING] = false;
  };
  view = buildPanel(container, strings, {
    onAutoScroll: () => scroller.start(),
    onStop: () => scroller.stop(),
    onOpen: () => void send('bridge.open'),
    onHide: stopAll,
  });
  document.body.append(host);

  const collector = startFollowCollector(
    {
      doc: document,
      source,
      send: async (s: string, profiles: XProfile[]) => {
        const result = await send('bridge.collect', { source: s, mode: 'collect', profiles });
        // The run reached its limits: nothing more is read or scrolled.
        if (result.full) {
          scroller.stop();
          reading.abort();
        }
      },
      onCount: (n) => view?.setCount(n),
    },
    reading.signal,
  );
  const scroller = createAutoScroll({
    scrollStep: () => {
      window.scrollBy({ top: Math.round(window.innerHeight * 0.9), behavior: 'instant' });
      return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 4;
    },
    count: () => collector.count(),
    visible: () => document.visibilityState === 'visible',
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (handle) => clearTimeout(handle as number),
    onState: (state) => view?.setScroll(state),
  });
  // The user started the collection from Sortie: scroll right away.
  scroller.start();

  const startedAt = location.href;
  const watch = setInterval(() => {
    if (location.href !== startedAt) {
      clearInterval(watch);
      stopAll();
    }
  }, URL_POLL_MS);
  reading.signal.addEventListener('abort', () => clearInterval(watch), { once: true });
}

export default defineUnlistedScript(() => {
  run().catch((error: unknown) => console.warn('Sortie: the follow bridge could not start here', error));
});
