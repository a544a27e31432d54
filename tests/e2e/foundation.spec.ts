/** The popup in Chromium, where the fixture collects page errors: it opens without any. Everything else it does is a journey in both browsers. */
import { expect, test } from './support/fixtures.ts';

test('the popup opens without console errors and offers the composer', async ({ openPage }) => {
  const { page, errors } = await openPage('popup.html');
  await expect(page.getByRole('button', { name: 'Open the composer in a tab' })).toBeVisible();
  expect(errors).toEqual([]);
});
