/**
 * The first run, in both browsers: Sortie changes nothing on x.com until the
 * person answers the welcome question; the answer sets what it says; the whole
 * welcome works with the keyboard alone, and in French. X, the mirror and a
 * news site are stand-ins (serveHttps).
 */
import { expect, test, type JourneyBrowser, type Tab } from '../support/journey.ts';
import { allowXPreconnects, serveMirrorsTo, serveXTo } from '../support/links.ts';
import { answerWelcome, pinMirror, sortieMessage } from './steps.ts';

const MIRROR = 'nitter.net';
const NEWS = 'news.example.org';
const SHARE = 'https://twitter.com/intent/tweet?text=Leaving%20X&url=https%3A%2F%2Fexample.org%2F';
const NEWS_PAGE = `<!doctype html><title>News</title><a href="https://x.com/jack/status/20">a post</a> <a href="${SHARE}">Share on X</a>`;

/** X, the mirror and the news site served; the mirror chosen, once Sortie has checked it. Returns what X was asked for. */
async function xMirrorAndNews(
  journey: JourneyBrowser,
  allowHosts: (...hosts: string[]) => void,
): Promise<{ xHits: string[]; options: Tab }> {
  if (journey.kind === 'chromium') allowXPreconnects(allowHosts);
  allowHosts('x.com', 'twitter.com', NEWS);
  const xHits = await serveXTo(journey);
  await serveMirrorsTo(journey, allowHosts, { [MIRROR]: 'up' });
  await journey.serveHttps(NEWS, () => ({ status: 200, type: 'text/html', body: NEWS_PAGE }));
  return { xHits, options: await pinMirror(journey, MIRROR) };
}

const text = (tab: Tab, testId: string) =>
  tab.evaluate<string>(`document.querySelector('[data-testid="${testId}"]')?.textContent ?? ''`);
/** Whether the page shows this text (spaces, no-break ones included, read as one). */
const says = (tab: Tab, words: string) =>
  tab.waitFor(`document.body.textContent.replace(/\\s+/g, ' ').includes(${JSON.stringify(words)})`);
const checked = (tab: Tab, id: string) => tab.evaluate<boolean>(`document.getElementById('${id}')?.checked`);

test("before the answer, x.com is left alone: only links from other sites go to a mirror, shares stay X's", async ({
  journey,
  allowHosts,
}) => {
  const { xHits } = await xMirrorAndNews(journey, allowHosts);
  const welcome = await journey.openPage('welcome.html');
  // The page names itself once its words are loaded (the static title is "Sortie").
  await welcome.waitFor(`document.title === 'Sortie — Welcome'`);
  // The words come with the settings, which may answer after the title is set.
  await welcome.waitFor(`document.querySelector('[data-testid="welcome-now"]') !== null`);
  expect(await text(welcome, 'welcome-now')).toContain('Nothing has changed on x.com');

  const tab = await journey.newTab();
  // Typed (no site started it): stays on X.
  await tab.goto('https://x.com/jack');
  await expect.poll(() => tab.url()).toBe('https://x.com/jack');
  // A share intent typed, then clicked on a site: X's own page, not Sortie's composer.
  await tab.goto(SHARE);
  await expect.poll(() => tab.url()).toBe(SHARE);
  await tab.goto(`https://${NEWS}/`);
  await tab.click('Share on X');
  await expect.poll(() => tab.url()).toBe(SHARE);
  // A post link clicked on another site: the mirror.
  await tab.goto(`https://${NEWS}/`);
  await tab.click('a post');
  await expect.poll(() => tab.url(), { timeout: 15_000 }).toBe(`https://${MIRROR}/jack/status/20`);
  expect(xHits).toEqual(['https://x.com/jack', 'https://twitter.com/intent/tweet', 'https://twitter.com/intent/tweet']);
});

test('"I\'m leaving X": the confirmation says what was set, x.com typed opens on the mirror, "Share on X" follows its own box', async ({
  journey,
  allowHosts,
}) => {
  const { xHits } = await xMirrorAndNews(journey, allowHosts);
  const welcome = await answerWelcome(journey, 'leaving', false);
  const done = await text(welcome, 'welcome-done');
  expect(done).toContain('Every X link opens on a mirror');
  expect(done).toContain('“Share on X” buttons still go to X.');

  const tab = await journey.newTab();
  await tab.goto('https://x.com/jack');
  await expect.poll(() => tab.url(), { timeout: 15_000 }).toBe(`https://${MIRROR}/jack`);
  await tab.goto(SHARE);
  await expect.poll(() => tab.url()).toBe(SHARE);
  expect(xHits).toEqual(['https://twitter.com/intent/tweet']);

  // The options say the same, and the answer can be changed there.
  const again = await journey.openPage('options.html#leaving');
  await again.waitFor(`document.querySelector('[data-testid="choice-now"]')?.dataset.choice === 'leaving'`);
  const boxes = await again.evaluate<{ label: string; checked: boolean }[]>(
    `[...document.querySelectorAll('input[type="checkbox"]')].map((b) => ({ label: b.labels?.[0]?.textContent ?? '', checked: b.checked }))`,
  );
  expect(boxes.find((b) => /Share on X/.test(b.label))?.checked).toBe(false);
  expect(boxes.find((b) => /I still use X/.test(b.label))?.checked).toBe(false);
});

