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
import type { BrowserContext, Frame, Locator, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BROWSER_HOUSEKEEPING_HOSTS, launchSortie } from './fixtures.ts';
import { evaluateInContentScript } from './isolated-world.ts';
import { buildWithAllSitesGranted } from './links.ts';
import { GECKO_ID, launchFirefox, type SortieFirefox } from './firefox.ts';
import { MarionetteError, type Marionette } from './marionette.ts';
import { clickInOverlay, composeFrame, focusInOverlay, inOverlay } from './overlay-ui.ts';
import type { RecordingProxy, TlsFixtureHandler } from './proxy.ts';
import { expect, test as serversTest } from './servers.ts';

export type BrowserKind = 'chromium' | 'firefox';

/** The keys a journey presses, in Playwright's names. */
export type Key =
  | 'End'
  | 'Home'
  | 'Control+Home'
  | 'Control+End'
  | 'Control+Enter'
  | 'Tab'
  | 'Shift+Tab'
  | 'Enter'
  | 'Escape'
  | 'ArrowDown';

/** The same keys as WebDriver's code points (Firefox): a modifier stays down until the keys sent are done. */
const WEBDRIVER_KEYS: Record<Key, string> = {
  End: '\uE010',
  Home: '\uE011',
  'Control+Home': '\uE009\uE011',
  'Control+End': '\uE009\uE010',
  'Control+Enter': '\uE009\uE007',
  Tab: '\uE004',
  'Shift+Tab': '\uE008\uE004',
  Escape: '\uE00C',
  // WebDriver's Return, the main keyboard's Enter: its "Enter" (\uE007) is the keypad's, which pressed
  // a focused button in Firefox only 7 times in 10.
  Enter: '\uE006',
  ArrowDown: '\uE015',
};

/** WebDriver's Shift, Control and Alt: held down until the keys sent with them are done. */
const MODIFIER_KEYS: ReadonlySet<string> = new Set(['\uE008', '\uE009', '\uE00A']);

/**
 * One tab, as a user sees it: fields and buttons found by their accessible
 * names, inside the page's open modal dialog (aria-modal) when it shows one,
 * as assistive technology offers only the dialog then.
 */
