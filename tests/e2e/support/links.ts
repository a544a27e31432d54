/**
 * Helpers for the links end-to-end tests: mirrors and X served through
 * Playwright routes (every request recorded), settings changed through the
 * extension's own messages, and a copy of the build where the user already
 * granted "all sites".
 */
import type { Page, Route } from '@playwright/test';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILT_IN_MIRRORS } from '../../../lib/links/mirrors.ts';
import type { SettingsPatch } from '../../../lib/settings.ts';
import { CHROME_BUILD } from './paths.ts';
import type { JourneyBrowser } from './journey.ts';
import type { RecordingProxy } from './proxy.ts';

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

/** Every host X serves pages, short links, embeds and media from. */
export const X_HOSTS = [
  'x.com',
  'www.x.com',
  'mobile.x.com',
  'twitter.com',
  'www.twitter.com',
  'mobile.twitter.com',
  'm.twitter.com',
  't.co',
  'platform.twitter.com',
  'platform.x.com',
  'syndication.twitter.com',
  'pbs.twimg.com',
  'abs.twimg.com',
] as const;

export const MIRROR_HOSTS = BUILT_IN_MIRRORS.map((m) => new URL(m.origin).hostname);

/** A Nitter page with a timeline: what a working mirror serves (and what health checks look for). */
export function mirrorHtml(host: string, path: string): string {
  return `<!doctype html><html><head><title>${host} mirror</title></head><body>
<main data-mirror="${host}" data-path="${path.replace(/"/g, '&quot;')}"><div class="timeline"><div class="timeline-item">A post</div></div></main></body></html>`;
}

export const RATE_LIMITED_HTML =
  '<!doctype html><html><head><title>Error</title></head><body><div class="error-panel"><span>Instance has been rate limited.</span></div></body></html>';

type RouteHost = (host: string, handler: (route: Route) => Promise<void> | void) => Promise<void>;

/** Routes every X host to a page saying so, and records each request. */
export async function serveX(routeHost: RouteHost, body = '<!doctype html><title>X</title><main>X itself</main>') {
  const hits: string[] = [];
  for (const host of X_HOSTS) {
    await routeHost(host, async (route) => {
      hits.push(route.request().url());
      await route.fulfill({ status: 200, contentType: 'text/html', body });
    });
  }
  return hits;
}

/** Sends one of Sortie's messages from an extension page, as the options page would. */
export async function sendMessage<T>(page: Page, name: string, body?: unknown): Promise<T> {
  const reply = await page.evaluate(([n, b]) => chrome.runtime.sendMessage({ sortie: 1, name: n, body: b }), [
    name,
    body,
  ] as const);
  const r = reply as { ok: boolean; value?: T; error?: { messageKey: string; detail: string } };
  if (!r.ok) throw new Error(`${name}: ${r.error?.messageKey} ${r.error?.detail}`);
  return r.value as T;
}

/** A settings change, sent as the options page sends it. */
export const updateSettings = (page: Page, patch: SettingsPatch) => sendMessage(page, 'settings.update', patch);

let grantedCopy: Promise<string> | null = null;

/**
 * A copy of the built extension in which "all sites" is already granted, as
 * if the user had accepted Chrome's prompt: headless Chromium cannot answer
 * that prompt (permissions.request() waits forever, the auto-confirm switch
 * does not cover it, chrome://extensions' developerPrivate.addHostPermission
 * only grants hosts the manifest requires). For the extension the two states
 * are the same: permissions.getAll() lists the origin, and scripts registered
 * for it run. Everything else is the build, byte for byte.
 */
export function buildWithAllSitesGranted(): Promise<string> {
  grantedCopy ??= (async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'sortie-granted-')), 'chrome-mv3');
    await cp(CHROME_BUILD, dir, { recursive: true });
    const manifestPath = join(dir, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { host_permissions: string[] };
    manifest.host_permissions = [...manifest.host_permissions, '*://*/*'];
    await writeFile(manifestPath, JSON.stringify(manifest));
    return dir;
  })();
  return grantedCopy;
}

/**
 * Chrome's loading predictor opens a connection (TCP + TLS, no HTTP request)
 * to a link's host when a navigation to it starts, before any extension rule
 * runs; the recording proxy sees it as a CONNECT. These are let through here
 * and checked apart: X must never get an HTTP request (routes record those),
 * and through the proxy nothing but such bare CONNECTs. Sortie could only
 * stop them by turning off the browser's "preload pages" setting
 * (privacy.network.networkPredictionEnabled), which it does not do.
 */
export function allowXPreconnects(allowHosts: (...h: string[]) => void): void {
  allowHosts(...X_HOSTS);
}

const isXHost = (host: string) => (X_HOSTS as readonly string[]).includes(host);

/** Proxy entries for X hosts that are more than a pre-connection (should be none). */
export function xTrafficBeyondPreconnects(proxyLog: readonly { host: string; url: string }[]): string[] {
  return proxyLog.filter((r) => isXHost(r.host) && r.url !== `https://${r.host}:443`).map((r) => r.url);
}

/** How many pre-connections to X hosts the proxy saw (reported, not failed on). */
export function xPreconnects(proxyLog: readonly { host: string; url: string }[]): number {
  return proxyLog.filter((r) => isXHost(r.host) && r.url === `https://${r.host}:443`).length;
}

