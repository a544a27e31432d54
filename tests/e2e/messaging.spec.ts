import { evaluateInContentScript } from './support/isolated-world.ts';
import { expect, test } from './support/fixtures.ts';
import { answerWelcome } from './support/welcome.ts';

const X_PAGE = '<!doctype html><html><head><title>X</title></head><body><main>Home</main></body></html>';

test('a content script on x.com gets its config but is refused privileged requests', async ({
  context,
  extensionId,
  routeHost,
  allowHosts,
  openPage,
}) => {
  allowHosts('x.com');
  await routeHost('x.com', (route) => route.fulfill({ contentType: 'text/html', body: X_PAGE }));
  // X links go to a mirror by default: this reader still uses X, so typed x.com stays.
  const { page: options } = await openPage('options.html');
  await answerWelcome(options, 'staying');
  const page = await context.newPage();
  await page.goto('https://x.com/home');
  // Nothing in X's own page tells it Sortie is there.
  await expect(page.locator('html')).not.toHaveAttribute('data-sortie', /.*/);

  const send = (name: string, body?: unknown) =>
    evaluateInContentScript<{ ok: boolean; value?: unknown; error?: { messageKey: string } }>(
      page,
      extensionId,
      `chrome.runtime.sendMessage(${JSON.stringify({ sortie: 1, name, body })})`,
    );

  const accounts = await send('accounts.list');
  expect(accounts).toEqual({ ok: false, error: { messageKey: 'error.forbiddenSender', detail: 'accounts.list' } });
  const settings = await send('settings.update', { shareTakeover: false });
  expect(settings.ok).toBe(false);
  expect(settings.error?.messageKey).toBe('error.forbiddenSender');
  const config = await send('page.config');
  expect(config).toMatchObject({ ok: true, value: { xOverlay: true } });
  const malformed = await send('compose.open', { text: 42 });
  expect(malformed.error?.messageKey).toBe('error.invalidMessage');
});
