/**
 * The welcome question, answered as a person does: on the welcome page, by
 * the answer's label, then "Confirm my choice". Until then a fresh profile
 * leaves x.com alone (lib/settings.ts, XChoice).
 */
import { expect, type Page } from '@playwright/test';

const LABELS = { leaving: "I'm leaving X", staying: 'I still use X' } as const;

/**
 * Opens the welcome page in a new tab of the browser `from` (one of Sortie's
 * pages) belongs to, answers, waits for the confirmation; returns that tab.
 */
export async function answerWelcome(from: Page, answer: keyof typeof LABELS, share?: boolean): Promise<Page> {
  const page = await from.context().newPage();
  // Node's URL gives extension origins as "null": take scheme and host as written.
  const origin = /^[a-z-]+:\/\/[^/]+/.exec(from.url())![0];
  await page.goto(`${origin}/welcome.html`);
  // Answered before: the page opens on what was set, with a way to change it.
  const radio = page.getByRole('radio', { name: LABELS[answer] });
  const change = page.getByRole('button', { name: 'Change my answer' });
  await expect(radio.or(change)).toBeVisible();
  if (await change.isVisible()) await change.click();
  await radio.check();
  if (share !== undefined) await page.getByRole('checkbox', { name: /Share on X/ }).setChecked(share);
  await page.getByRole('button', { name: 'Confirm my choice' }).click();
  await expect(page.getByTestId('welcome-done')).toHaveAttribute('data-choice', answer);
  return page;
}
