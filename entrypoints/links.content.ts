/**
 * Sends the X links of a page to the mirror. Registered at runtime by the
 * background, only for the origins the user granted; it reads the mirror the
 * background keeps in storage and never touches IndexedDB.
 *
 * Kept tiny on purpose: it runs on every granted page, so it imports only the
 * pure link modules and talks to the extension API directly.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import {
  LINK_MIRROR_KEY,
  createPageRewriter,
  readLinkMirror,
  readReplaceEmbeds,
  watchAdditions,
} from '../lib/links/page-rewrite';

interface StorageChange {
  newValue?: unknown;
}

/** The slice of the storage API this script uses (promise-returning in Chrome MV3 and Firefox). */
interface LinkStorage {
  local: { get(key: string): Promise<Record<string, unknown>> };
  onChanged: {
    addListener(listener: (changes: Record<string, StorageChange>, area: string) => void): void;
    removeListener(listener: (changes: Record<string, StorageChange>, area: string) => void): void;
  };
}

/** Firefox's promise-based `browser`, else Chrome's `chrome`: no polyfill needed for two calls. */
function extensionStorage(): LinkStorage {
  const api = (globalThis as { browser?: { storage: LinkStorage }; chrome?: { storage: LinkStorage } });
  const storage = api.browser?.storage ?? api.chrome?.storage;
  if (storage === undefined) throw new Error('Sortie links: no extension storage API in this context');
  return storage;
}

export default defineContentScript({
  // The background registers it for the origins the user granted. No `matches`
  // here: WXT would add them to the required host permissions.
  registration: 'runtime',
  runAt: 'document_idle',
  async main(ctx) {
    const storage = extensionStorage();
    const stored = (await storage.local.get(LINK_MIRROR_KEY))[LINK_MIRROR_KEY];
    const mirror = readLinkMirror(stored);
    if (mirror === null || ctx.isInvalid) return;

    const rewriter = createPageRewriter(document, mirror, { replaceEmbeds: readReplaceEmbeds(stored) });
    rewriter.processNodes([document.documentElement]);
    const stop = watchAdditions(document, (nodes) => rewriter.processNodes(nodes));

    // The background switches mirrors when one goes down: follow it on open pages.
    const onChanged = (changes: Record<string, StorageChange>, area: string): void => {
      const next = area === 'local' && LINK_MIRROR_KEY in changes ? readLinkMirror(changes[LINK_MIRROR_KEY]?.newValue) : null;
      if (next !== null) rewriter.retarget(next);
    };
    storage.onChanged.addListener(onChanged);
    ctx.onInvalidated(() => {
      stop();
      storage.onChanged.removeListener(onChanged);
    });
  },
});