/** Presses Tab until what has the focus is named like `name`; fails after `max` presses. */
async function tabTo(tab: Tab, name: RegExp, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await tab.keyboard('Tab');
    if (name.test(await tab.focused())) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

const focusedHeading = (tab: Tab) =>
  tab.evaluate<string>(`document.activeElement?.tagName === 'H2' ? document.activeElement.textContent : ''`);

test('the whole welcome with the keyboard alone: answer, confirm, connect step, try it', async ({ journey }) => {
  const welcome = await journey.openPage('welcome.html');
  // Tab enters the group of answers; the arrow keys choose within it.
  await tabTo(welcome, /I'm leaving X/);
  await welcome.keyboard('ArrowDown');
  expect(await welcome.focused()).toMatch(/I still use X/);
  await welcome.waitFor(`document.querySelector('input[type="radio"][value="staying"]')?.checked === true`);
  expect(await checked(welcome, 'welcome-share')).toBe(false);
  await tabTo(welcome, /Confirm my choice/);
  await welcome.keyboard('Enter');
  const done = `document.querySelector('[data-testid="welcome-done"]')`;
  await welcome.waitFor(`${done} !== null`);
  expect(await welcome.evaluate<string>(`${done}.dataset.choice`)).toBe('staying');
  // The step's heading has the focus: the next Tab starts at its top.
  await expect.poll(() => focusedHeading(welcome)).toMatch(/^Done/);
  await tabTo(welcome, /Next: connect your accounts/);
  await welcome.keyboard('Enter');
  await expect.poll(() => focusedHeading(welcome)).toBe('Connect your accounts');
  await tabTo(welcome, /Handle or email/);
  await tabTo(welcome, /Your server/);
  await tabTo(welcome, /Skip this step/);
  await welcome.keyboard('Enter');
  await expect.poll(() => focusedHeading(welcome)).toBe('Try it');
  await tabTo(welcome, /Open the composer/);
  await welcome.keyboard('Enter');
  await expect.poll(() => journey.tabUrls()).toContain(`${journey.extensionOrigin}/compose.html`);
});

test('the welcome in French: plain words, inclusive, and the same steps', async ({ journey }) => {
  const options = await journey.openPage('options.html');
  await sortieMessage(options, 'settings.update', { language: 'fr' });
  const welcome = await journey.openPage('welcome.html');
  await expect.poll(() => welcome.evaluate<string>('document.title')).toBe('Sortie — Bienvenue');
  expect(await welcome.evaluate<string>(`document.querySelector('h1')?.textContent`)).toBe('Bienvenue dans Sortie');
  await welcome.clickText('Je quitte X');
  expect(await checked(welcome, 'welcome-share')).toBe(true);
  await welcome.click('Valider mon choix');
  await says(welcome, 'Les boutons « Partager sur X » ouvrent l’éditeur de Sortie.');
  await welcome.click('Suivant : connecter vos comptes');
  await says(welcome, 'Pas encore de compte Mastodon ?');
  expect(
    await welcome.evaluate<boolean>(
      `[...document.querySelectorAll('a')].some((a) => a.textContent.trim() === 'piaille.fr')`,
    ),
  ).toBe(true);
});

test('the options switched to French hold for every new page; the privacy section reads in French, every control named', async ({
  journey,
}) => {
  const options = await journey.openPage('options.html');
  await options.waitFor(`document.querySelector('[data-testid="no-accounts"]') !== null`);
  expect(await options.evaluate<string>(`document.querySelector('h1')?.textContent`)).toBe('Sortie — Options');
  await options.select('Language', 'fr');
  await expect
    .poll(() => options.evaluate<string>(`document.querySelector('h1')?.textContent`))
    .toBe('Sortie — Réglages');
  expect(await options.evaluate<string>('document.documentElement.lang')).toBe('fr');

  // The choice is stored: a new page opens in French, here on the privacy section.
  const privacy = await journey.openPage('options.html#privacy');
  const section = `document.getElementById('privacy')`;
  await expect
    .poll(() => privacy.evaluate<string>(`${section}?.querySelector('h2')?.textContent ?? ''`))
    .toBe('Vie privée et données');
  expect(await privacy.evaluate<string>(`${section}.textContent`)).toContain('pas de serveur Sortie');
  const names = await privacy.evaluate<string[]>(
    `[...${section}.querySelectorAll('button')].map((b) => b.textContent.trim())`,
  );
  expect(names).toContain('Exporter dans un fichier');
  expect(
    await privacy.evaluate<string[]>(
      `[...${section}.querySelectorAll('input')].map((i) => i.labels?.[0]?.textContent.trim() ?? i.getAttribute('aria-label'))`,
    ),
  ).toContain('Fichier de sauvegarde');
  await privacy.click('Effacer tout ce que Sortie a gardé…');
  const dialog = `[...document.querySelectorAll('[role="dialog"], dialog')].find((d) => d.textContent.includes('Tout effacer'))`;
  await privacy.waitFor(`${dialog}?.textContent.includes('Aucun message n’attend d’être envoyé.')`);
  await privacy.click('Annuler');
  await privacy.waitFor(`!${dialog} || ${dialog}.open === false || ${dialog}.hidden`);
  // Every form control in the section has an accessible name.
  expect(
    await privacy.evaluate<string[]>(
      `[...${section}.querySelectorAll('input, button, select, textarea')].filter((el) => !el.labels?.length && !el.getAttribute('aria-label') && !(el.textContent ?? '').trim()).map((el) => el.outerHTML)`,
    ),
  ).toEqual([]);
});
