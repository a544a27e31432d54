/**
 * Sortie's pages as people meet them, in both browsers: axe (the same rules
 * as tests/e2e/pages-quality.spec.ts) finds no violation on the welcome at
 * each step, each section of the options, the popup, the composer, the
 * follow bridge and the archive import, and in every state of the composer,
 * light and dark (no account, accounts connected, a long thread, images
 * with and without alt text, each option panel open, an error, a content
 * warning, the result of a post, a "Share on X" takeover). That none of
 * these pages throws, the fixture checks after every journey. Firefox computes names, roles and colours itself: what passes in Chromium
 * is checked again there.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { expectNoAxeViolations } from '../support/axe.ts';
import { flatPng } from '../support/images.ts';
import { expect, test, type Tab } from '../support/journey.ts';
import { OPTIONS_SECTIONS } from '../support/options-sections.ts';
import { connectBlueskyAccount, connectMastodonWithToken, statusesOf } from './steps.ts';

const heading = (text: string) =>
  `[...document.querySelectorAll('h1, h2')].some((h) => h.textContent.trim() === ${JSON.stringify(text)})`;

test('the welcome at each step, every section of the options (one at a time, named by the navigation) and the popup: no axe violation', async ({
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
  expect(await options.evaluate<string[]>(`[document.title, document.querySelector('h1')?.textContent]`)).toEqual([
    'Sortie — Options',
    'Sortie — Options',
  ]);
  for (const [name, title] of OPTIONS_SECTIONS) {
    await options.click(name);
    await options.waitFor(heading(title));
    // The navigation says which section is shown, and only it is: no heading twice.
    expect(
      await options.evaluate<string | null>(
        `[...document.querySelectorAll('nav a')].find((a) => a.textContent.trim() === ${JSON.stringify(name)})?.getAttribute('aria-current') ?? null`,
      ),
    ).toBe('page');
    const headings = await options.evaluate<string[]>(
      `[...document.querySelectorAll('h1, h2, h3, h4')].map((h) => h.textContent.trim())`,
    );
    expect(new Set(headings).size, headings.join(' | ')).toBe(headings.length);
    await expectNoAxeViolations(options, `options: ${name}`);
  }

  const popup = await journey.openPage('popup.html');
  // It offers the composer in a tab.
  await popup.waitFor(
    `[...document.querySelectorAll('button')].some((b) => b.getAttribute('aria-label') === 'Open the composer in a tab' || b.textContent.trim() === 'Open the composer in a tab')`,
  );
  expect(await popup.evaluate<string>('document.title')).toBe('Sortie — Post to Mastodon and Bluesky');
  await expectNoAxeViolations(popup, 'popup');
});

test('the composer, the follow bridge and the archive import: no axe violation', async ({ journey }) => {
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
});

/** No violation in this state, light and dark; the page is left light. */
async function noViolations(tab: Tab, state: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await tab.colorScheme(scheme);
    await expectNoAxeViolations(tab, `${state} (${scheme})`);
  }
  await tab.colorScheme('light');
}

/** One of the composer's option buttons, found by its name's first word. */
const optionButton = (option: string) =>
  `[...document.querySelectorAll('button[aria-expanded]')].find((b) => /^${option}\\b/.test((b.getAttribute('aria-label') || b.textContent).trim()))`;

/** Opens this option's panel, unless it is open. */
async function openOption(compose: Tab, option: string): Promise<void> {
  const expanded = `${optionButton(option)}?.getAttribute('aria-expanded')`;
  if ((await compose.evaluate<string | null>(expanded)) !== 'true') await compose.click(new RegExp(`^${option}\\b`));
  await compose.waitFor(`${expanded} === 'true'`);
}

const THREAD =
  'On part ensemble samedi à 14 h, place de la République. Programme et trajet : https://exemple.org/marche #Climat avec @amis. ' +
  'Venez avec vos pancartes, vos voisin·es et de quoi boire. '.repeat(9);
const POST = /^Post( to \d+ accounts?)?$/;
const testId = (id: string) => `document.querySelector('[data-testid="${id}"]')`;

test('the composer in every state, light and dark: no axe violation', async ({ journey, mastodon, pds }) => {
  test.setTimeout(240_000);
  const bare = await journey.openPage('compose.html');
  await bare.waitFor(`${testId('no-accounts')} !== null`);
  await noViolations(bare, 'no account');

  const { id: mastodonId } = await connectMastodonWithToken(journey, mastodon, 'ax');
  await connectBlueskyAccount(journey, pds, 'ax');
  const compose = await journey.openPage('compose.html');
  await compose.waitFor(`${testId('counter-mastodon')} !== null && ${testId('counter-bluesky')} !== null`);
  await noViolations(compose, 'accounts connected, empty');

  await compose.fill('What do you want to say?', THREAD);
  await compose.press('What do you want to say?', 'End');
  await compose.waitFor(`${testId('counter-bluesky')}.textContent.includes('posts')`);
  await noViolations(compose, 'a long thread');

  const images = [test.info().outputPath('a.png'), test.info().outputPath('b.png')];
  await mkdir(dirname(images[0]!), { recursive: true });
  await writeFile(images[0]!, await flatPng(400, 300, 30));
  await writeFile(images[1]!, await flatPng(300, 400, 140));
  await compose.upload('Add images (up to 4)', images);
  await compose.waitFor(`${testId('images')}?.querySelectorAll('li').length === 2`);
  await noViolations(compose, 'images without alt text');
  await compose.fill('Alt text for image 1', 'Une pancarte verte');
  await compose.fill('Alt text for image 2', 'Une foule sur une place');
  await noViolations(compose, 'images with alt text');

  for (const option of ['Warning', 'Language', 'Audience', 'Poll', 'Send later', 'More']) {
    await openOption(compose, option);
    await noViolations(compose, `${option} open`);
  }
  // An error: Mastodon takes no poll beside images, so Post is off and says why.
  await openOption(compose, 'Poll');
  await compose.check('Add a poll');
  await compose.waitFor(`${testId('post-off')} !== null`);
  expect(
    await compose.evaluate<boolean>(
      `[...document.querySelectorAll('button')].some((b) => ${POST}.test(b.textContent.trim()) && b.disabled)`,
    ),
  ).toBe(true);
  await noViolations(compose, 'errors');
  await compose.check('Add a poll', false);

  await openOption(compose, 'Warning');
  await compose.fill('Content warning', 'Manifestation');
  await noViolations(compose, 'content warning');

  await compose.fill('What do you want to say?', 'Court et clair.');
  await compose.click(POST);
  await compose.waitFor(`${testId('post-status')}?.querySelectorAll('li[data-state="sent"]').length === 2`, 30_000);
  const links = await compose.evaluate<string[]>(
    `[...${testId('post-status')}.querySelectorAll('a')].map((a) => a.textContent.trim())`,
  );
  expect(links).toEqual(expect.arrayContaining(['View on Mastodon', 'View on Bluesky']));
  expect(statusesOf(mastodon, mastodonId)).toHaveLength(1);
  // A fresh composer under the result.
  expect(await compose.evaluate<string>(`document.getElementById('text').value`)).toBe('');
  await noViolations(compose, 'posted');

  const intent = 'https://x.com/intent/tweet?text=Lu%20ailleurs';
  const shared = await journey.openPage(`compose.html?xshare=${encodeURIComponent(intent)}&text=Lu%20ailleurs`);
  await shared.waitFor(`${testId('shared-from-x')} !== null`);
  await noViolations(shared, 'shared from X');
});