export interface Tab {
  goto(url: string): Promise<void>;
  url(): Promise<string>;
  /** Types into the field with this label (aria-label or <label>). */
  fill(label: string, value: string): Promise<void>;
  /** Chooses the option with this value in the list with this label, as a click on it would. */
  select(label: string, value: string): Promise<void>;
  /** Ticks (or, with `false`, unticks) the checkbox with this label: a click on it, unless it is so already. */
  check(label: string, ticked?: boolean): Promise<void>;
  /** Clicks the button or link with this accessible name (a pattern: one whose name matches it). */
  click(name: string | RegExp): Promise<void>;
  /** Clicks the first element whose whole text is this (a <summary>, say). */
  clickText(text: string): Promise<void>;
  /** Clicks into the field with this label and types, key by key (trusted events, as a user's). */
  typeInto(label: string, text: string): Promise<void>;
  /** Presses a key (with Control held, for `Control+…`) in the field with this label, which keeps its caret. */
  press(label: string, key: Key): Promise<void>;
  /** Presses a key (with Control held, for `Control+…`) wherever the focus is, as a keyboard user does. */
  keyboard(key: Key): Promise<void>;
  /** Types this text, key by key, wherever the focus is. */
  type(text: string): Promise<void>;
  /** Renders this page (in Firefox, every page) as with the system in dark or light mode (not for a framed page). */
  colorScheme(scheme: 'light' | 'dark'): Promise<void>;
  /** Makes this page's viewport `width` × `height` CSS pixels, as the toolbar's popup window is (not for a framed page). */
  resize(width: number, height: number): Promise<void>;
  /**
   * What has the focus, as a keyboard user hears it: its aria-label, its label's text and
   * (but for a field) its own text; '' while the page itself has it.
   */
  focused(): Promise<string>;
  /**
   * The element matching `selector` in Sortie's x.com overlay (a closed shadow
   * root only the extension and the browser's own code can enter), if it is
   * there and laid out.
   */
  inOverlay(selector: string): Promise<OverlayElement | null>;
  /** Clicks the middle of that element with the real mouse. */
  clickInOverlay(selector: string): Promise<void>;
  /** Moves the focus to that element, as Tab would, for the keys pressed next. */
  focusInOverlay(selector: string): Promise<void>;
  /** The compose page the overlay frames, as a tab of its own (close() is not for it). */
  overlayFrame(): Promise<Tab>;
  /**
   * The page in the <iframe> matching `selector` in this page, as a tab of its own
   * (close() is not for it): what a framed page shows, whoever framed it.
   */
  frame(selector: string): Promise<Tab>;
  /**
   * Right-clicks the middle of the element matching `selector` with the real
   * mouse and chooses `item` in the browser's own context menu. Returns the
   * menu's visible labels (the menu is closed if `item` is not among them).
   * Firefox only: Chromium's headless context menu is not drawn, and nothing
   * can click it.
   */
  contextMenu(selector: string, item: string): Promise<string[]>;
  /** Picks these files (real paths) in the file field with this label, as the file chooser would. */
  upload(label: string, paths: string | readonly string[]): Promise<void>;
  /** Runs a JavaScript expression in the page and returns its (JSON) value. */
  evaluate<T>(expression: string): Promise<T>;
  /**
   * Runs a JavaScript expression as Sortie's content script on this page (in its
   * world, with its `chrome`/`browser`), as a page that steers the content script
   * could make it do, and returns its (JSON) value.
   */
  asContentScript<T>(expression: string): Promise<T>;
  /** Waits until the expression is truthy in the page. */
  waitFor(expression: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** A file the browser saved from a download. */
export interface Downloaded {
  name: string;
  text: string;
}

export interface OverlayElement {
  x: number;
  y: number;
  width: number;
  height: number;
  text: string;
  /** The text of what labels it (aria-labelledby), for the dialog. */
  label: string | null;
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
  /**
   * Serves `https://host/…` from a handler, as if the site were there (X's page,
   * say): Chromium through Playwright's routing, Firefox through the recording
   * proxy, which ends the tunnel with a self-signed certificate the profile is
   * told to accept. The requests are recorded: the test still has to allow the host.
   * Other origins read the answers only if the handler's headers allow them (CORS),
   * in both browsers.
   */
  serveHttps(host: string, handler: TlsFixtureHandler): Promise<void>;
  /** Every download finished so far (Chromium: Playwright's download events; Firefox: its download folder). */
  downloads(): Promise<Downloaded[]>;
  /**
   * The uncaught exceptions and rejections of Sortie's own pages so far, in
   * this browser session (Chromium: Playwright's page errors; Firefox: its
   * console service, which holds them for every process). The fixture fails
   * a journey that passed with any of them, restarts included. Not console
   * errors: the browser writes its own there (a fetch CORS refused, say).
   */
  pageErrors(): Promise<string[]>;
  /**
   * Closes the browser and starts it again on the same profile, as a user
   * quitting and coming back; returns the browser to go on with (tabs from
   * before are gone, and so are Chromium's routes of serveHttps). Needs the
   * `restartable` option in Firefox, where only an add-on installed for good
   * outlives the browser.
   */
  restart(): Promise<JourneyBrowser>;
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

/** A page; Sortie's overlay on it is reached from the content script's world (overlay-ui.ts). */
function playwrightTab(page: Page, extensionId: string): Tab {
  return {
    ...playwrightFrameTab(page),
    async goto(url) {
      await page.goto(url).catch(() => undefined); // a redirected or failed load still leaves a URL to check
    },
    url: async () => page.url(),
    async typeInto(label, text) {
      await (await actionable(page)).getByLabel(label).first().click();
      await page.keyboard.type(text);
    },
    resize: (width, height) => page.setViewportSize({ width, height }),
    colorScheme: (scheme) => page.emulateMedia({ colorScheme: scheme }),
    asContentScript: (expression) => evaluateInContentScript(page, extensionId, expression),
    inOverlay: (selector) => inOverlay(page, extensionId, selector),
    clickInOverlay: (selector) => clickInOverlay(page, extensionId, selector),
    focusInOverlay: (selector) => focusInOverlay(page, extensionId, selector),
    overlayFrame: async () => playwrightFrameTab(await composeFrame(page)),
    close: () => page.close(),
  };
}

/** Fields a person types in (fill's targets). */
const TYPED_FIELDS = 'input:not([type="checkbox"]):not([type="radio"]):not([type="file"]), textarea, [contenteditable]';

/** What has the focus, as a keyboard user hears it (Tab.focused). */
const FOCUSED_NAME = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return '';
  const label = el.labels?.[0]?.textContent ?? '';
  return (\`\${el.getAttribute('aria-label') ?? ''} \${label} \${el.tagName === 'INPUT' ? '' : (el.textContent ?? '')}\`).replace(/\\s+/g, ' ').trim();
})()`;

/** The part of the page a user can act in: its open modal dialog when it shows one (the last opened), else all of it. */
async function actionable(frame: Page | Frame): Promise<Page | Frame | Locator> {
  const modal = frame.locator('[aria-modal="true"]');
  return (await modal.count()) > 0 ? modal.last() : frame;
}

function playwrightFrameTab(frame: Page | Frame): Tab {
  const none = (): Promise<never> => Promise.reject(new Error('not in a framed page'));
  const labelled = async (label: string) => (await actionable(frame)).getByLabel(label).first();
  return {
    goto: async (url) => void (await frame.goto(url).catch(() => undefined)),
    url: async () => frame.url(),
    // A field one types in: "Text for Bluesky" is not the "Write a different text for Bluesky" checkbox.
    fill: async (label, value) =>
      (await actionable(frame)).getByLabel(label).and(frame.locator(TYPED_FIELDS)).first().fill(value),
    select: async (label, value) =>
      void (await (await actionable(frame)).getByLabel(label, { exact: true }).first().selectOption(value)),
    check: async (label, ticked = true) => (await labelled(label)).setChecked(ticked),
    click: async (name) => {
      const scope = await actionable(frame);
      await scope
        .getByRole('button', { name, exact: true })
        .or(scope.getByRole('link', { name, exact: true }))
        .first()
        .click();
    },
    clickText: (text) => frame.getByText(text, { exact: true }).first().click(),
    typeInto: async (label, text) => (await labelled(label)).pressSequentially(text),
    press: async (label, key) => (await labelled(label)).press(key),
    resize: none,
    colorScheme: none,
    keyboard: (key) => ('keyboard' in frame ? frame : frame.page()).keyboard.press(key),
    type: (text) => ('keyboard' in frame ? frame : frame.page()).keyboard.type(text),
    focused: () => frame.evaluate<string>(FOCUSED_NAME),
    upload: (label, paths) =>
      frame
        .getByLabel(label)
        .first()
        .setInputFiles(typeof paths === 'string' ? paths : [...paths]),
    evaluate: <T>(expression: string) => frame.evaluate(expression) as Promise<T>,
    waitFor: (expression, timeoutMs = 15_000) =>
      poll(async () => Boolean(await frame.evaluate(expression)), timeoutMs, expression),
    asContentScript: none,
    inOverlay: none,
    clickInOverlay: none,
    focusInOverlay: none,
    overlayFrame: none,
    async frame(selector) {
      const inner = await (await frame.locator(selector).first().elementHandle())?.contentFrame();
      if (!inner) throw new Error(`no frame matches ${selector}`);
      return playwrightFrameTab(inner);
    },
    contextMenu: () =>
      Promise.reject(new Error("Chromium's context menu cannot be opened by automation (tag the test @firefox-only)")),
    close: none,
  };
}

function chromiumJourney(
  context: BrowserContext,
  extensionId: string,
  restart: () => Promise<JourneyBrowser>,
  /** The hosts serveHttps stands in for (routed, so the proxy only sees Chromium's bare pre-connections). */
  standIns: Set<string>,
): JourneyBrowser {
  const origin = `chrome-extension://${extensionId}`;
  const tabsSeen = new Set(context.pages());
  const downloads: Promise<Downloaded>[] = [];
  const pageErrors: string[] = [];
  const ours = (page: Page): boolean => page.url().startsWith(`chrome-extension://${extensionId}/`);
  const listen = (page: Page): void => {
    page.on('download', (download) => {
      downloads.push(
        download
          .path()
          .then(async (path) => ({ name: download.suggestedFilename(), text: await readFile(path, 'utf8') })),
      );
    });
    page.on('pageerror', (error) => void (ours(page) && pageErrors.push(error.message)));
  };
  context.pages().forEach(listen);
  context.on('page', listen);
  return {
    kind: 'chromium',
    restart,
    extensionOrigin: origin,
    async openPage(path) {
      const page = await context.newPage();
      await page.goto(`${origin}/${path.replace(/^\//, '')}`);
      return playwrightTab(page, extensionId);
    },
    async newTab(url) {
      const page = await context.newPage();
      const tab = playwrightTab(page, extensionId);
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
      return playwrightTab(found!, extensionId);
    },
    async suspendBackground() {
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
    },
    downloads: () => Promise.all(downloads),
    pageErrors: async () => [...pageErrors],
    async serveHttps(host, handler) {
      standIns.add(host);
      await context.route(
        (url) => url.hostname === host && url.protocol === 'https:',
        async (route) => {
          const request = route.request();
          const answer = handler({
            method: request.method(),
            path: new URL(request.url()).pathname,
            // All of them, cookies included (headers() leaves those out).
            headers: await request.allHeaders(),
            body: request.postData() ?? '',
          });
          if (answer === null) return route.abort('connectionreset');
          // Playwright gives a fulfilled answer to a cross-origin request the CORS headers
          // it lacks (access for whoever asked); the site and Firefox's proxy give none. An
          // answer that names no origin allowed names its own, which lets no other origin read it.
          const headers = { ...answer.headers };
          if (!Object.keys(headers).some((name) => name.toLowerCase() === 'access-control-allow-origin'))
            headers['access-control-allow-origin'] = `https://${host}`;
          await route.fulfill({ status: answer.status, contentType: answer.type, body: answer.body, headers });
        },
      );
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
  const scope = [...document.querySelectorAll('[aria-modal="true"]')].pop() ?? document;
  for (const el of scope.querySelectorAll(fields)) {
    const aria = norm(el.getAttribute('aria-label'));
    const byId = (el.getAttribute('aria-labelledby') || '').split(' ').map((id) => document.getElementById(id)?.textContent).join(' ');
    const labels = [...(el.labels || [])].map((l) => norm(l.textContent));
    if (aria.includes(name) || norm(byId).includes(name) || labels.some((l) => l.includes(name))) return el;
  }
  return null;`;

const FIND_BY_NAME = `
  const [wanted] = arguments;
  const { exact, source, flags } = JSON.parse(wanted);
  const named = exact === undefined ? (label) => new RegExp(source, flags).test(label) : (label) => label === exact;
  const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  const scope = [...document.querySelectorAll('[aria-modal="true"]')].pop() ?? document;
  for (const el of scope.querySelectorAll('button, [role="button"], a[href], input[type="submit"], input[type="button"]')) {
    const label = norm(el.getAttribute('aria-label')) || norm(el.textContent) || norm(el.value);
    if (named(label) && !el.disabled) return el;
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
/** The key WebDriver names an element by, in a script's arguments. */
const WEB_ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/**
 * Sortie's overlay, read from a script with the browser's own privileges (Marionette's
 * system sandbox), the only code besides the extension that enters a closed shadow root.
 */
const OVERLAY_ELEMENT = `
  const [selector] = arguments;
  const host = document.querySelector('sortie-overlay');
  const root = host && host.openOrClosedShadowRoot;
  const el = root && root.querySelector(selector);
  if (!el) return null;
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.height === 0 || el.ownerDocument.defaultView.getComputedStyle(el).display === 'none') return null;
  const labelId = el.getAttribute('aria-labelledby');
  return { x: r.x, y: r.y, width: r.width, height: r.height, text: el.textContent, label: labelId ? root.getElementById(labelId)?.textContent ?? null : null };`;

/**
 * Runs an expression in Sortie's content-script sandbox on the page: Firefox's own
 * list of content-script globals (what its devtools use to show content scripts),
 * the one of this add-on and this window, entered from Marionette's system sandbox.
 */
const AS_CONTENT_SCRIPT = `
  const [expression, addonId] = arguments;
  const done = arguments[arguments.length - 1];
  const { ExtensionContent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionContent.sys.mjs');
  const innerWindowId = window.windowGlobalChild.innerWindowId;
  const sandbox = ExtensionContent.getAllContentScriptGlobals().find((g) => {
    const meta = Components.utils.getSandboxMetadata(g);
    return meta?.addonId === addonId && meta['inner-window-id'] === innerWindowId;
  });
  if (!sandbox) return done({ failed: 'no content script of the add-on on this page' });
  Components.utils
    .evalInSandbox('Promise.resolve(' + expression + ').then((v) => JSON.stringify(v ?? null))', sandbox)
    .then((json) => done({ json }), (e) => done({ failed: String(e) }));`;

const OVERLAY_FRAME = `
  const host = document.querySelector('sortie-overlay');
  const root = host && host.openOrClosedShadowRoot;
  return (root && root.querySelector('iframe[src*="/compose.html"]')) || null;`;

function firefoxJourney(
  ff: SortieFirefox,
  proxy: RecordingProxy,
  restart: () => Promise<JourneyBrowser>,
): JourneyBrowser {
  const m: Marionette = ff.marionette;
  /** Where Marionette's commands go now: a tab, or a frame in it. */
  let current: string | null = null;

  /**
   * A tab (`handle`); with `framed` the compose page Sortie's overlay frames in it, with
   * `frame` the page in the <iframe> matching that selector in it.
   */
  interface Where {
    handle: string;
    framed: boolean;
    frame?: string;
  }

  async function switchTo(where: Where): Promise<void> {
    const key = `${where.handle}${where.framed ? '#overlay' : ''}${where.frame ? `#${where.frame}` : ''}`;
    if (current === key) return;
    current = null;
    // Switching to a tab also leaves any frame in it: commands go to its top-level page.
    await m.send('WebDriver:SwitchToWindow', { handle: where.handle, focus: true });
    if (where.framed) {
      let frame: WebElement | null = null;
      await poll(
        async () => {
          frame = (
            await m.send<{ value: WebElement | null }>('WebDriver:ExecuteScript', {
              script: OVERLAY_FRAME,
              args: [],
              sandbox: 'system',
            })
          ).value;
          return frame !== null;
        },
        10_000,
        "the compose page in Sortie's overlay",
      );
      await m.send('WebDriver:SwitchToFrame', { element: elementId(frame!) });
    }
    if (where.frame) {
      const { value } = await m.send<{ value: WebElement }>('WebDriver:FindElement', {
        using: 'css selector',
        value: where.frame,
      });
      await m.send('WebDriver:SwitchToFrame', { element: elementId(value) });
    }
    current = key;
  }

  async function find(where: Where, script: string, arg: string, what: string): Promise<string> {
    let found: WebElement | null = null;
    await poll(
      async () => {
        await switchTo(where);
        const { value } = await m.send<{ value: WebElement | null }>('WebDriver:ExecuteScript', {
          script,
          args: [arg],
        });
        found = value;
        return value !== null;
      },
      10_000,
      what,
    );
    return elementId(found!);
  }

  async function inOverlayOf(handle: string, selector: string): Promise<OverlayElement | null> {
    await switchTo({ handle, framed: false });
    return (
      await m.send<{ value: OverlayElement | null }>('WebDriver:ExecuteScript', {
        script: OVERLAY_ELEMENT,
        args: [selector],
        sandbox: 'system',
      })
    ).value;
  }

  function tab(handle: string, framed = false, frame?: string): Tab {
    const where: Where = { handle, framed, frame };
    const inFrame = framed || frame !== undefined;
    const none = (): Promise<never> => Promise.reject(new Error('not in a framed page'));
    return {
      async goto(url) {
        await switchTo(where);
        // A redirect to a page that does not load (a mirror behind the test proxy) still leaves a URL to check.
        await m.send('WebDriver:Navigate', { url }).catch(() => undefined);
      },
      async url() {
        await switchTo(where);
        if (inFrame) return this.evaluate<string>('location.href');
        return (await m.send<{ value: string }>('WebDriver:GetCurrentURL')).value;
      },
      async fill(label, value) {
        const id = await find(where, FIND_BY_LABEL, label, `a field labelled "${label}"`);
        // Keys sent to a date or time field go segment by segment in the locale's order (month first
        // in en-US), where a person would use its picker: such a field gets its value set, with the
        // input and change events a pick fires (WebDriver's rule for fields that are not typed in).
        const { value: picked } = await m.send<{ value: boolean }>('WebDriver:ExecuteScript', {
          script: `const [el, value] = arguments;
            if (!/^(date|time|datetime-local|month|week)$/.test(el.type)) return false;
            el.value = value;
            el.dispatchEvent(new Event('input', { bubbles: true }));
            el.dispatchEvent(new Event('change', { bubbles: true }));
            return true;`,
          args: [{ [WEB_ELEMENT]: id }, value],
        });
        if (picked) return;
        // Marionette's Element Clear empties the field with a change event only, not the input
        // event a person's deleting fires and a page's state follows: a page rendering again before
        // the first key put its old text back, and the keys went after it. So the input event too.
        await m.send('WebDriver:ElementClear', { id });
        await m.send('WebDriver:ExecuteScript', {
          script: `arguments[0].dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'deleteContent' }));`,
          args: [{ [WEB_ELEMENT]: id }],
        });
        await m.send('WebDriver:ElementSendKeys', { id, text: value });
      },
      async check(label, ticked = true) {
        const id = await find(where, FIND_BY_LABEL, label, `a checkbox labelled "${label}"`);
        const { value: now } = await m.send<{ value: boolean }>('WebDriver:IsElementSelected', { id });
        if (now !== ticked) await m.send('WebDriver:ElementClick', { id });
      },
      async select(label, value) {
        const list = await find(where, FIND_BY_LABEL, label, `a list labelled "${label}"`);
        // WebDriver chooses an option by clicking it (the list fires input and change, as for a user).
        const { value: option } = await m.send<{ value: WebElement }>('WebDriver:FindElement', {
          element: list,
          using: 'css selector',
          value: `option[value="${value}"]`,
        });
        await m.send('WebDriver:ElementClick', { id: elementId(option) });
      },
      async click(name) {
        const wanted = typeof name === 'string' ? { exact: name } : { source: name.source, flags: name.flags };
        const id = await find(where, FIND_BY_NAME, JSON.stringify(wanted), `a button or link named "${name}"`);
        await m.send('WebDriver:ElementClick', { id });
      },
      async clickText(text) {
        const id = await find(where, FIND_BY_TEXT, text, `an element reading "${text}"`);
        await m.send('WebDriver:ElementClick', { id });
      },
      async typeInto(label, text) {
        const id = await find(where, FIND_BY_LABEL, label, `a field labelled "${label}"`);
        await m.send('WebDriver:ElementClick', { id });
        await m.send('WebDriver:ElementSendKeys', { id, text });
      },
      keyboard(key) {
        return this.type(WEBDRIVER_KEYS[key]);
      },
      async type(text) {
        await switchTo(where);
        // Keys go to the window the person looks at. A tab opened since (Sortie's own welcome tab,
        // opened on install) may have taken the focus, and Firefox presses no button on Enter in a
        // document without it.
        const { value: focused } = await m.send<{ value: boolean }>('WebDriver:ExecuteScript', {
          script: 'return document.hasFocus()',
          args: [],
        });
        if (!focused) {
          current = null;
          await switchTo(where);
        }
        // Keys sent to what has the focus (the page itself at first). Not WebDriver's key actions:
        // in Firefox ESR 153 their Enter reaches a focused button as a keydown that never presses it.
        const { value: active } = await m.send<{ value: WebElement }>('WebDriver:ExecuteScript', {
          script: 'return document.activeElement ?? document.body',
          args: [],
        });
        try {
          await m.send('WebDriver:ElementSendKeys', { id: elementId(active), text });
        } catch (error) {
          // The focus inside a shadow root (Sortie's overlay on x.com): the page's active element is
          // the host, which Element Send Keys refuses. Key actions go to whatever has the focus.
          if (!(error instanceof MarionetteError && error.error === 'element not interactable')) throw error;
          const keys = [...text];
          const held = keys.filter((key) => MODIFIER_KEYS.has(key));
          const pressed = keys.filter((key) => !MODIFIER_KEYS.has(key));
          const actions = [
            ...held.map((value) => ({ type: 'keyDown', value })),
            ...pressed.flatMap((value) => [
              { type: 'keyDown', value },
              { type: 'keyUp', value },
            ]),
            ...held.map((value) => ({ type: 'keyUp', value })),
          ];
          await m.send('WebDriver:PerformActions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
          await m.send('WebDriver:ReleaseActions');
        }
      },
      focused() {
        return this.evaluate<string>(FOCUSED_NAME);
      },
      async resize(width, height) {
        if (inFrame) return none();
        await switchTo(where);
        // A window has a minimum width above a popup's: the tab's own <browser> is sized instead,
        // as Firefox sizes the one in its popup panel.
        await inChrome(
          m,
          `const [w, h] = arguments; const b = Services.wm.getMostRecentWindow('navigator:browser').gBrowser.selectedBrowser;
          b.style.maxWidth = w + 'px'; b.style.maxHeight = h + 'px'; done(true);`,
          [width, height],
        );
        await this.waitFor(`window.innerWidth === ${width}`);
      },
      async colorScheme(scheme) {
        if (inFrame) return none();
        // What the "Website appearance" setting writes: 0 dark, 1 light, for every page.
        await inChrome(
          m,
          `Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', arguments[0]); done(true);`,
          [scheme === 'dark' ? 0 : 1],
        );
        await this.waitFor(`matchMedia('(prefers-color-scheme: ${scheme})').matches`);
      },
      async press(label, key) {
        // Keys sent to the focused field leave its caret where it is (WebDriver moves it to the end only on focusing).
        const id = await find(where, FIND_BY_LABEL, label, `a field labelled "${label}"`);
        await m.send('WebDriver:ElementSendKeys', { id, text: WEBDRIVER_KEYS[key] });
      },
      async upload(label, paths) {
        // Keys sent to a file field name the files, one path a line, as the chooser would pick them.
        const id = await find(where, FIND_BY_LABEL, label, `a file field labelled "${label}"`);
        await m.send('WebDriver:ElementSendKeys', { id, text: typeof paths === 'string' ? paths : paths.join('\n') });
      },
      async evaluate<T>(expression: string) {
        await switchTo(where);
        const { value } = await m.send<{ value: T }>('WebDriver:ExecuteAsyncScript', {
          script: `const done = arguments[arguments.length - 1]; Promise.resolve(${expression}).then((v) => done(v), (e) => done({ error: String(e) }));`,
          args: [],
        });
        return value;
      },
      async waitFor(expression, timeoutMs = 15_000) {
        await poll(async () => Boolean(await this.evaluate(expression)), timeoutMs, expression);
      },
      asContentScript: inFrame
        ? none
        : async <T>(expression: string) => {
            await switchTo(where);
            const { value } = await m.send<{ value: { json?: string; failed?: string } }>(
              'WebDriver:ExecuteAsyncScript',
              { script: AS_CONTENT_SCRIPT, args: [expression, GECKO_ID], sandbox: 'system' },
            );
            if (value.json === undefined) throw new Error(`as Sortie's content script: ${value.failed}`);
            return JSON.parse(value.json) as T;
          },
      inOverlay: inFrame ? none : (selector) => inOverlayOf(handle, selector),
      clickInOverlay: inFrame
        ? none
        : async (selector) => {
            let found: OverlayElement | null = null;
            await poll(
              async () => (found = await inOverlayOf(handle, selector)) !== null,
              10_000,
              `${selector} in Sortie's overlay`,
            );
            const box = found as unknown as OverlayElement;
            // Real pointer events at the element's place on screen, as the user's mouse makes them.
            const [x, y] = [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)];
            await m.send('WebDriver:PerformActions', {
              actions: [
                {
                  type: 'pointer',
                  id: 'mouse',
                  parameters: { pointerType: 'mouse' },
                  actions: [
                    { type: 'pointerMove', x, y, origin: 'viewport' },
                    { type: 'pointerDown', button: 0 },
                    { type: 'pointerUp', button: 0 },
                  ],
                },
              ],
            });
            await m.send('WebDriver:ReleaseActions');
          },
      focusInOverlay: inFrame
        ? none
        : async (selector) => {
            await switchTo(where);
            await m.send('WebDriver:ExecuteScript', {
              script: `document.querySelector('sortie-overlay').openOrClosedShadowRoot.querySelector(arguments[0]).focus();`,
              args: [selector],
              sandbox: 'system',
            });
          },
      overlayFrame: inFrame ? none : async () => tab(handle, true),
      frame: inFrame ? none : async (selector) => tab(handle, false, selector),
      contextMenu: inFrame
        ? none
        : async (selector, item) => {
            await switchTo(where);
            const { value: box } = await m.send<{ value: { x: number; y: number } | null }>('WebDriver:ExecuteScript', {
              script: `const r = document.querySelector(arguments[0])?.getBoundingClientRect(); return r ? { x: Math.round(r.x + r.width / 2), y: Math.round(r.y + r.height / 2) } : null;`,
              args: [selector],
            });
            if (box === null) throw new Error(`nothing matches ${selector}`);
            await m.send('WebDriver:PerformActions', {
              actions: [
                {
                  type: 'pointer',
                  id: 'mouse',
                  parameters: { pointerType: 'mouse' },
                  actions: [
                    { type: 'pointerMove', x: box.x, y: box.y, origin: 'viewport' },
                    { type: 'pointerDown', button: 2 },
                    { type: 'pointerUp', button: 2 },
                  ],
                },
              ],
            });
            await m.send('WebDriver:ReleaseActions');
            // Firefox's own menu, in its own window: what the user sees and clicks.
            let labels: string[] = [];
            await poll(
              async () => {
                const found = await inChrome<string[] | null>(
                  m,
                  `const menu = document.getElementById('contentAreaContextMenu');
                  done(menu.state === 'open' ? [...menu.querySelectorAll(':scope > menuitem')].filter((i) => !i.hidden).map((i) => i.getAttribute('label')) : null);`,
                );
                labels = found ?? [];
                return found !== null && found.length > 0;
              },
              10_000,
              'the context menu',
            );
            await inChrome(
              m,
              `const [label] = arguments; const menu = document.getElementById('contentAreaContextMenu');
              const choice = [...menu.querySelectorAll(':scope > menuitem')].find((i) => !i.hidden && i.getAttribute('label') === label);
              if (choice) menu.activateItem(choice); else menu.hidePopup();
              done(true);`,
              [item],
            );
            current = null;
            return labels;
          },
      async close() {
        if (inFrame) return none();
        await switchTo(where);
        const left = await m.send<{ value?: string[] } | string[]>('WebDriver:CloseWindow');
        current = null;
        // Commands would otherwise go to the closed tab: on to one still open.
        const open = Array.isArray(left) ? left : (left.value ?? []);
        if (open.length > 0) await m.send('WebDriver:SwitchToWindow', { handle: open[0], focus: true });
      },
    };
  }

  async function handles(): Promise<string[]> {
    return m.send<string[]>('WebDriver:GetWindowHandles');
  }
  const handlesSeen = new Set<string>();
  let certificatesAccepted = false;

  return {
    kind: 'firefox',
    restart,
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
    pageErrors() {
      return inChrome<string[]>(
        m,
        `const [origin] = arguments;
        const errors = Services.console.getMessageArray() ?? [];
        done(errors
          .filter((e) => e instanceof Ci.nsIScriptError && (e.sourceName ?? '').startsWith(origin + '/'))
          .filter((e) => !(e.flags & (Ci.nsIScriptError.warningFlag | Ci.nsIScriptError.infoFlag)))
          // Firefox's own notes (its extension framework's) that an extension API answer reached a
          // page no longer there to take it: gone (navigated, closed, the engine frame closing
          // itself), or kept inactive in the back-forward cache. No code of the page is left to see it.
          .filter((e) => !/^Promise (resolved|rejected) (after context unloaded|while context is inactive)/.test(e.errorMessage))
          .map((e) => e.errorMessage));`,
        [ff.extensionOrigin],
      );
    },
    async downloads() {
      // A download being written is `<name>.part` beside an empty `<name>` until it ends
      // (and the empty placeholder may come first): only whole files count.
      const names = await readdir(ff.downloadDir).catch(() => [] as string[]);
      const done = names.filter((n) => !n.endsWith('.part') && !names.includes(`${n}.part`));
      const files = await Promise.all(
        done.map(async (name) => ({ name, text: await readFile(join(ff.downloadDir, name), 'utf8') })),
      );
      return files.filter((f) => f.text.length > 0);
    },
    async serveHttps(host, handler) {
      if (!certificatesAccepted) {
        // The session's acceptInsecureCerts did not stop the certificate error in Firefox ESR 153;
        // the override service it stands for does (this test profile only).
        await inChrome(
          m,
          `Cc['@mozilla.org/security/certoverride;1'].getService(Ci.nsICertOverrideService).setDisableAllSecurityChecksAndLetAttackersInterceptMyData(true); done(true);`,
        );
        certificatesAccepted = true;
      }
      proxy.serveTls(host, handler);
    },
  };
}

/** Runs a script with the browser's privileges; it ends by calling `done(value)`. */
async function inChrome<T>(m: Marionette, body: string, args: unknown[] = []): Promise<T> {
  await m.send('Marionette:SetContext', { value: 'chrome' });
  try {
    const { value } = await m.send<{ value: T }>('WebDriver:ExecuteAsyncScript', {
      script: `const done = arguments[arguments.length - 1]; ${body}`,
      args,
    });
    return value;
  } finally {
    await m.send('Marionette:SetContext', { value: 'content' });
  }
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

/** The reviewed list of every host Sortie may contact (tests/privacy/allowed-hosts.json), with its reasons. */
const LISTED_HOSTS: ReadonlySet<string> = new Set(
  Object.keys(
    (JSON.parse(readFileSync(resolve('tests/privacy/allowed-hosts.json'), 'utf8')) as { hosts: Record<string, string> })
      .hosts,
  ),
);
/** The browser's own reserved address for sign-in redirects, which its identity API catches. */
const IDENTITY_REDIRECT = /\.(chromiumapp\.org|extensions\.allizom\.org)$/;

/**
 * The privacy contract beyond one test's allowances: every host the browser
 * reached during a journey is on the reviewed list, is a site the test itself
 * stands in for (served by the proxy), is the identity API's redirect, or is
 * Chromium's own housekeeping (which Sortie's bundle never names: bundle-hosts.spec.ts).
 */
function unlistedHosts(proxy: RecordingProxy, standIns: ReadonlySet<string> = new Set()): string[] {
  const hosts = new Set(proxy.log.map((r) => r.host));
  return [...hosts].filter(
    (h) =>
      !LISTED_HOSTS.has(h) &&
      !proxy.servedHosts().has(h) &&
      !standIns.has(h) &&
      !IDENTITY_REDIRECT.test(h) &&
      !BROWSER_HOUSEKEEPING_HOSTS.has(h),
  );
}

export const test = serversTest.extend<{
  journey: JourneyBrowser;
  grantAllSites: boolean;
  restartable: boolean;
}>({
  /**
   * "All sites" granted, as if the user had accepted the browser's prompt (which no
   * test can click): Chromium runs a copy of the build that lists the origin
   * (buildWithAllSitesGranted); Firefox grants it through its own permission store.
   */
  grantAllSites: [false, { option: true }],
  /** The journey may restart the browser: Firefox then installs the add-on for good, not as a temporary one. */
  restartable: [false, { option: true }],
  journey: async ({ profileDir, recordingProxy, allowHosts, grantAllSites, restartable }, use, testInfo) => {
    if (testInfo.project.name === 'firefox') {
      let ff = await launchFirefox(
        profileDir,
        recordingProxy.port,
        undefined,
        undefined,
        restartable ? 'permanent' : 'temporary',
      );
      /** What Sortie's pages reported in the browser sessions a restart ended. */
      const earlier: string[] = [];
      let current: JourneyBrowser | null = null;
      const restart = async (): Promise<JourneyBrowser> => {
        if (!restartable) throw new Error('restart() needs test.use({ restartable: true }) in Firefox');
        if (current !== null) earlier.push(...(await current.pageErrors()));
        await ff.close();
        ff = await launchFirefox(profileDir, recordingProxy.port, undefined, null);
        // As a user sees it: the window has finished starting and Sortie is running again. A tab
        // opened before the browser's delayed start was done sometimes never answered Marionette.
        await poll(
          () =>
            inChrome<boolean>(
              ff.marionette,
              `const w = Services.wm.getMostRecentWindow('navigator:browser');
              done(Boolean(w?.gBrowserInit?.delayedStartupFinished) && WebExtensionPolicy.getByID(arguments[0])?.active === true);`,
              [GECKO_ID],
            ),
          30_000,
          'Firefox started again, with Sortie running',
        );
        current = firefoxJourney(ff, recordingProxy, restart);
        return current;
      };
      let pageErrors: string[] | undefined;
      try {
        const journey = firefoxJourney(ff, recordingProxy, restart);
        current = journey;
        await installed(journey);
        if (grantAllSites) await grantInFirefox(ff.marionette, ['*://*/*']);
        await use(journey);
        pageErrors = [...earlier, ...(await current.pageErrors())];
      } finally {
        await ff.close();
      }
      if (testInfo.status === testInfo.expectedStatus) {
        expect(unlistedHosts(recordingProxy), 'hosts not in tests/privacy/allowed-hosts.json').toEqual([]);
        expect(pageErrors ?? [], "uncaught errors in Sortie's pages").toEqual([]);
      }
      return;
    }
    const build = grantAllSites ? await buildWithAllSitesGranted() : undefined;
    let sortie = await launchSortie(profileDir, recordingProxy.port, build);
    allowHosts(`${sortie.extensionId}.chromiumapp.org`);
    const standIns = new Set<string>();
    /** What Sortie's pages reported in the browser sessions a restart ended. */
    const earlier: string[] = [];
    let current: JourneyBrowser | null = null;
    const restart = async (): Promise<JourneyBrowser> => {
      if (current !== null) earlier.push(...(await current.pageErrors()));
      await sortie.context.close();
      sortie = await launchSortie(profileDir, recordingProxy.port, build);
      current = chromiumJourney(sortie.context, sortie.extensionId, restart, standIns);
      return current;
    };
    let pageErrors: string[] | undefined;
    try {
      const journey = chromiumJourney(sortie.context, sortie.extensionId, restart, standIns);
      current = journey;
      await installed(journey);
      await use(journey);
      pageErrors = [...earlier, ...(await current.pageErrors())];
    } finally {
      await sortie.context.close().catch(() => undefined);
    }
    if (testInfo.status === testInfo.expectedStatus) {
      expect(unlistedHosts(recordingProxy, standIns), 'hosts not in tests/privacy/allowed-hosts.json').toEqual([]);
      expect(pageErrors ?? [], "uncaught errors in Sortie's pages").toEqual([]);
    }
  },
});

export { expect };
