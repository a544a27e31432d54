/**
 * The welcome question, answered as a person does: on the welcome page, by
 * the answer's label, then "Confirm my choice". Until then a fresh profile
 * leaves x.com alone (lib/settings.ts, XChoice).
 */
import { expect, type BrowserContext, type Page } from '@playwright/test';

const LABELS = { leaving: "I'm leaving X", staying: 'I still use X' } as const;

/** Opens the welcome page in a new tab, answers, waits for the confirmation; returns that tab. */
export async function answerWelcome(context: BrowserContext, extensionId: string, answer: keyof typeof LABELS, share?: boolean): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/welcome.html`);
  await page.getByRole('radio', { name: LABELS[answer] }).check();
  if (share !== undefined) await page.getByRole('checkbox', { name: /Share on X/ }).setChecked(share);
  await page.getByRole('button', { name: 'Confirm my choice' }).click();
  await expect(page.getByTestId('welcome-done')).toHaveAttribute('data-choice', answer);
  return page;
}
