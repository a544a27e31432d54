/**
 * Runs on mirror pages (registered at runtime for the mirrors Sortie has
 * access to) and tells the background when the mirror failed its reader: an
 * HTTP 429 or 5xx, or Nitter's "rate limited" / "no sessions" panel. The
 * background then marks the mirror down and sends the tab to the next one.
 *
 * A healthy page costs one lookup: the status comes from the navigation
 * timing entry and the page is only read when it shows an error.
 * Network errors never reach a content script; the background hears about
 * them from webRequest.onErrorOccurred.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { classifyMirrorPage, mayBeFailure } from '../lib/links/page-health';

interface Runtime {
  sendMessage(message: unknown): Promise<unknown>;
}

function runtime(): Runtime {
  const api = globalThis as { browser?: { runtime: Runtime }; chrome?: { runtime: Runtime } };
  const found = api.browser?.runtime ?? api.chrome?.runtime;
  if (found === undefined) throw new Error('Sortie mirror check: no extension runtime in this context');
  return found;
}

/** How much of a failing page is read: the verdict is in its first lines. */
const MAX_READ = 20_000;

export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_end',
  async main() {
    const entry = performance.getEntriesByType('navigation')[0] as
      (PerformanceEntry & { responseStatus?: number }) | undefined;
    const status = entry?.responseStatus ?? 0;
    const panel = document.querySelector('.error-panel');
    if (!mayBeFailure(status, panel !== null)) return;
    const body = panel?.outerHTML ?? document.documentElement.outerHTML.slice(0, MAX_READ);
    const verdict = classifyMirrorPage({ status, body });
    if (verdict === null) return;
    await runtime().sendMessage({
      sortie: 1,
      name: 'links.mirrorFailed',
      body: { url: location.href, reason: verdict.reason, detail: verdict.detail.slice(0, 300) },
    });
  },
});
