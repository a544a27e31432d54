/**
 * Mirrors failing, in both browsers. One that fails a real page is left for
 * the next healthy one: the mirror-check script reads a "rate limited" page in
 * the tab, the background hears of a dropped connection from the browser, marks
 * the mirror down and moves the tab, and the next X links go to the next
 * mirror. When none works, X links open Sortie's page with its three ways on.
 * X hears nothing unless the user says "Open on X once".
 */
import type { LinksState } from '../../../lib/links/state.ts';
import { expect, test } from '../support/journey.ts';
import {
  MIRROR_HOSTS,
  X_HOSTS,
  allowXPreconnects,
  serveMirrorsTo,
  serveXTo,
  xRequestsSeen,
  xTrafficBeyondPreconnects,
} from '../support/links.ts';
import { answerWelcome, pinMirror, sortieMessage } from './steps.ts';

const FIRST = 'nitter.net';
const NEXT = 'xcancel.com';

test('a mirror that answers "rate limited" is left for the next healthy one, for this page and the next ones', async ({
  journey,
  recordingProxy,
  allowHosts,
}) => {
  // Chromium may open a bare TCP connection to a typed host before a rule applies (tests/e2e/journeys/core.spec.ts);
  // Firefox, with speculative connections off, opens none.
  if (journey.kind === 'chromium') allowXPreconnects(allowHosts);
  const modes: Record<string, 'up' | 'rate-limited'> = { [FIRST]: 'up', [NEXT]: 'up' };
  const hits = await serveMirrorsTo(journey, allowHosts, modes);
  await answerWelcome(journey, 'leaving');
  const options = await pinMirror(journey, FIRST);

  const tab = await journey.newTab();
  await tab.goto('https://x.com/jack');
  await expect.poll(() => tab.url(), { timeout: 15_000 }).toBe(`https://${FIRST}/jack`);
  modes[FIRST] = 'rate-limited';
  await tab.goto('https://x.com/jack/status/20');
  // The mirror-check script reads the 429 page; the background moves the tab on.
  await expect.poll(() => tab.url(), { timeout: 15_000 }).toBe(`https://${NEXT}/jack/status/20`);
  await tab.waitFor(`document.querySelector('main')?.dataset.mirror === ${JSON.stringify(NEXT)}`);
  await tab.goto('https://twitter.com/nasa');
  await expect.poll(() => tab.url(), { timeout: 15_000 }).toBe(`https://${NEXT}/nasa`);

  const state = await sortieMessage<LinksState>(options, 'links.state');
  expect(state.mirrors.find((m) => m.id === FIRST)?.health).toBe('down');
  expect(state.mirrors.find((m) => m.id === NEXT)?.health).toBe('up');
  expect(state.current).toBe(NEXT);
  expect(hits[FIRST]).toContain('/jack/status/20');
  expect(xTrafficBeyondPreconnects(recordingProxy.log)).toEqual([]);
  if (journey.kind === 'firefox')
    expect(recordingProxy.log.filter((r) => (X_HOSTS as readonly string[]).includes(r.host))).toEqual([]);
});

test('a mirror that drops the connection is left too, for this page and the next ones', async ({
  journey,
  recordingProxy,
  allowHosts,
}) => {
  if (journey.kind === 'chromium') allowXPreconnects(allowHosts);
  const modes: Record<string, 'up' | 'down'> = { [FIRST]: 'down', [NEXT]: 'up' };
  const hits = await serveMirrorsTo(journey, allowHosts, modes);
  const xHits = await serveXTo(journey);
  await answerWelcome(journey, 'leaving');
  const options = await pinMirror(journey, FIRST);

  const tab = await journey.newTab();
  await tab.goto('https://x.com/jack/status/20');
  await expect.poll(() => tab.url(), { timeout: 15_000 }).toBe(`https://${NEXT}/jack/status/20`);
  await tab.waitFor(`document.querySelector('main')?.dataset.mirror === ${JSON.stringify(NEXT)}`);
  await tab.goto('https://x.com/nasa');
  await expect.poll(() => tab.url(), { timeout: 15_000 }).toBe(`https://${NEXT}/nasa`);
  expect(hits[FIRST]).toContain('/jack/status/20');
  expect((await sortieMessage<LinksState>(options, 'links.state')).mirrors.find((m) => m.id === FIRST)?.health).toBe(
    'down',
  );
  expect(xHits).toEqual([]);
  expect(xRequestsSeen(journey, recordingProxy)).toEqual([]);
});

