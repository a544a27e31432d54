/**
 * "Share … with Sortie" in the browser's own context menu: a real right-click,
 * the item chosen in the menu the browser draws, and Sortie's own handler
 * opening the composer with what was shared.
 *
 * Firefox only: Chromium draws no context menu in headless mode and no
 * automation protocol can open or click it. Chromium's items are checked
 * where they are created (tests/e2e/composer.spec.ts updates each one).
 */
import { expect, test } from '../support/journey.ts';

const PAGE = `<!doctype html><meta charset="utf-8"><title>Un article</title>
  <p id="quote">Les réseaux ouverts, c'est maintenant.</p>
  <p><a id="link" href="http://blog.example.org/suite">la suite</a></p>`;

test("the context menu shares a page, a selection and a link with Sortie's composer @firefox-only", async ({
  journey,
  recordingProxy,
  allowHosts,
}) => {
  allowHosts('blog.example.org');
  recordingProxy.serve('blog.example.org', () => ({ status: 200, type: 'text/html', body: PAGE }));
  const blog = await journey.newTab('http://blog.example.org/article');
  const composer = async (): Promise<string> => {
    const tab = await journey.waitForTab(new RegExp(`^${journey.extensionOrigin}/compose\\.html\\?`));
    await tab.waitFor(`document.getElementById('text')?.value.length > 0`);
    return tab.evaluate<string>(`document.getElementById('text').value`);
  };

  const onPage = await blog.contextMenu('#quote', 'Share this page with Sortie');
  expect(onPage).toContain('Share this page with Sortie');
  expect(onPage).not.toContain('Share this link with Sortie');
  const page = await composer();
  expect(page).toContain('Un article');
  expect(page).toContain('http://blog.example.org/article');

  await blog.evaluate(`getSelection().selectAllChildren(document.getElementById('quote'))`);
  expect(await blog.contextMenu('#quote', 'Share this selection with Sortie')).toContain(
    'Share this selection with Sortie',
  );
  expect(await composer()).toContain("Les réseaux ouverts, c'est maintenant.");

  await blog.evaluate(`getSelection().removeAllRanges()`);
  expect(await blog.contextMenu('#link', 'Share this link with Sortie')).toContain('Share this link with Sortie');
  expect(await composer()).toContain('http://blog.example.org/suite');
});
