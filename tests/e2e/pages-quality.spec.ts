/**
 * The welcome, the options and the popup as people meet them: axe finds no
 * violation in any state, the popup fits 380 px without sideways scrolling,
 * and screenshots of the welcome and the options fail when their layout
 * moves (baselines in tests/e2e/__screenshots__, made in Debian's Chromium).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { OPTIONS_SECTIONS } from './support/options-sections.ts';

async function noAxeViolations(page: Page, state: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(
    violations.map((v) => `${state}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

const SIZE = { width: 1280, height: 800 };

test('the welcome, every step: no axe violation, and its layout as the baseline', async ({ context, extensionId }) => {
  const page = await context.newPage();
  await page.setViewportSize(SIZE);
  await page.goto(`chrome-extension://${extensionId}/welcome.html`);
  await expect(page.getByRole('radio', { name: "I'm leaving X" })).toBeVisible();
  await noAxeViolations(page, 'choice');
  await expect(page).toHaveScreenshot('welcome-choice.png', { fullPage: true });

  await page.getByRole('radio', { name: "I'm leaving X" }).check();
  await page.getByRole('button', { name: 'Confirm my choice' }).click();
  await expect(page.getByTestId('welcome-done')).toBeVisible();
  await noAxeViolations(page, 'done');
  await expect(page).toHaveScreenshot('welcome-done.png', { fullPage: true });

  await page.getByRole('button', { name: 'Next: connect your accounts' }).click();
  await expect(page.getByRole('heading', { name: 'Connect your accounts' })).toBeVisible();
  await noAxeViolations(page, 'connect');
  await expect(page).toHaveScreenshot('welcome-connect.png', { fullPage: true });

  await page.getByRole('button', { name: 'Skip this step' }).click();
  await expect(page.getByRole('heading', { name: 'Try it' })).toBeVisible();
  await noAxeViolations(page, 'try');
});

test('the options, every section: one at a time, named by the navigation, no axe violation', async ({
  context,
  extensionId,
}) => {
  const page = await context.newPage();
  await page.setViewportSize(SIZE);
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(page).toHaveTitle('Sortie — Options');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sortie — Options');
  const nav = page.getByRole('navigation', { name: 'Sections' });
  for (const [name, heading] of OPTIONS_SECTIONS) {
    await nav.getByRole('link', { name }).click();
    await expect(nav.getByRole('link', { name })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('heading', { level: 2, name: heading, exact: true })).toBeVisible();
    // One section shown: every other section's heading is gone, and no heading says the same twice.
    const headings = await page.getByRole('heading').allTextContents();
    expect(new Set(headings).size, headings.join(' | ')).toBe(headings.length);
    await noAxeViolations(page, name);
    if (name === 'Accounts' || name === 'Leaving X') {
      await expect(page).toHaveScreenshot(`options-${name.toLowerCase().replace(/ /g, '-')}.png`, { fullPage: true });
    }
  }
});

test('the popup at 380 px: no sideways scrolling, no axe violation, localized title', async ({
  context,
  extensionId,
}) => {
  const page = await context.newPage();
  await page.setViewportSize({ width: 380, height: 600 });
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(page.getByRole('button', { name: 'Open the composer in a tab' })).toBeVisible();
  await expect(page).toHaveTitle('Sortie — Post to Mastodon and Bluesky');
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await noAxeViolations(page, 'popup');
});

test("the toolbar button's tooltip is localized in both builds (manifest action title from _locales)", async () => {
  const { readFile } = await import('node:fs/promises');
  const { CHROME_BUILD } = await import('./support/paths.ts');
  const { FIREFOX_BUILD } = await import('./support/firefox.ts');
  for (const build of [CHROME_BUILD, FIREFOX_BUILD]) {
    const manifest = JSON.parse(await readFile(`${build}/manifest.json`, 'utf8')) as {
      action: { default_title: string };
    };
    expect(manifest.action.default_title, build).toBe('__MSG_actionTitle__');
    for (const lang of ['en', 'fr']) {
      const messages = JSON.parse(await readFile(`${build}/_locales/${lang}/messages.json`, 'utf8')) as Record<
        string,
        { message: string }
      >;
      expect(messages.actionTitle?.message, `${build} ${lang}`).toMatch(/Sortie/);
    }
  }
});
