/**
 * The composer in Chromium: the context menu items exist from install
 * (Chromium draws no menu headless). "Share on X" intents, drafts, Ctrl+Enter
 * and shared images are journeys in both browsers (tests/e2e/journeys/).
 */
import { expect, test } from './support/servers.ts';

type WithMenus = { chrome: { contextMenus: { update(id: string, props: object): Promise<void> } } };

test('the context menu items exist from install (Chromium draws no menu headless; journeys/menus.spec.ts clicks them in Firefox)', async ({
  sortie,
}) => {
  // Updating an item that does not exist fails. They are made as the install ends (welcome tab open).
  const worker = await sortie.serviceWorker();
  const exists = (id: string) =>
    worker
      .evaluate((item) => (globalThis as unknown as WithMenus).chrome.contextMenus.update(item, {}), id)
      .then(
        () => true,
        () => false,
      );
  for (const id of ['sortie-share-page', 'sortie-share-selection', 'sortie-share-link', 'sortie-share-image'])
    await expect.poll(() => exists(id), { message: id }).toBe(true);
});
