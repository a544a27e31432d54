/**
 * Sortie's pages as people meet them, in both browsers: axe (the same rules
 * as tests/e2e/pages-quality.spec.ts) finds no violation on the welcome at
 * each step, each section of the options, the popup, the composer, the
 * follow bridge and the archive import, and none of them reports an error
 * (an uncaught exception or rejection; in Chromium a console error too).
 * Firefox computes names, roles and colours itself: what passes in Chromium
 * is checked again there.
 */
import { expectNoAxeViolations } from '../support/axe.ts';
import { expect, test } from '../support/journey.ts';
import { OPTIONS_SECTIONS } from '../support/options-sections.ts';

const heading = (text: string) =>
  `[...document.querySelectorAll('h1, h2')].some((h) => h.textContent.trim() === ${JSON.stringify(text)})`;

test('the welcome at each step, every section of the options and the popup: no axe violation, no error', async ({
  journey,
}) => {
  const welcome = await journey.openPage('welcome.html');
  await welcome.waitFor(`document.querySelector('input[type="radio"]') !== null`);
  await expectNoAxeViolations(welcome, 'welcome: choice');
  await welcome.clickText("I'm leaving X");
  await welcome.click('Confirm my choice');
  await welcome.waitFor(`document.querySelector('[data-testid="welcome-done"]') !== null`);
  await expectNoAxeViolations(welcome, 'welcome: done');
  await welcome.click('Next: connect your accounts');
  await welcome.waitFor(heading('Connect your accounts'));
  await expectNoAxeViolations(welcome, 'welcome: connect');
  await welcome.click('Skip this step');
  await welcome.waitFor(heading('Try it'));
  await expectNoAxeViolations(welcome, 'welcome: try');

  const options = await journey.openPage('options.html');
  for (const [name, title] of OPTIONS_SECTIONS) {
    await options.click(name);
    await options.waitFor(heading(title));
    await expectNoAxeViolations(options, `options: ${name}`);
  }

  const popup = await journey.openPage('popup.html');
  // It offers the composer in a tab.
  await popup.waitFor(
    `[...document.querySelectorAll('button')].some((b) => b.getAttribute('aria-label') === 'Open the composer in a tab' || b.textContent.trim() === 'Open the composer in a tab')`,
  );
  await expectNoAxeViolations(popup, 'popup');
  expect(await journey.pageErrors()).toEqual([]);
});

test('the composer, the follow bridge and the archive import: no axe violation, no error', async ({ journey }) => {
  const compose = await journey.openPage('compose.html');
  await compose.waitFor(`document.getElementById('text') !== null`);
  await expectNoAxeViolations(compose, 'composer');
  await compose.fill('What do you want to say?', 'Un message pour vérifier la page. #climat');
  await compose.click(/^Warning\b/);
  await expectNoAxeViolations(compose, 'composer: text and the warning panel');

  const bridge = await journey.openPage('bridge.html');
  await bridge.waitFor(`document.querySelector('h1') !== null`);
  await expectNoAxeViolations(bridge, 'follow bridge');

  const archive = await journey.openPage('archive.html');
  await archive.waitFor(`document.querySelector('h1') !== null`);
  await expectNoAxeViolations(archive, 'archive import');
  expect(await journey.pageErrors()).toEqual([]);
});