/** Shapes people meet: hosts, posts with tracking, media, search, lists, intents, short links, embeds. */
export const X_LINK_SHAPES = [
  'https://x.com/jack',
  'https://twitter.com/jack',
  'https://mobile.twitter.com/jack',
  'https://www.x.com/jack/with_replies',
  'https://x.com/jack/likes',
  'https://x.com/jack/status/20',
  'https://twitter.com/jack/status/20?s=20&t=AbCdEf',
  'https://x.com/jack/status/20/photo/1',
  'https://x.com/i/web/status/20',
  'https://x.com/search?q=leaving%20x&src=typed_query&f=live',
  'https://x.com/search?q=sortie&f=user',
  'https://x.com/hashtag/fediverse?src=hashtag_click',
  'https://x.com/i/lists/1234567',
  'https://x.com/jack/lists/friends',
  'https://x.com/i/user/12',
  'https://x.com/intent/user?screen_name=jack',
  'https://x.com/intent/like?tweet_id=20',
  'https://t.co/AbC123xyz',
  'https://platform.twitter.com/embed/Tweet.html?id=20',
  'https://x.com/home',
  'https://twitter.com/',
] as const;

/** Shapes that are not X's own hosts: images on X's CDN, and embed fixers that would pass the reader on to X. */
export const CDN_AND_FIXER_LINKS = [
  'https://pbs.twimg.com/media/GabcDEF?format=jpg&name=small',
  'https://pbs.twimg.com/media/GabcDEF.jpg',
  'https://pbs.twimg.com/profile_images/1/abc_400x400.jpg',
  'https://fxtwitter.com/jack/status/20',
  'https://www.vxtwitter.com/jack/status/20/photo/1',
  'https://d.fxtwitter.com/jack/status/20.mp4',
  'https://fixupx.com/jack',
  'https://fixvx.com/jack/status/20?s=20',
] as const;
export const FIXER_HOSTS = [
  'fxtwitter.com',
  'www.fxtwitter.com',
  'd.fxtwitter.com',
  'vxtwitter.com',
  'www.vxtwitter.com',
  'fixupx.com',
  'fixvx.com',
];

/** A page of another site linking to each of these, `#l0`, `#l1`… named "link 0", "link 1"… */
export const newsPage = (links: readonly string[]) =>
  `<!doctype html><title>News</title><ul>${links.map((href, i) => `<li><a id="l${i}" href="${href}">link ${i}</a></li>`).join('')}</ul>`;

/** Same page: same origin and path, same query parameters in any order. */
export function sameTarget(actual: string, wanted: string): boolean {
  const a = new URL(actual);
  const b = new URL(wanted);
  const params = (u: URL) => JSON.stringify([...u.searchParams.entries()].sort());
  return a.origin === b.origin && a.pathname === b.pathname && params(a) === params(b);
}

/**
 * Every built-in mirror over HTTPS, in either browser (so no health check ever leaves it), each
 * as `modes[host]` (changeable while the test runs): 'down' drops the connection, a host with no
 * mode answers 502. Returns each host's requests.
 */
export async function serveMirrorsTo(
  journey: JourneyBrowser,
  allowHosts: (...h: string[]) => void,
  modes: Record<string, 'up' | 'rate-limited' | 'down'>,
): Promise<Record<string, string[]>> {
  const hits: Record<string, string[]> = {};
  allowHosts(...MIRROR_HOSTS);
  for (const host of MIRROR_HOSTS) {
    hits[host] = [];
    await journey.serveHttps(host, ({ path }) => {
      hits[host]!.push(path);
      const mode = modes[host];
      if (mode === 'up') return { status: 200, type: 'text/html', body: mirrorHtml(host, path) };
      if (mode === 'rate-limited') return { status: 429, type: 'text/html', body: RATE_LIMITED_HTML };
      if (mode === 'down') return null;
      return { status: 502, type: 'text/plain', body: '' };
    });
  }
  return hits;
}

/** A page on x.com that installs a service worker answering every navigation from "cache", as X's does. */
export const X_WITH_WORKER = `<!doctype html><title>X</title><main>X itself</main>
<script>navigator.serviceWorker.register('/sw.js').then(() => navigator.serviceWorker.ready).then(() => { document.body.dataset.worker = 'ready'; });</script>`;
/** X's service worker: it answers every navigation itself, as from its cache. */
export const WORKER = `self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => {
  if (e.request.mode === 'navigate') e.respondWith(new Response('<!doctype html><title>X (cached)</title><main id="cached">X from its service worker</main>', { headers: { 'content-type': 'text/html' } }));
});`;

/**
 * serveX for a journey, in either browser: every X host answers with this page and records the
 * pages asked for (not Firefox's own /favicon.ico request for an X page the user opened).
 */
export async function serveXTo(
  journey: JourneyBrowser,
  body = '<!doctype html><title>X</title><main>X itself</main>',
): Promise<string[]> {
  const hits: string[] = [];
  for (const host of X_HOSTS)
    await journey.serveHttps(host, ({ path }) => {
      if (path !== '/favicon.ico') hits.push(`https://${host}${path}`);
      return { status: 200, type: 'text/html', body };
    });
  return hits;
}

/** What reached X through the proxy beyond Chromium's bare pre-connections (Firefox, with speculative connections off, makes none). */
export function xRequestsSeen(journey: JourneyBrowser, proxy: RecordingProxy): string[] {
  if (journey.kind === 'chromium') return xTrafficBeyondPreconnects(proxy.log);
  return proxy.log.filter((r) => (X_HOSTS as readonly string[]).includes(r.host)).map((r) => r.url);
}
