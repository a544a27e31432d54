/**
 * Drafts as a person keeps them, in both browsers: listed, opened and
 * deleted, saved as typed (a reload finds them), and still there after the
 * browser is closed and opened again on the same profile.
 */
import { expect, test, type Tab } from '../support/journey.ts';

const TEXT = 'What do you want to say?';

const boxText = (tab: Tab) => tab.evaluate<string>(`document.getElementById('text')?.value ?? null`);
const listed = (tab: Tab) =>
  tab.evaluate<string[]>(
    `[...document.querySelectorAll('[data-testid="drafts"] li')].map((li) => li.textContent.replace(/\\s+/g, ' ').trim())`,
  );
const boxReads = (text: string) => `document.getElementById('text')?.value === ${JSON.stringify(text)}`;

test.use({ restartable: true });

test('drafts are listed, opened and deleted, and survive closing the browser', async ({ journey }) => {
  const first = await journey.openPage('compose.html');
  await first.fill(TEXT, 'First draft, kept for later');
  await first.click('New draft');
  await first.waitFor(boxReads(''));
  await first.fill(TEXT, 'Second draft 🌱');
  await first.waitFor(`document.querySelectorAll('[data-testid="drafts"] li').length === 2`);
  const shown = await listed(first);
  expect(shown).toHaveLength(2);
  expect(shown[0]).toContain('Second draft 🌱');
  expect(shown[1]).toContain('First draft, kept for later');
  // Saved as typed: a reload finds it.
  await first.goto(`${journey.extensionOrigin}/compose.html`);
  await first.waitFor(boxReads('Second draft 🌱'));

  // Reopened on the same profile: the last draft is back in the box, the other one in the list.
  const again = await journey.restart();
  const page = await again.openPage('compose.html');
  await page.waitFor(boxReads('Second draft 🌱'));
  await page.click('Open draft: First draft, kept for later');
  await page.waitFor(boxReads('First draft, kept for later'));
  await page.click('Delete draft: Second draft 🌱');
  await page.waitFor(`document.querySelectorAll('[data-testid="drafts"] li').length === 1`);
  await page.goto(`${again.extensionOrigin}/compose.html`);
  await page.waitFor(boxReads('First draft, kept for later'));
  expect(await boxText(page)).toBe('First draft, kept for later');
  expect(await listed(page)).toHaveLength(1);
});
