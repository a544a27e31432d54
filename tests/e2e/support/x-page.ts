/**
 * The stand-in of X's page (tests/e2e/fixtures/x-home.html) served on x.com
 * under a CSP close to X's, and what reaches X's post endpoint.
 */
import type { Route } from '@playwright/test';
import type { JourneyBrowser } from './journey.ts';
import { readFileSync } from 'node:fs';

const X_HOME = readFileSync(new URL('../fixtures/x-home.html', import.meta.url), 'utf8');
/** Close to X's: scripts by nonce, frames only from X. The extension's frame must still load. */
export const X_CSP =
  "default-src 'self'; script-src 'nonce-x-fixture'; style-src 'unsafe-inline'; img-src 'self' blob: data:; connect-src 'self'; frame-src 'self' https://x.com";
/** X controls its own CSP: a hostile X lets its page frame extension pages, in either browser. */
export const HOSTILE_X_CSP = `${X_CSP} chrome-extension: moz-extension:`;

export type RouteHost = (host: string, handler: (route: Route) => Promise<void> | void) => Promise<void>;

/** Serves the fixture on x.com and returns the bodies X's CreateTweet endpoint received. */
export async function serveX(routeHost: RouteHost, csp = X_CSP): Promise<string[]> {
  const createTweet: string[] = [];
  await routeHost('x.com', async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname.endsWith('/CreateTweet')) {
      createTweet.push(route.request().postData() ?? '');
      return route.fulfill({ json: { data: { create_tweet: {} } } });
    }
    if (url.pathname === '/home' || url.pathname === '/compose/post') {
      return route.fulfill({ contentType: 'text/html', body: X_HOME, headers: { 'content-security-policy': csp } });
    }
    return route.fulfill({ status: 404, body: '' });
  });
  return createTweet;
}

/** X's script (an expression): listen on its window for anything Sortie says, into `window.__attack.messages`. */
export const X_LISTENS = `(() => {
  window.__attack = { messages: [] };
  window.addEventListener('message', (e) => window.__attack.messages.push({ via: 'window', data: String(JSON.stringify(e.data)) }));
  return true;
})()`;

/**
 * X's script (a function declaration): a forged hand-off (X's picture, a port X listens on into
 * `window.__attack.messages`, a made-up secret) posted to a frame.
 */
export const FORGE_HANDOFF = `async function forgeHandoff(target) {
  const canvas = new OffscreenCanvas(32, 32);
  const g = canvas.getContext('2d');
  g.fillStyle = '#e11';
  g.fillRect(0, 0, 32, 32);
  const image = await canvas.convertToBlob({ type: 'image/png' });
  const channel = new MessageChannel();
  channel.port1.onmessage = (e) => window.__attack.messages.push({ via: 'port', data: String(JSON.stringify(e.data)) });
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const ticket = btoa(String.fromCharCode(...bytes)).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
  target.postMessage({ sortie: 'handoff', images: [image], missingImages: 0, ticket }, '*', [channel.port2]);
}`;

/**
 * Serves X's stand-in (tests/e2e/fixtures/x-home.html: its home, and its modal composer's address)
 * on https://x.com under `csp`; returns the bodies X's post endpoint received.
 */
export async function serveXStandIn(journey: JourneyBrowser, csp = X_CSP): Promise<string[]> {
  const createTweet: string[] = [];
  await journey.serveHttps('x.com', ({ path, body }) => {
    if (path.endsWith('/CreateTweet')) {
      createTweet.push(body);
      return { status: 200, type: 'application/json', body: '{"data":{"create_tweet":{}}}' };
    }
    if (path === '/home' || path === '/compose/post')
      return { status: 200, type: 'text/html', body: X_HOME, headers: { 'content-security-policy': csp } };
    return { status: 404, type: 'text/plain', body: '' };
  });
  return createTweet;
}
