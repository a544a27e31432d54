/**
 * Mirrors failing, in Chromium: a mirror that does not answer at all is left
 * for the next healthy one, and when none works X links open Sortie's page
 * with its three ways on. A mirror answering "rate limited" and the reader's
 * own controls (pause, exceptions, a self-hosted mirror) are journeys in both
 * browsers (tests/e2e/journeys/mirrors.spec.ts, link-controls.spec.ts).
 */
import { expect, test } from './support/fixtures.ts';
import {
  allowXPreconnects,
  linksReady,
  serveMirrors,
  serveX,
  updateSettings,
  xTrafficBeyondPreconnects,
  type MirrorMode,
} from './support/links.ts';
import { chooseLeaving } from './support/welcome.ts';

const FIRST = 'nitter.net';
const NEXT = 'xcancel.com';

test('a mirror that does not answer at all is left too (network error)', async ({
  context,
  openPage,
  routeHost,
  allowHosts,
  recordingProxy,
}) => {
  allowXPreconnects(allowHosts);
  const xHits = await serveX(routeHost);
  const modes: Record<string, MirrorMode> = { [FIRST]: 'refused', [NEXT]: 'up' };
  await serveMirrors(routeHost, allowHosts, modes);
  const { page: options } = await openPage('options.html');
  await linksReady(options);
  await chooseLeaving(options);
  await updateSettings(options, { links: { pinnedMirror: FIRST } });

  const page = await context.newPage();
  await page.goto('https://x.com/jack/status/20').catch(() => undefined);
  await expect(page).toHaveURL(`https://${NEXT}/jack/status/20`);
  expect(xHits).toEqual([]);
  expect(xTrafficBeyondPreconnects(recordingProxy.log)).toEqual([]);
});

test("when no mirror works, X links open Sortie's page: try another mirror, archived copy, open on X once", async ({
  context,
  openPage,
  routeHost,
  allowHosts,
  extensionId,
  recordingProxy,
}) => {
  allowXPreconnects(allowHosts);
  allowHosts('web.archive.org');
  const xHits = await serveX(routeHost);
  const modes: Record<string, MirrorMode> = {};
  await serveMirrors(routeHost, allowHosts, modes);
  const archive: string[] = [];
  await routeHost('web.archive.org', async (route) => {
    archive.push(route.request().url());
    await route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><title>Wayback</title><main>archived</main>',
    });
  });
  const { page: options } = await openPage('options.html');
  await linksReady(options);
  await chooseLeaving(options);

  const page = await context.newPage();
  const fallback = `chrome-extension://${extensionId}/fallback.html?url=https://x.com/jack/status/20`;
  await page.goto('https://x.com/jack/status/20').catch(() => undefined);
  await expect(page).toHaveURL(fallback);
  await expect(page.getByRole('heading', { name: 'No mirror works right now' })).toBeVisible();
  await expect(page.getByTestId('fallback-url')).toHaveText('https://x.com/jack/status/20');
  // Now every X link goes straight to this page (blocked, then opened by the background), and X still got nothing.
  await page.goto('https://x.com/nasa').catch(() => undefined);
  await expect(page).toHaveURL(`chrome-extension://${extensionId}/fallback.html?url=https://x.com/nasa`);
  expect(xHits).toEqual([]);
  expect(xTrafficBeyondPreconnects(recordingProxy.log)).toEqual([]);

  // "Try another mirror" while all are still down: says so and stays.
  await page.getByRole('button', { name: 'Try another mirror' }).click();
  await expect(page.getByText('Still no mirror works.')).toBeVisible();

  // The archived copy.
  await page.getByRole('link', { name: 'Open an archived copy' }).click();
  await expect(page).toHaveURL('https://web.archive.org/web/https://x.com/nasa');
  expect(archive).toEqual(['https://web.archive.org/web/https://x.com/nasa']);

  // "Open on X once": that URL, this time, on X.
  await page.goto(fallback);
  await page.getByRole('button', { name: 'Open on X once' }).click();
  await expect(page).toHaveURL('https://x.com/jack/status/20');
  expect(xHits).toEqual(['https://x.com/jack/status/20']);

  // A mirror came back: "try another mirror" finds it and opens the page there.
  modes[NEXT] = 'up';
  await page.goto('https://x.com/jack').catch(() => undefined);
  await expect(page).toHaveURL(`chrome-extension://${extensionId}/fallback.html?url=https://x.com/jack`);
  await page.getByRole('button', { name: 'Try another mirror' }).click();
  await expect(page).toHaveURL(`https://${NEXT}/jack`);
  await page.goto('https://x.com/nasa');
  await expect(page).toHaveURL(`https://${NEXT}/nasa`);
  expect(xHits).toHaveLength(1);
});
