/**
 * A mirror that fails a real page is left for the next healthy one, in both
 * browsers: the mirror-check script reads the mirror's "rate limited" page in
 * the tab, the background marks the mirror down and moves the tab, and the
 * next X links go to the next mirror. X hears nothing.
 */
import type { LinksState } from '../../../lib/links/state.ts';
import { expect, test } from '../support/journey.ts';
import { X_HOSTS, allowXPreconnects, serveMirrorsTo, xTrafficBeyondPreconnects } from '../support/links.ts';
import { answerWelcome, sortieMessage } from './steps.ts';

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
  const options = await journey.openPage('options.html');
  await expect
    .poll(async () => (await sortieMessage<LinksState>(options, 'links.state')).current, { timeout: 15_000 })
    .not.toBeNull();
  await sortieMessage(options, 'settings.update', { links: { pinnedMirror: FIRST } });

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
