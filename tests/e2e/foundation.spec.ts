import { expect, test } from './support/fixtures.ts';

test('the popup opens without console errors and offers the composer', async ({ openPage }) => {
  const { page, errors } = await openPage('popup.html');
  await expect(page.getByRole('button', { name: 'Open the composer in a tab' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('the options page lists no accounts yet and switches to French', async ({ openPage }) => {
  const { page, errors } = await openPage('options.html');
  await expect(page.getByRole('heading', { name: 'Sortie — Options' })).toBeVisible();
  await expect(page.getByTestId('no-accounts')).toBeVisible();
  await page.getByLabel('Language').selectOption('fr');
  await expect(page.getByRole('heading', { name: 'Sortie — Réglages' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  // The choice is stored: a new page opens in French.
  const again = await openPage('options.html');
  await expect(again.page.getByRole('heading', { name: 'Sortie — Réglages' })).toBeVisible();
  expect([...errors, ...again.errors]).toEqual([]);
});
