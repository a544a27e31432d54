/**
 * X's own service worker answers navigations on x.com from its cache before
 * any declarativeNetRequest rule sees them (and its network fetches are not
 * navigations either). When that happened and redirecting is on, this script
 * does what the rules would have done: it unregisters X's service workers,
 * so the next navigation reaches the rules, and replaces the page with the
 * mirror's.
 *
 * It acts only on pages a service worker controls: every other navigation
 * already went past the rules, and was let through on purpose (account
 * pages, exceptions, pause, "keep X usable", "open on X once").
 *
 * Content scripts share the page's `navigator.serviceWorker` (the same
 * document's container, seen from the isolated world): `controller` and
 * `getRegistrations()` are the page's own.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { LINK_GUARD_KEY, guardTarget, readLinkGuard } from '../lib/links/sw-guard';

interface GuardStorage {
  local: { get(key: string): Promise<Record<string, unknown>> };
}

/** Firefox's promise-based `browser`, else Chrome's `chrome`: no polyfill for one call. */
function extensionStorage(): GuardStorage {
  const api = globalThis as { browser?: { storage: GuardStorage }; chrome?: { storage: GuardStorage } };
  const storage = api.browser?.storage ?? api.chrome?.storage;
  if (storage === undefined) throw new Error('Sortie guard: no extension storage API in this context');
  return storage;
}

export default defineContentScript({
  matches: [
    '*://x.com/*',
    '*://www.x.com/*',
    '*://mobile.x.com/*',
    '*://twitter.com/*',
    '*://www.twitter.com/*',
    '*://mobile.twitter.com/*',
    '*://m.twitter.com/*',
  ],
  runAt: 'document_start',
  async main() {
    const workers = navigator.serviceWorker as ServiceWorkerContainer | undefined;
    if (workers?.controller === null || workers?.controller === undefined) return;
    const config = readLinkGuard((await extensionStorage().local.get(LINK_GUARD_KEY))[LINK_GUARD_KEY]);
    if (config === null) return;
    const target = guardTarget(location.href, document.referrer, config, Date.now());
    if (target === null) return;
    const registrations = await workers.getRegistrations();
    await Promise.all(registrations.map((r) => r.unregister()));
    location.replace(target);
  },
});
