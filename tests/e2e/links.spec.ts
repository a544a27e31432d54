/**
 * Reading X without X, in Chromium: "Share on X" clicked on another site, and
 * X's service worker when no mirror works. Every shape of X link, CDN images
 * and fixers, "I still use X" and X's worker with a mirror up are journeys in
 * both browsers (tests/e2e/journeys/links.spec.ts).
 */
import { expect, test } from './support/fixtures.ts';
import {
  allowXPreconnects,
  linksReady,
  newsPage,
  serveMirrors,
  serveX,
  updateSettings,
  xTrafficBeyondPreconnects,
  WORKER,
  X_WITH_WORKER,
} from './support/links.ts';
import { chooseLeaving } from './support/welcome.ts';

const MIRROR = 'nitter.net';
const NEWS = 'news.example.org';

test('"Share on X" opens Sortie\'s composer, typed or clicked', async ({
  context,
  openPage,
  routeHost,
  allowHosts,
  extensionId,
  recordingProxy,
}) => {
  allowXPreconnects(allowHosts);
  const xHits = await serveX(routeHost);
  await serveMirrors(routeHost, allowHosts, { [MIRROR]: 'up' });
  allowHosts(NEWS);
  const share = 'https://twitter.com/intent/tweet?text=Leaving%20X&url=https%3A%2F%2Fexample.org%2F';
  await routeHost(NEWS, (route) => route.fulfill({ contentType: 'text/html', body: newsPage([share]) }));
  const { page: options } = await openPage('options.html');
  await linksReady(options);
  await chooseLeaving(options);

  const page = await context.newPage();
  // The rule blocks the intent (the goto sees ERR_BLOCKED_BY_CLIENT) and the background opens the composer.
  await page.goto(share).catch(() => undefined);
  // The composer learns which intent it stands for (to offer "Post on X anyway") and what it shares.
  await expect(page).toHaveURL(
    `chrome-extension://${extensionId}/compose.html?xshare=${encodeURIComponent(share)}&text=Leaving%20X&url=https%3A%2F%2Fexample.org%2F`,
  );
  await page.goto(`https://${NEWS}/`);
  await page.click('#l0');
  await expect(page).toHaveURL(/^chrome-extension:\/\/[a-z]+\/compose\.html\?xshare=[^&]+&text=Leaving%20X/);
  expect(xHits).toEqual([]);
  expect(xTrafficBeyondPreconnects(recordingProxy.log)).toEqual([]);
});

test("X's own service worker cannot keep a reader on X when no mirror works either: the page goes to Sortie's fallback page", async ({
  context,
  openPage,
  routeHost,
  allowHosts,
  extensionId,
}) => {
  allowXPreconnects(allowHosts);
  allowHosts('x.com');
  const xHits: string[] = [];
  await routeHost('x.com', async (route) => {
    const url = route.request().url();
    xHits.push(url);
    if (url.endsWith('/sw.js')) await route.fulfill({ contentType: 'text/javascript', body: WORKER });
    else await route.fulfill({ contentType: 'text/html', body: X_WITH_WORKER });
  });
  // No mirror answers.
  await serveMirrors(routeHost, allowHosts, {});
  const { page: options } = await openPage('options.html');
  await linksReady(options);
  await chooseLeaving(options);
  const page = await context.newPage();
  // A first X link finds every mirror down: from now on X links go to the fallback page.
  await page.goto('https://x.com/jack/status/20').catch(() => undefined);
  await expect(page).toHaveURL(`chrome-extension://${extensionId}/fallback.html?url=https://x.com/jack/status/20`, {
    timeout: 30_000,
  });

  // With redirects off a moment, X installs its worker; then they are back on (still no mirror).
  await updateSettings(options, { links: { redirect: false } });
  await page.goto('https://x.com/home');
  await expect(page.locator('body')).toHaveAttribute('data-worker', 'ready');
  await updateSettings(options, { links: { redirect: true } });
  const before = xHits.length;

  // The worker answers this navigation itself; the guard removes it and loads the page again, which the rules stop.
  await page.goto('https://x.com/nasa').catch(() => undefined);
  await expect(page).toHaveURL(`chrome-extension://${extensionId}/fallback.html?url=https://x.com/nasa`, {
    timeout: 15_000,
  });
  expect(xHits.slice(before)).toEqual([]);
});
