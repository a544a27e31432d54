/** What a user does in Sortie's pages, as reusable steps. */
import type { BrowserContext, Page } from '@playwright/test';
import { expect } from '@playwright/test';

export async function connectBluesky(
  page: Page,
  opts: { identifier: string; appPassword: string; service: string },
): Promise<void> {
  await page.getByLabel('Handle or email').fill(opts.identifier);
  await page.getByLabel('App password').fill(opts.appPassword);
  await page.getByText('Self-hosted account or other provider').click();
  await page.getByLabel('Hosting provider (PDS) address').fill(opts.service);
  await page.getByRole('button', { name: 'Connect Bluesky' }).click();
  await expect(page.getByTestId('accounts')).toContainText(opts.identifier);
}

/** Runs the real OAuth flow: the server's sign-in page opens as a window of the context. */
export async function connectMastodon(
  context: BrowserContext,
  page: Page,
  opts: { server: string; username: string; password: string },
): Promise<void> {
  await page.getByLabel('Your server').fill(opts.server);
  const authPage = context.waitForEvent('page', { predicate: (p) => p.url().includes('/oauth/authorize') });
  await page.getByRole('button', { name: 'Connect Mastodon' }).click();
  const auth = await authPage;
  await auth.locator('#username').fill(opts.username);
  await auth.locator('#password').fill(opts.password);
  await auth.getByRole('button', { name: 'Authorize' }).click();
  await expect(page.getByTestId('accounts')).toContainText(`@${opts.username}@`);
}

/** The composer's Post button: "Post to 2 accounts" once accounts are ticked, "Post" before. */
export const POST = /^Post( to \d+ accounts?)?$/;
/** The same button with a schedule set: "Schedule for 2 accounts". */
export const SCHEDULE = /^Schedule( for \d+ accounts?)?$/;

/**
 * Opens one of the composer's option panels (its toolbar button, by the words on it: "Warning",
 * "Language", "Audience", "Poll", "Send later", "More"); one panel is open at a time.
 */
export async function openComposerOption(
  page: Page,
  option: 'Warning' | 'Language' | 'Audience' | 'Poll' | 'Send later' | 'More',
): Promise<void> {
  const button = page
    .getByRole('group', { name: 'Post options' })
    .getByRole('button', { name: new RegExp(`^${option}\\b`) });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
}

/** Types in the composer and presses Post; waits until every job is sent. */
export async function postFromComposer(page: Page, text: string): Promise<void> {
  const status = page.getByTestId('post-status');
  const previous = (await status.count()) ? await status.getAttribute('data-post-id') : null;
  await page.getByLabel('What do you want to say?').fill(text);
  await page.getByRole('button', { name: POST }).click();
  // The status now follows the new post, not the one before it.
  await expect(status).not.toHaveAttribute('data-post-id', previous ?? '');
  await expect(status.locator('li').first()).toBeVisible();
  await expect(status.locator('li:not([data-state="sent"])')).toHaveCount(0, { timeout: 30_000 });
}

/** The paste-a-token path (servers older than 4.3): quicker for tests that are not about OAuth. */
export async function connectMastodonWithToken(
  page: Page,
  opts: { server: string; token: string; username: string },
): Promise<void> {
  await page.getByLabel('Your server').fill(opts.server);
  await page.getByText('Older server? Paste an access token').click();
  await page.getByLabel('Access token').fill(opts.token);
  await page.getByRole('button', { name: 'Connect with this token' }).click();
  await expect(page.getByTestId('accounts')).toContainText(`@${opts.username}@`);
}
