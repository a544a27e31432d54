/**
 * "Share on X" taken over, in both browsers, once the person has said "I'm
 * leaving X": an intent typed, a share link clicked on a news site and the
 * usual share popup all open Sortie's composer prefilled, and X hears
 * nothing; the composer says where the text came from and posts on X anyway
 * only on the user's own click, never a script's; turned off in the options,
 * intents go to X again.
 */
import { expect, test, type Tab } from '../support/journey.ts';
import { serveXTo } from '../support/links.ts';
import { answerWelcome } from './steps.ts';

const NEWS = 'news.example';
const NEWS_PAGE = `<!doctype html><title>News</title>
<a href="https://x.com/intent/post?text=From%20the%20news&url=https%3A%2F%2Fnews.example%2Fstory">Share on X</a>
<button onclick="window.open('https://twitter.com/share?text=In%20a%20popup&url=https%3A%2F%2Fnews.example%2Fp', 'share', 'width=550,height=420')">Tweet</button>`;

/** Whether the background's rule that takes share intents over is in place (read from one of Sortie's pages). */
const shareRuleInstalled = (page: Tab) =>
  page.evaluate<boolean>(
    `(globalThis.browser ?? globalThis.chrome).declarativeNetRequest.getDynamicRules().then((rules) => rules.some((r) => r.id === 7050 && r.action.type === 'block'))`,
  );
const composerText = (tab: Tab) => tab.evaluate<string | null>(`document.getElementById('text')?.value ?? null`);

test('"Share on X" typed, clicked on a site or opened as a popup: Sortie\'s composer, prefilled, and X hears nothing; turned off, X again', async ({
  journey,
  allowHosts,
}) => {
  allowHosts('x.com', 'twitter.com', NEWS);
  const xHits = await serveXTo(journey, '<!doctype html><title>X</title><p>X intent page</p>');
  await journey.serveHttps(NEWS, () => ({ status: 200, type: 'text/html', body: NEWS_PAGE }));
  await answerWelcome(journey, 'leaving');
  const options = await journey.openPage('options.html#leaving');
  // The background installs the rule after the answer: wait for it rather than race it.
  await expect.poll(() => shareRuleInstalled(options)).toBe(true);
  const composer = new RegExp(`^${journey.extensionOrigin.replace(/[.]/g, '\\.')}/compose\\.html\\?`);

  const tab = await journey.newTab();
  await tab.goto(
    'https://twitter.com/intent/tweet?text=Hello%20there&url=https%3A%2F%2Fexample.org%2Fa&hashtags=a,b&via=someone',
  );
  await expect.poll(() => tab.url(), { timeout: 15_000 }).toMatch(composer);
  await expect.poll(() => composerText(tab)).toBe('Hello there https://example.org/a #a #b via @someone');

  // From another site: a link, and the usual share popup.
  await tab.goto(`https://${NEWS}/`);
  await tab.click('Share on X');
  await expect.poll(() => tab.url(), { timeout: 15_000 }).toMatch(composer);
  await expect.poll(() => composerText(tab)).toBe('From the news https://news.example/story');
  await tab.goto(`https://${NEWS}/`);
  await tab.click('Tweet');
  const shared = await journey.waitForTab(composer);
  await expect.poll(() => composerText(shared)).toBe('In a popup https://news.example/p');
  expect(xHits).toEqual([]);

  // The user gives the intents back to X.
  await options.check('"Share on X" buttons open Sortie\'s composer', false);
  await expect.poll(() => shareRuleInstalled(options)).toBe(false);
  await tab.goto('https://twitter.com/intent/tweet?text=For%20X');
  await expect.poll(() => tab.url(), { timeout: 15_000 }).toBe('https://twitter.com/intent/tweet?text=For%20X');
  expect(xHits).toEqual(['https://twitter.com/intent/tweet']);
});

test('a composer opened by "Share on X" says so, and posts on X anyway only on the user\'s own click', async ({
  journey,
  allowHosts,
}) => {
  allowHosts('x.com', NEWS);
  const xHits = await serveXTo(journey, '<!doctype html><title>X</title><p>X intent page</p>');
  const intent = 'https://x.com/intent/post?text=Lu%20ailleurs&url=https%3A%2F%2Fnews.example%2Fstory';
  await journey.serveHttps(NEWS, () => ({
    status: 200,
    type: 'text/html',
    body: `<!doctype html><title>News</title><a href="${intent}">Share on X</a>`,
  }));
  await answerWelcome(journey, 'leaving');
  const options = await journey.openPage('options.html');
  await expect.poll(() => shareRuleInstalled(options)).toBe(true);

  const tab = await journey.newTab(`https://${NEWS}/`);
  await tab.click('Share on X');
  await expect.poll(() => tab.url(), { timeout: 15_000 }).toContain('/compose.html?');
  await expect.poll(() => composerText(tab)).toBe('Lu ailleurs https://news.example/story');
  const note = `document.querySelector('[data-testid="shared-from-x"]')`;
  expect(await tab.evaluate<string>(`${note}?.textContent`)).toContain(
    'A “Share on X” button opened Sortie instead of X',
  );

  // A script's click is not the user's: nothing happens.
  await tab.evaluate(
    `[...${note}.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Post on X anyway').click()`,
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(await tab.url()).toContain('/compose.html?');
  expect(xHits).toEqual([]);

  await tab.click('Post on X anyway');
  await expect.poll(() => tab.url(), { timeout: 15_000 }).toBe(intent);
  expect(xHits).toEqual(['https://x.com/intent/post']);
});
