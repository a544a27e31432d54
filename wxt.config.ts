import { existsSync } from 'node:fs';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { REDIRECTED_FIXER_HOSTS } from './lib/links/dnr.ts';
import { BUILT_IN_MIRRORS } from './lib/links/mirrors.ts';

/** X's origins, where the overlay runs (entrypoints/x.content and lib/x/embed-protocol.ts's isXOrigin). */
const X_PAGES = ['x.com', 'www.x.com', 'mobile.x.com', 'twitter.com', 'www.twitter.com', 'mobile.twitter.com'].map(
  (h) => `https://${h}/*`,
);

// Debian's Chromium lives here; web-ext only guesses Google Chrome's paths.
const debianChromium = '/usr/bin/chromium';

export default defineConfig({
  // Icons and _locales live in assets/ and are copied as-is into the build.
  publicDir: 'assets',
  manifestVersion: 3,
  vite: ({ browser }) => ({
    plugins: [preact()],
    build: { sourcemap: false },
    // Chromium's `chrome` answers through callbacks, and a message listener there cannot answer
    // with a promise: the polyfill makes it Firefox's promise-based `browser`. In Firefox it would
    // hand back the browser's own `browser` untouched, so the Firefox build leaves it out and every
    // context (the event page first, which starts again and again) skips parsing it.
    ...(browser === 'firefox'
      ? {}
      : { resolve: { alias: { 'wxt/browser': '@wxt-dev/webextension-polyfill/browser' } } }),
  }),
  hooks: {
    // Firefox's event page is a document, built as a module (entrypoints/background.ts) so the
    // code only some events need stays in chunks it imports when they come. WXT builds a module
    // background together with the pages, whose chunks it would then share: a dozen files to load
    // at every start. Built on its own, it loads one file, and its chunks hold only its own code.
    'entrypoints:grouped': (_wxt, groups) => {
      for (const [i, group] of groups.entries()) {
        if (!Array.isArray(group)) continue;
        const background = group.find((entry) => entry.type === 'background');
        if (background === undefined) continue;
        groups[i] = group.filter((entry) => entry !== background);
        groups.push([background]);
        return;
      }
    },
  },
  webExt: {
    binaries: existsSync(debianChromium) ? { chrome: debianChromium } : {},
    chromiumArgs: [
      '--no-first-run',
      '--disable-background-networking',
      '--disable-sync',
      // Chromium refuses to start as root with its sandbox on (containers, CI boxes).
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: [
      'storage',
      'alarms',
      'declarativeNetRequest',
      'declarativeNetRequestWithHostAccess',
      'identity',
      'contextMenus',
      // Links: page scripts registered only for granted sites; failed mirror loads (errors only).
      'scripting',
      'webRequest',
      // Firefox: X links in granted sites' pages rewritten as the page's bytes arrive
      // (lib/links/background/document-stream.ts). Chromium has no stream filter.
      ...(browser === 'firefox' ? ['webRequestBlocking', 'webRequestFilterResponse'] : ['offscreen']),
    ],
    // X hosts are needed to redirect them; the built-in mirrors to check their health
    // (Nitter sends no CORS headers). Instance hosts and the user's own mirrors are
    // asked for one origin at a time, when the user adds them.
    host_permissions: [
      '*://x.com/*',
      '*://*.x.com/*',
      '*://twitter.com/*',
      '*://*.twitter.com/*',
      '*://t.co/*',
      // Images on X's CDN and embed fixers opened as pages go to the mirror: redirecting a
      // navigation needs host access to the URL it was going to (README, permissions).
      '*://pbs.twimg.com/*',
      ...REDIRECTED_FIXER_HOSTS.flatMap((host) => [`*://${host}/*`, `*://*.${host}/*`]),
      ...BUILT_IN_MIRRORS.map((m) => `${m.origin}/*`),
    ],
    optional_host_permissions: ['*://*/*'],
    // No page is web-accessible to every site: any site could fetch or frame it to learn
    // the user has Sortie. Share intents and X links when no mirror works are blocked by
    // the rules and the background opens the page in that tab itself (lib/links/dnr.ts,
    // lib/links/takeover.ts), which needs no web-accessible resource; the fallback page is
    // never framed.
    // The x.com overlay frames the compose page: accessible to X's origins only, and only
    // through the per-session dynamic URL runtime.getURL gives the content script, so no
    // page can probe a fixed URL to learn that Sortie is installed. Framed, the page still
    // needs a one-time secret from the background before it shows anything
    // (components/composer/embed.ts).
    web_accessible_resources: [{ resources: ['compose.html'], matches: X_PAGES, use_dynamic_url: true }],
    action: { default_title: '__MSG_actionTitle__' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'sortie@sortie.example',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
          // Firefox's own default for Manifest V3 pages adds upgrade-insecure-requests (pref
          // extensions.webextensions.default-content-security-policy.v3): every http:// request
          // of Sortie's pages went out as https://, so a self-hosted mirror on the user's network
          // answered nothing and an http:// link got no card. This is that default without it,
          // which is Chromium's behaviour; Firefox's base policy still applies on top. Mastodon
          // servers and Bluesky hosting providers are https:// whatever is typed, this machine aside
          // (lib/networks/shared/loopback.ts).
          content_security_policy: { extension_pages: "script-src 'self';" },
        }
      : {}),
  }),
});