test("when no mirror works, X links open Sortie's page: try another mirror, an archived copy, open on X once", async ({
  journey,
  recordingProxy,
  allowHosts,
}) => {
  if (journey.kind === 'chromium') allowXPreconnects(allowHosts);
  allowHosts('web.archive.org', 'x.com', 'twitter.com');
  const xHits = await serveXTo(journey);
  const modes: Record<string, 'up' | 'down'> = {};
  for (const host of MIRROR_HOSTS) modes[host] = 'down';
  await serveMirrorsTo(journey, allowHosts, modes);
  const archive: string[] = [];
  await journey.serveHttps('web.archive.org', ({ path }) => {
    if (path !== '/favicon.ico') archive.push(path);
    return { status: 200, type: 'text/html', body: '<!doctype html><title>Wayback</title><main>archived</main>' };
  });
  await answerWelcome(journey, 'leaving');

  const fallback = (x: string) => `${journey.extensionOrigin}/fallback.html?url=${x}`;
  const heading = `document.querySelector('h1')?.textContent`;
  const tab = await journey.newTab();
  await tab.goto('https://x.com/jack/status/20');
  await expect.poll(() => tab.url(), { timeout: 20_000 }).toBe(fallback('https://x.com/jack/status/20'));
  await expect.poll(() => tab.evaluate<string>(heading)).toBe('No mirror works right now');
  expect(await tab.evaluate<string>(`document.querySelector('[data-testid="fallback-url"]')?.textContent`)).toBe(
    'https://x.com/jack/status/20',
  );
  // Now every X link goes straight to this page (blocked, then opened by the background), and X still got nothing.
  await tab.goto('https://x.com/nasa');
  await expect.poll(() => tab.url(), { timeout: 15_000 }).toBe(fallback('https://x.com/nasa'));
  expect(xHits).toEqual([]);
  expect(xRequestsSeen(journey, recordingProxy)).toEqual([]);

  // "Try another mirror" while all are still down: says so and stays.
  await tab.click('Try another mirror');
  await tab.waitFor(`document.body.textContent.includes('Still no mirror works.')`);
  expect(await tab.url()).toBe(fallback('https://x.com/nasa'));

  // The archived copy.
  await tab.click('Open an archived copy');
  await expect.poll(() => tab.url(), { timeout: 15_000 }).toBe('https://web.archive.org/web/https://x.com/nasa');
  expect(archive).toEqual(['/web/https://x.com/nasa']);

  // "Open on X once": that URL, this time, on X.
  await tab.goto(fallback('https://x.com/jack/status/20'));
  await tab.click('Open on X once');
  await expect.poll(() => tab.url(), { timeout: 15_000 }).toBe('https://x.com/jack/status/20');
  expect(xHits).toEqual(['https://x.com/jack/status/20']);

  // A mirror came back: "Try another mirror" finds it and opens the page there.
  modes[NEXT] = 'up';
  await tab.goto('https://x.com/jack');
  await expect.poll(() => tab.url(), { timeout: 15_000 }).toBe(fallback('https://x.com/jack'));
  await tab.click('Try another mirror');
  await expect.poll(() => tab.url(), { timeout: 15_000 }).toBe(`https://${NEXT}/jack`);
  await tab.goto('https://x.com/nasa');
  await expect.poll(() => tab.url(), { timeout: 15_000 }).toBe(`https://${NEXT}/nasa`);
  expect(xHits).toHaveLength(1);
});
