/**
 * Sends the X links of a page to the mirror. Registered at runtime by the
 * background, only for the origins the user granted; it reads the mirror and
 * the page rules the background keeps in storage and never touches IndexedDB.
 *
 * Kept tiny on purpose: it runs on every granted page, so it knows nothing of
 * X's URLs (the background compiles them into rules) and talks to the
 * extension API directly.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createSlicedWork, watchAdditions, type AdditionsWatcher } from '../lib/links/sliced-work';
import { createPageRewriter } from '../lib/links/page-rewrite';
import { LINK_MIRROR_KEY, readRewriteConfig } from '../lib/links/rewrite-config';

/** How long after parsing the work waits for a load event that may never come (a stalled image). */
const LOAD_WAIT_MS = 3_000;

interface StorageChange {
  newValue?: unknown;
}

/** The slice of the extension API this script uses (promise-returning in Chrome MV3 and Firefox). */
interface LinkApi {
  runtime: { id?: string };
  storage: {
    local: { get(key: string): Promise<Record<string, unknown>> };
    onChanged: {
      addListener(listener: (changes: Record<string, StorageChange>, area: string) => void): void;
      removeListener(listener: (changes: Record<string, StorageChange>, area: string) => void): void;
    };
  };
}

/** Firefox's promise-based `browser`, else Chrome's `chrome`: no polyfill for three calls. */
function extensionApi(): LinkApi {
  const api = globalThis as { browser?: LinkApi; chrome?: LinkApi };
  const found = api.browser?.storage ? api.browser : api.chrome;
  if (found?.storage === undefined) throw new Error('Sortie links: no extension storage API in this context');
  return found;
}

/**
 * An unlisted script rather than a WXT content script: the background registers
 * the file itself (lib/links/background/scripts.ts), and WXT's content-script
 * wrapper would bring the browser polyfill and its context helper, twice this
 * script's own size.
 */
export default defineUnlistedScript(async () => {
  const api = extensionApi();
  const config = readRewriteConfig((await api.storage.local.get(LINK_MIRROR_KEY))[LINK_MIRROR_KEY]);
  if (config === null) return;

  const rewriter = createPageRewriter(document, config);
  let watcher: AdditionsWatcher | null = null;
  // The rewriter's own writes, made unseen by the watcher (each would come back to it as a record).
  const quietly = (write: () => void): void => (watcher === null ? write() : watcher.quietly(write));
  const work = createSlicedWork({
    find: (nodes) => rewriter.find(nodes),
    process: (elements) => quietly(() => rewriter.process(elements)),
  });
  // The background switches mirrors when one goes down: follow it on open pages.
  const onChanged = (changes: Record<string, StorageChange>, area: string): void => {
    const next =
      area === 'local' && LINK_MIRROR_KEY in changes ? readRewriteConfig(changes[LINK_MIRROR_KEY]?.newValue) : null;
    if (next !== null) quietly(() => rewriter.retarget(next));
  };
  // After the extension is updated or removed, this copy is orphaned (its runtime id is
  // gone): it stops instead of rewriting with rules nobody keeps current.
  const alive = (): boolean => {
    if (api.runtime.id !== undefined) return true;
    watcher?.stop();
    work.stop();
    api.storage.onChanged.removeListener(onChanged);
    return false;
  };
  let started = false;
  const start = (): void => {
    if (started) return;
    started = true;
    work.add([document.documentElement]);
    watcher = watchAdditions(
      document,
      (nodes) => {
        if (alive()) work.add(nodes);
      },
      rewriter.isOwnChange,
    );
  };
  // Injected at document_start; the work starts once the page has loaded, so its load
  // event never waits on it (measured: rewriting between DOMContentLoaded and load
  // delayed it by 8%). A page whose load never comes gets the work a while after parsing.
  if (document.readyState === 'complete') start();
  else {
    window.addEventListener('load', start, { once: true });
    const afterParsing = (): number => window.setTimeout(start, LOAD_WAIT_MS);
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', afterParsing, { once: true });
    else afterParsing();
  }
  api.storage.onChanged.addListener(onChanged);
});
