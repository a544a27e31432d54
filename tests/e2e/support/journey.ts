/**
 * One fixture for both browsers: a journey is written once against `Tab` and
 * `JourneyBrowser`, and runs in the Playwright project of each browser
 * (playwright.config.ts): Chromium through Playwright, Firefox ESR through
 * Marionette (Playwright cannot drive Debian's Firefox). A journey that one
 * browser cannot run is tagged `@chromium-only` or `@firefox-only` and says why.
 *
 * The privacy contract holds in both: every non-loopback request goes through
 * the recording proxy, and `allowHosts` fails the test after it ends if the
 * browser contacted a host the test did not allow.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { launchSortie } from './fixtures.ts';
import { buildWithAllSitesGranted } from './links.ts';
import { GECKO_ID, launchFirefox, type SortieFirefox } from './firefox.ts';
import type { Marionette } from './marionette.ts';
import { expect, test as serversTest } from './servers.ts';

export type BrowserKind = 'chromium' | 'firefox';

/** One tab, as a user sees it: fields and buttons found by their accessible names. */
export interface Tab {
  goto(url: string): Promise<void>;
  url(): Promise<string>;
  /** Types into the field with this label (aria-label or <label>). */
  fill(label: string, value: string): Promise<void>;
  /** Clicks the button or link with this accessible name. */
  click(name: string): Promise<void>;
  /** Clicks the first element whose whole text is this (a <summary>, say). */
  clickText(text: string): Promise<void>;
  /** Runs a JavaScript expression in the page and returns its (JSON) value. */
  evaluate<T>(expression: string): Promise<T>;
  /** Waits until the expression is truthy in the page. */
  waitFor(expression: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface JourneyBrowser {
  kind: BrowserKind;
  /** `chrome-extension://…` or `moz-extension://…`. */
  extensionOrigin: string;
  /** Opens one of Sortie's pages in a new tab. */
  openPage(path: string): Promise<Tab>;
  /** A new tab on this URL (about:blank when none). */
  newTab(url?: string): Promise<Tab>;
  /** The URL of every open tab. */
  tabUrls(): Promise<string[]>;
  /** Waits for a new tab or window whose URL matches (a sign-in window, say). */
  waitForTab(match: RegExp, timeoutMs?: number): Promise<Tab>;
  /**
   * Stops the background as the browser does when it is idle: Chromium's service
   * worker through CDP, Firefox's event page (and the engine frame in it) through
   * `extension.terminateBackground()`, what Firefox's own idle timeout calls.
   */
  suspendBackground(): Promise<void>;
}

async function poll(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

// ---- Chromium, through Playwright -------------------------------------------------

function playwrightTab(page: Page): Tab {
  return {
    async goto(url) {
      await page.goto(url).catch(() => undefined); // a redirected or failed load still leaves a URL to check
    },
    url: async () => page.url(),
    fill: (label, value) => page.getByLabel(label).first().fill(value),
    click: (name) => page.getByRole('button', { name, exact: true }).or(page.getByRole('link', { name, exact: true })).first().click(),
    clickText: (text) => page.getByText(text, { exact: true }).first().click(),
    evaluate: <T>(expression: string) => page.evaluate(expression) as Promise<T>,
    waitFor: (expression, timeoutMs = 15_000) =>
      poll(async () => Boolean(await page.evaluate(expression)), timeoutMs, expression),
    close: () => page.close(),
  };
}

function chromiumJourney(context: BrowserContext, extensionId: string): JourneyBrowser {
  const origin = `chrome-extension://${extensionId}`;
  const tabsSeen = new Set(context.pages());
  return {
    kind: 'chromium',
    extensionOrigin: origin,
    async openPage(path) {
      const page = await context.newPage();
      await page.goto(`${origin}/${path.replace(/^\//, '')}`);
      return playwrightTab(page);
    },
    async newTab(url) {
      const page = await context.newPage();
      const tab = playwrightTab(page);
      if (url) await tab.goto(url);
      return tab;
    },
    tabUrls: async () => context.pages().map((p) => p.url()),
    async waitForTab(match, timeoutMs = 15_000) {
      let found: Page | undefined;
      await poll(
        async () => {
          found = context.pages().find((p) => !tabsSeen.has(p) && match.test(p.url()));
          return found !== undefined;
        },
        timeoutMs,
        `a tab on ${match}`,
      );
      tabsSeen.add(found!);
      return playwrightTab(found!);
    },
    async suspendBackground() {
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
    },
  };
}

/**
 * Installing ends with Sortie opening its welcome tab, after its rules and
 * settings are in place: a journey starts from there, as a user would.
 */
async function installed(journey: JourneyBrowser): Promise<void> {
  const welcome = `${journey.extensionOrigin}/welcome.html`;
  await poll(async () => (await journey.tabUrls()).includes(welcome), 20_000, 'the welcome tab');
}

// ---- Firefox, through Marionette ---------------------------------------------------

/** Finds a control by accessible name in the page, the way a user reads it. */
const FIND_BY_LABEL = `
  const [name] = arguments;
  const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  const fields = 'input, textarea, select, [contenteditable=""], [contenteditable="true"]';
  for (const el of document.querySelectorAll(fields)) {
    const aria = norm(el.getAttribute('aria-label'));
    const byId = (el.getAttribute('aria-labelledby') || '').split(' ').map((id) => document.getElementById(id)?.textContent).join(' ');
    const labels = [...(el.labels || [])].map((l) => norm(l.textContent));
    if (aria.includes(name) || norm(byId).includes(name) || labels.some((l) => l.includes(name))) return el;
  }
  return null;`;

const FIND_BY_NAME = `
  const [name] = arguments;
  const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  for (const el of document.querySelectorAll('button, [role="button"], a[href], input[type="submit"], input[type="button"]')) {
    const label = norm(el.getAttribute('aria-label')) || norm(el.textContent) || norm(el.value);
    if (label === name && !el.disabled) return el;
  }
  return null;`;

const FIND_BY_TEXT = `
  const [text] = arguments;
  const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  for (const el of document.querySelectorAll('body *')) if (norm(el.textContent) === text && el.children.length === 0) return el;
  for (const el of document.querySelectorAll('body *')) if (norm(el.textContent) === text) return el;
  return null;`;

type WebElement = Record<string, string>;
const elementId = (el: WebElement): string => Object.values(el)[0]!;

function firefoxJourney(ff: SortieFirefox): JourneyBrowser {
  const m: Marionette = ff.marionette;
  let current: string | null = null;

  async function switchTo(handle: string): Promise<void> {
    if (current === handle) return;
    await m.send('WebDriver:SwitchToWindow', { handle, focus: true });
    current = handle;
  }

  async function find(handle: string, script: string, arg: string, what: string): Promise<string> {
    let found: WebElement | null = null;
    await poll(
      async () => {
        await switchTo(handle);
        const { value } = await m.send<{ value: WebElement | null }>('WebDriver:ExecuteScript', { script, args: [arg] });
        found = value;
        return value !== null;
      },
      10_000,
      what,
    );
    return elementId(found!);
  }

  function tab(handle: string): Tab {
    return {
      async goto(url) {
        await switchTo(handle);
        // A redirect to a page that does not load (a mirror behind the test proxy) still leaves a URL to check.
        await m.send('WebDriver:Navigate', { url }).catch(() => undefined);
      },
      async url() {
        await switchTo(handle);
        return (await m.send<{ value: string }>('WebDriver:GetCurrentURL')).value;
      },
      async fill(label, value) {
        const id = await find(handle, FIND_BY_LABEL, label, `a field labelled "${label}"`);
        await m.send('WebDriver:ElementClear', { id });
        await m.send('WebDriver:ElementSendKeys', { id, text: value });
      },
      async click(name) {
        const id = await find(handle, FIND_BY_NAME, name, `a button or link named "${name}"`);
        await m.send('WebDriver:ElementClick', { id });
      },
      async clickText(text) {
        const id = await find(handle, FIND_BY_TEXT, text, `an element reading "${text}"`);
        await m.send('WebDriver:ElementClick', { id });
      },
      async evaluate<T>(expression: string) {
        await switchTo(handle);
        const { value } = await m.send<{ value: T }>('WebDriver:ExecuteAsyncScript', {
          script: `const done = arguments[arguments.length - 1]; Promise.resolve(${expression}).then((v) => done(v), (e) => done({ error: String(e) }));`,
          args: [],
        });
        return value;
      },
      async waitFor(expression, timeoutMs = 15_000) {
        await poll(async () => Boolean(await this.evaluate(expression)), timeoutMs, expression);
      },
      async close() {
        await switchTo(handle);
        await m.send('WebDriver:CloseWindow');
        current = null;
      },
    };
  }

  async function handles(): Promise<string[]> {
    return m.send<string[]>('WebDriver:GetWindowHandles');
  }
  const handlesSeen = new Set<string>();

  return {
    kind: 'firefox',
    extensionOrigin: ff.extensionOrigin,
    async openPage(path) {
      return this.newTab(`${ff.extensionOrigin}/${path.replace(/^\//, '')}`);
    },
    async newTab(url) {
      const { handle } = await m.send<{ handle: string }>('WebDriver:NewWindow', { type: 'tab', focus: true });
      handlesSeen.add(handle);
      const t = tab(handle);
      if (url) await t.goto(url);
      return t;
    },
    async tabUrls() {
      const urls: string[] = [];
      for (const h of await handles()) urls.push(await tab(h).url());
      return urls;
    },
    async waitForTab(match, timeoutMs = 15_000) {
      let found: string | undefined;
      await poll(
        async () => {
          for (const h of await handles()) {
            if (handlesSeen.has(h)) continue;
            if (match.test(await tab(h).url())) found = h;
          }
          return found !== undefined;
        },
        timeoutMs,
        `a tab on ${match}`,
      );
      handlesSeen.add(found!);
      return tab(found!);
    },
    async suspendBackground() {
      await m.send('Marionette:SetContext', { value: 'chrome' });
      try {
        const { value } = await m.send<{ value: unknown }>('WebDriver:ExecuteAsyncScript', {
          script: `const done = arguments[arguments.length - 1];
            const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
            ExtensionParent.GlobalManager.getExtension(${JSON.stringify(GECKO_ID)}).terminateBackground().then(() => done(true), (e) => done(String(e)));`,
          args: [],
        });
        if (value !== true) throw new Error(`Firefox did not stop Sortie's background: ${String(value)}`);
      } finally {
        await m.send('Marionette:SetContext', { value: 'content' });
        current = null;
      }
    },
  };
}

/** Firefox's own record of what the user granted: what accepting its prompt writes. */
async function grantInFirefox(m: Marionette, origins: string[]): Promise<void> {
  await m.send('Marionette:SetContext', { value: 'chrome' });
  try {
    await m.send('WebDriver:ExecuteAsyncScript', {
      script: `const [origins, done] = arguments;
        const { ExtensionPermissions } = ChromeUtils.importESModule('resource://gre/modules/ExtensionPermissions.sys.mjs');
        const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
        const extension = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(GECKO_ID)});
        ExtensionPermissions.add(${JSON.stringify(GECKO_ID)}, { permissions: [], origins }, extension).then(() => done(true), (e) => done(String(e)));`,
      args: [origins],
    });
  } finally {
    await m.send('Marionette:SetContext', { value: 'content' });
  }
}

// ---- The fixture --------------------------------------------------------------------

export const test = serversTest.extend<{ journey: JourneyBrowser; grantAllSites: boolean }>({
  /**
   * "All sites" granted, as if the user had accepted the browser's prompt (which no
   * test can click): Chromium runs a copy of the build that lists the origin
   * (buildWithAllSitesGranted); Firefox grants it through its own permission store.
   */
  grantAllSites: [false, { option: true }],
  journey: async ({ profileDir, recordingProxy, allowHosts, grantAllSites }, use, testInfo) => {
    if (testInfo.project.name === 'firefox') {
      const ff = await launchFirefox(profileDir, recordingProxy.port);
      try {
        const journey = firefoxJourney(ff);
        await installed(journey);
        if (grantAllSites) await grantInFirefox(ff.marionette, ['*://*/*']);
        await use(journey);
      } finally {
        await ff.close();
      }
      return;
    }
    const sortie = grantAllSites
      ? await launchSortie(profileDir, recordingProxy.port, await buildWithAllSitesGranted())
      : await launchSortie(profileDir, recordingProxy.port);
    allowHosts(`${sortie.extensionId}.chromiumapp.org`);
    try {
      const journey = chromiumJourney(sortie.context, sortie.extensionId);
      await installed(journey);
      await use(journey);
    } finally {
      await sortie.context.close().catch(() => undefined);
    }
  },
});

export { expect };
