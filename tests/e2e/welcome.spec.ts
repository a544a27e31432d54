/**
 * The first run, in Chromium with the built extension: Sortie opens its own
 * welcome tab and changes nothing on x.com until the person answers; the
 * answer sets what it says; the whole welcome works with the keyboard alone.
 * X, the mirror and a news site are stand-ins served through routes.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { allowXPreconnects, linksReady, serveMirrors, serveX, updateSettings } from './support/links.ts';
import { answerWelcome } from './support/welcome.ts';

const MIRROR = 'nitter.net';
const NEWS = 'news.example.org';
const SHARE = 'https://twitter.com/intent/tweet?text=Leaving%20X&url=https%3A%2F%2Fexample.org%2F';
const newsPage = `<!doctype html><title>News</title><a id="post" href="https://x.com/jack/status/20">a post</a> <a id="share" href="${SHARE}">Share on X</a>`;

async function welcomeTab(context: import('@playwright/test').BrowserContext, extensionId: string): Promise<Page> {
  const url = `chrome-extension://${extensionId}/welcome.html`;
  await expect.poll(() => context.pages().map((p) => p.url()), { timeout: 20_000 }).toContain(url);
  return context.pages().find((p) => p.url() === url)!;
}

test("a fresh install opens the welcome tab and leaves x.com alone: only links from other sites go to a mirror, shares stay X's", async ({
  context,
  extensionId,
  openPage,
  routeHost,
  allowHosts,
}) => {
  allowXPreconnects(allowHosts);
  allowHosts('x.com', 'twitter.com');
  const xHits = await serveX(routeHost);
  await serveMirrors(routeHost, allowHosts, { [MIRROR]: 'up' });
  allowHosts(NEWS);
  await routeHost(NEWS, (route) => route.fulfill({ contentType: 'text/html', body: newsPage }));

  const welcome = await welcomeTab(context, extensionId);
  await expect(welcome.getByRole('heading', { name: 'Welcome to Sortie' })).toBeVisible();
  await expect(welcome).toHaveTitle('Sortie — Welcome');
  await expect(welcome.getByTestId('welcome-now')).toContainText('Nothing has changed on x.com');
  expect(
    context
      .pages()
      .map((p) => p.url())
      .filter((u) => !u.startsWith(`chrome-extension://${extensionId}/`) && u !== 'about:blank'),
  ).toEqual([]);

  const { page: options } = await openPage('options.html');
  await linksReady(options);
  await updateSettings(options, { links: { pinnedMirror: MIRROR } });

  const page = await context.newPage();
  // Typed (no initiator): stays on X.
  await page.goto('https://x.com/jack');
  await expect(page).toHaveURL('https://x.com/jack');
  // A share intent typed, then clicked on a site: X's own page, not Sortie's composer.
  await page.goto(SHARE);
  await expect(page).toHaveURL(SHARE);
  await page.goto(`https://${NEWS}/`);
  await page.click('#share');
  await expect(page).toHaveURL(SHARE);
  // A post link clicked on another site: the mirror.
  await page.goto(`https://${NEWS}/`);
  await page.click('#post');
  await expect(page).toHaveURL(`https://${MIRROR}/jack/status/20`);
  expect(xHits).toEqual(['https://x.com/jack', SHARE, SHARE]);
});

test('"I\'m leaving X": the confirmation says what was set and x.com typed now opens on the mirror; "Share on X" follows its own switch', async ({
  context,
  extensionId,
  openPage,
  routeHost,
  allowHosts,
}) => {
  allowXPreconnects(allowHosts);
  allowHosts('x.com', 'twitter.com');
  const xHits = await serveX(routeHost);
  await serveMirrors(routeHost, allowHosts, { [MIRROR]: 'up' });
  const { page: options } = await openPage('options.html');
  await linksReady(options);
  await updateSettings(options, { links: { pinnedMirror: MIRROR } });

  const welcome = await answerWelcome(options, 'leaving', false);
  const done = welcome.getByTestId('welcome-done');
  await expect(done).toContainText('Every X link opens on a mirror');
  await expect(done).toContainText('“Share on X” buttons still go to X.');

  const page = await context.newPage();
  await page.goto('https://x.com/jack');
  await expect(page).toHaveURL(`https://${MIRROR}/jack`);
  await page.goto(SHARE);
  await expect(page).toHaveURL(SHARE);
  expect(xHits).toEqual([SHARE]);

  // The options say the same, and the answer can be changed there.
  const again = await context.newPage();
  await again.goto(`chrome-extension://${extensionId}/options.html#leaving`);
  await expect(again.getByTestId('choice-now')).toHaveAttribute('data-choice', 'leaving');
  await expect(again.getByRole('checkbox', { name: /Share on X/ })).not.toBeChecked();
  await expect(again.getByRole('checkbox', { name: /I still use X/ })).not.toBeChecked();
});

/** Presses Tab until the focused element's accessible name matches; fails after `max` presses. */
async function tabTo(page: Page, name: RegExp, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      // Before the page has the focus, the body is "focused": its text holds every name on the page.
      if (!el || el === document.body) return '';
      const label = (el as HTMLInputElement).labels?.[0]?.textContent ?? '';
      return `${el.getAttribute('aria-label') ?? ''} ${label} ${el.tagName === 'INPUT' ? '' : (el.textContent ?? '')}`.trim();
    });
    if (name.test(focused)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

test('the whole welcome with the keyboard alone: answer, confirm, connect step, try it', async ({
  context,
  extensionId,
}) => {
  const welcome = await welcomeTab(context, extensionId);
  await welcome.bringToFront();
  // Tab enters the group of answers; the arrow keys choose within it.
  await tabTo(welcome, /I'm leaving X/);
  await welcome.keyboard.press('ArrowDown');
  await expect(welcome.getByRole('radio', { name: 'I still use X' })).toBeChecked();
  await expect(welcome.getByRole('checkbox', { name: /Share on X/ })).not.toBeChecked();
  await tabTo(welcome, /Confirm my choice/);
  await welcome.keyboard.press('Enter');
  await expect(welcome.getByTestId('welcome-done')).toHaveAttribute('data-choice', 'staying');
  // The step's heading has the focus: the next Tab starts at its top.
  await expect(welcome.getByRole('heading', { name: /^Done/ })).toBeFocused();
  await tabTo(welcome, /Next: connect your accounts/);
  await welcome.keyboard.press('Enter');
  await expect(welcome.getByRole('heading', { name: 'Connect your accounts' })).toBeFocused();
  await tabTo(welcome, /Handle or email/);
  await tabTo(welcome, /Your server/);
  await tabTo(welcome, /Skip this step/);
  await welcome.keyboard.press('Enter');
  await expect(welcome.getByRole('heading', { name: 'Try it' })).toBeFocused();
  await tabTo(welcome, /Open the composer/);
  await welcome.keyboard.press('Enter');
  await expect
    .poll(() => context.pages().map((p) => p.url()))
    .toContain(`chrome-extension://${extensionId}/compose.html`);
});

test('the welcome in French: plain words, inclusive, and the same steps', async ({
  context,
  extensionId,
  openPage,
}) => {
  const { page: options } = await openPage('options.html');
  await updateSettings(options, { language: 'fr' });
  const welcome = await context.newPage();
  await welcome.goto(`chrome-extension://${extensionId}/welcome.html`);
  await expect(welcome).toHaveTitle('Sortie — Bienvenue');
  await expect(welcome.getByRole('heading', { name: 'Bienvenue dans Sortie' })).toBeVisible();
  await welcome.getByRole('radio', { name: 'Je quitte X' }).check();
  await expect(welcome.getByRole('checkbox', { name: /Partager sur X/ })).toBeChecked();
  await welcome.getByRole('button', { name: 'Valider mon choix' }).click();
  await expect(welcome.getByText('Les boutons « Partager sur X » ouvrent l’éditeur de Sortie.')).toBeVisible();
  await welcome.getByRole('button', { name: 'Suivant : connecter vos comptes' }).click();
  await expect(welcome.getByText('Pas encore de compte Mastodon ?')).toBeVisible();
  await expect(welcome.getByRole('link', { name: 'piaille.fr' })).toBeVisible();
});
