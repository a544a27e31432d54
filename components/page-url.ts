import { browser } from 'wxt/browser';

/**
 * The address of one of Sortie's pages, to open in a tab. Not
 * runtime.getURL for the page itself: in Chrome it gives compose.html's
 * per-session dynamic URL (that page is web-accessible to X with
 * use_dynamic_url), which a tab cannot open (chrome-error). A page that is
 * not web-accessible has the extension's own origin.
 */
export function pageUrl(path: `/${string}.html`): string {
  return new URL(path, browser.runtime.getURL('/options.html')).href;
}

/** Opens one of Sortie's pages in a new tab. */
export function openPageInTab(path: `/${string}.html`): void {
  void browser.tabs.create({ url: pageUrl(path) });
}
