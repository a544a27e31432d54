/**
 * Chromium for the bench: the e2e suite's flags (tests/e2e/support/fixtures.ts)
 * on a throw-away profile, any set of unpacked extensions (or none), and a
 * raw CDP connection for what Playwright does not expose.
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LINK_MIRROR_KEY } from '../../lib/links/rewrite-config.ts';
import { chromiumArgs } from '../../tests/e2e/support/fixtures.ts';
import { CHROMIUM } from '../../tests/e2e/support/paths.ts';
import { connectBrowserCdp, type BrowserCdp } from './cdp.ts';

export interface BenchBrowser {
  context: BrowserContext;
  cdp: BrowserCdp;
  /** Opens `chrome-extension://<id of dir>/<path>`. */
  openExtensionPage(extensionDir: string, path: string): Promise<Page>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  extensions: string[];
  /** Where non-loopback requests go (the e2e recording proxy, or the bench's latency proxy). */
  proxyPort: number;
  /** Send loopback requests through the proxy too (Chromium bypasses it for loopback by default). */
  proxyLoopback?: boolean;
}

/** Chromium's id for an unpacked extension: SHA-256 of its absolute path, first 32 hex digits spelled a–p. */
export function extensionIdOf(dir: string): string {
  return createHash('sha256')
    .update(resolve(dir))
    .digest('hex')
    .slice(0, 32)
    .replace(/./g, (c) => String.fromCharCode(97 + parseInt(c, 16)));
}

export async function launchBench(options: LaunchOptions): Promise<BenchBrowser> {
  const profileDir = await mkdtemp(join(tmpdir(), 'sortie-bench-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: false, // --headless=new in chromiumArgs
    args: [
      ...chromiumArgs(options.proxyPort, options.extensions),
      ...(options.proxyLoopback ? ['--proxy-bypass-list=<-loopback>'] : []),
      '--remote-debugging-port=0',
    ],
  });
  const cdp = await connectBrowserCdp(profileDir);
  // Sortie opens its welcome page on install; the bench does not want it in the way.
  context.on('page', (page) => {
    void page
      .waitForLoadState('domcontentloaded')
      .then(() => (page.url().includes('/options.html#welcome') ? page.close() : undefined))
      .catch((error: unknown) => {
        if (!page.isClosed()) console.error('bench: could not close the welcome page', error);
      });
  });
  return {
    context,
    cdp,
    async openExtensionPage(extensionDir, path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionIdOf(extensionDir)}/${path}`);
      return page;
    },
    async close() {
      cdp.close();
      await context.close();
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}

/** lib/links/background/scripts.ts's LINKS_SCRIPT_ID (that module does not load under Node's type stripping). */
const LINKS_SCRIPT_ID = 'sortie-links';

declare const chrome: {
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
  scripting: { getRegisteredContentScripts(filter: { ids: string[] }): Promise<unknown[]> };
};

/**
 * Waits until Sortie's background has stored the mirror and its page rules and
 * registered the links page script for the granted origins, as it does right
 * after install.
 */
export async function awaitLinksScript(browser: BenchBrowser, extensionDir: string, page: string): Promise<void> {
  const tab = await browser.openExtensionPage(extensionDir, page);
  await tab.waitForFunction(
    async ({ key, id }) =>
      (await chrome.storage.local.get(key))[key] !== undefined &&
      (await chrome.scripting.getRegisteredContentScripts({ ids: [id] })).length > 0,
    { key: LINK_MIRROR_KEY, id: LINKS_SCRIPT_ID },
    { timeout: 15_000 },
  );
  await tab.close();
}
