/**
 * The reader's own controls over X links, from the options page, in both
 * browsers: pausing redirects for 10 minutes or until the browser restarts
 * (Firefox's event page and Chromium's service worker each start again
 * without it), exceptions that keep chosen paths on X, and a self-hosted
 * mirror on the user's own machine preferred over the built-in ones.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LinksState } from '../../../lib/links/state.ts';
import { expect, test, type JourneyBrowser, type Tab } from '../support/journey.ts';
import { allowXPreconnects, mirrorHtml, sameTarget, serveMirrorsTo, serveXTo } from '../support/links.ts';
import { answerWelcome, sortieMessage } from './steps.ts';

const MIRROR = 'nitter.net';

/** The user is leaving X with this mirror pinned, on the options' "X links" section. */
async function linksSection(journey: JourneyBrowser): Promise<Tab> {
  await answerWelcome(journey, 'leaving');
  const options = await journey.openPage('options.html');
  await sortieMessage(options, 'settings.update', { links: { pinnedMirror: MIRROR } });
  await options.goto(`${journey.extensionOrigin}/options.html`);
  await options.click('X links');
  return options;
}

/** Opens `url` in the tab and waits until it shows `wanted` (X's page, or the mirror's). */
async function opensOn(tab: Tab, url: string, wanted: string): Promise<void> {
  await tab.goto(url);
  await expect
    .poll(async () => (sameTarget(await tab.url(), wanted) ? wanted : await tab.url()), {
      timeout: 15_000,
      message: `${url} → ${wanted}`,
    })
    .toBe(wanted);
}

/**
 * The moment a person takes to go from the options to a tab after changing a setting. Chromium
 * applies a rule change to navigations a little after the options show it (measured here: a
 * navigation 60 ms after still went the old way, one 320 ms after went the new way); Firefox at once.
 */
const toATab = () => new Promise((resolve) => setTimeout(resolve, 500));

const text = (testId: string) => `document.querySelector('[data-testid="${testId}"]')?.textContent ?? null`;

test.describe('with a browser restart', () => {
  test.use({ restartable: true });

  test('pause for 10 minutes, resume, and pause until the browser restarts', async ({ journey, allowHosts }) => {
    allowHosts('x.com');
    if (journey.kind === 'chromium') allowXPreconnects(allowHosts);
    const xHits = await serveXTo(journey);
    await serveMirrorsTo(journey, allowHosts, { [MIRROR]: 'up' });
    const options = await linksSection(journey);

    await options.click('Pause for 10 minutes');
    await options.waitFor(`(${text('links-paused')})?.includes('Redirects paused until')`);
    await toATab();
    const tab = await journey.newTab();
    await opensOn(tab, 'https://x.com/jack', 'https://x.com/jack');

    await options.click('Resume now');
    await options.waitFor(`${text('links-paused')} === null`);
    await toATab();
    await opensOn(tab, 'https://x.com/jack', `https://${MIRROR}/jack`);

    await options.click('Pause until the browser restarts');
    await options.waitFor(`(${text('links-paused')})?.includes('until the browser restarts')`);
    await toATab();
    await opensOn(tab, 'https://x.com/nasa', 'https://x.com/nasa');
    expect(xHits).toEqual(['https://x.com/jack', 'https://x.com/nasa']);

    // The browser closed and opened again on the same profile: redirects are back.
    const again = await journey.restart();
    if (again.kind === 'chromium') {
      await serveXTo(again);
      await serveMirrorsTo(again, allowHosts, { [MIRROR]: 'up' });
    }
    const opts = await again.openPage('options.html');
    await expect
      .poll(async () => (await sortieMessage<LinksState>(opts, 'links.state')).target, { timeout: 15_000 })
      .toBe('mirror');
    const settings = await sortieMessage<{ links: { pausedUntil: number | null } }>(opts, 'settings.get');
    expect(settings.links.pausedUntil).toBeNull();
    await opensOn(await again.newTab(), 'https://x.com/nasa', `https://${MIRROR}/nasa`);
  });
});

test('exceptions keep chosen paths on X; account pages always stay', async ({ journey, allowHosts }) => {
  allowHosts('x.com');
  if (journey.kind === 'chromium') allowXPreconnects(allowHosts);
  const xHits = await serveXTo(journey);
  await serveMirrorsTo(journey, allowHosts, { [MIRROR]: 'up' });
  const options = await linksSection(journey);

  await options.fill('Path or X address', 'https://x.com/nasa');
  await options.click('Add');
  await options.waitFor(`(${text('exceptions')})?.includes('/nasa')`);
  await options.fill('Path or X address', 'not a path');
  await options.click('Add');
  await options.waitFor(`document.querySelector('[role="alert"]')?.textContent.includes('starting with "/"')`);
  await toATab();

  const tab = await journey.newTab();
  await opensOn(tab, 'https://x.com/nasa', 'https://x.com/nasa');
  await opensOn(tab, 'https://x.com/nasa/status/1', 'https://x.com/nasa/status/1');
  await opensOn(tab, 'https://x.com/settings/account', 'https://x.com/settings/account');
  await opensOn(tab, 'https://x.com/nasaweb', `https://${MIRROR}/nasaweb`);
  expect(xHits).toEqual(['https://x.com/nasa', 'https://x.com/nasa/status/1', 'https://x.com/settings/account']);

  await options.click('Remove the exception /nasa');
  await options.waitFor(`${text('exceptions')} === null`);
  await toATab();
  await opensOn(tab, 'https://x.com/nasa', `https://${MIRROR}/nasa`);
});

test('a self-hosted mirror on localhost can be added from the options and preferred', async ({
  journey,
  allowHosts,
}) => {
  if (journey.kind === 'chromium') allowXPreconnects(allowHosts);
  const xHits = await serveXTo(journey);
  await serveMirrorsTo(journey, allowHosts, {});
  const server: Server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(mirrorHtml('127.0.0.1', req.url ?? '/'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await answerWelcome(journey, 'leaving');
    const options = await journey.openPage('options.html');
    await options.click('X links');
    await options.fill('Address', origin);
    await options.fill('Name (optional)', 'My Nitter');
    // The browser's access prompt opens here and stays unanswered in a headless browser:
    // the mirror is added anyway, and used without health checks.
    await options.click('Add mirror');
    const row = `document.querySelector('tr[data-mirror="${origin}"]')`;
    await options.waitFor(`${row}?.textContent.includes('My Nitter')`);
    await options.click('Prefer My Nitter whenever it works');
    await options.waitFor(`${text('links-target')} === 'X links open on My Nitter.'`);
    await toATab();

    const tab = await journey.newTab();
    await opensOn(tab, 'https://x.com/jack/status/20', `${origin}/jack/status/20`);
    await tab.waitFor(`document.querySelector('main')?.dataset.mirror === '127.0.0.1'`);
    expect(xHits).toEqual([]);
  } finally {
    server.close();
  }
});
