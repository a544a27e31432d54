/**
 * The stand-in of X's page (tests/e2e/fixtures/x-home.html) served on x.com
 * under a CSP close to X's, and what reaches X's post endpoint.
 */
import type { Route } from '@playwright/test';
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
