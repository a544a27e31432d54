/**
 * Hostile x.com against the compose page the overlay frames, in Chromium: X
 * frames Sortie's compose page itself (nearly invisible over its own
 * button, or plainly) and gets a click: no post, no message to X. Firefox's
 * framed composer offers no Post to click (no IntersectionObserver v2). The
 * forged hand-offs, X's synthetic events and the overlay turned off are
 * journeys in both browsers (journeys/hostile-overlay.spec.ts).
 * Worst case assumed: X knows the URL the extension frames (read here from
 * the content script's world) even though it is a per-session dynamic URL.
 */
import { AtpAgent } from '@atproto/api';
import type { Page } from '@playwright/test';
import { evaluateInContentScript } from '../support/isolated-world.ts';
import { expect, test, uniqueName } from '../support/servers.ts';
import { connectBluesky, connectMastodonWithToken } from '../support/ui.ts';
import { FORGE_HANDOFF, HOSTILE_X_CSP, serveX, X_LISTENS } from '../support/x-page.ts';
import type { TestPds } from '../../servers/pds.ts';
import type { MastodonTestServer } from '../../servers/mastodon/types.ts';
import { answerWelcome } from '../support/welcome.ts';

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

interface Attack {
  /** Every message X's window or X's ports received. */
  messages: unknown[];
}

/** First-run choice "I still use X": x.com stays usable when mirror redirects are on. */
async function stillUseX(options: Page): Promise<void> {
  await answerWelcome(options, 'staying');
}

/** The URL the extension frames its composer from, as the content script sees it (X should not know it). */
function composeUrlOf(page: Page, extensionId: string): Promise<string> {
  return evaluateInContentScript<string>(page, extensionId, "chrome.runtime.getURL('/compose.html')");
}

/** X's script: listen on its window for anything Sortie says. */
async function xListens(page: Page): Promise<void> {
  await page.evaluate(X_LISTENS);
}

async function xHeard(page: Page): Promise<unknown[]> {
  return page.evaluate(() => (window as unknown as { __attack: Attack }).__attack.messages);
}

async function connectBoth(
  openPage: (path: string) => Promise<{ page: Page }>,
  pds: TestPds,
  mastodon: MastodonTestServer,
): Promise<{ options: Page; did: string; mastodonId: string }> {
  const me = await pds.createUser(uniqueName('hx'));
  const username = uniqueName('hx');
  const { id: mastodonId, token } = mastodon.createAccount(username);
  const { page: options } = await openPage('options.html');
  await stillUseX(options);
  await connectBluesky(options, { identifier: me.handle, appPassword: me.appPassword, service: pds.url });
  await connectMastodonWithToken(options, { server: mastodon.url, token, username });
  return { options, did: me.did, mastodonId };
}

async function queuedJobs(options: Page): Promise<unknown[]> {
  const reply = await options.evaluate(() => chrome.runtime.sendMessage({ sortie: 1, name: 'outbox.list', body: {} }));
  return (reply as { value: unknown[] }).value;
}

for (const [how, opacity] of [
  ['nearly invisible over its own button', '0.0001'],
  ['plainly visible, without the secret', '1'],
] as const) {
  test(`X frames Sortie's compose page itself (${how}): a click posts nothing and X hears nothing`, async ({
    context,
    openPage,
    routeHost,
    allowHosts,
    extensionId,
    pds,
    mastodon,
  }) => {
    allowHosts('x.com');
    await serveX(routeHost, HOSTILE_X_CSP);
    const { options, did, mastodonId } = await connectBoth(openPage, pds, mastodon);

    const page = await context.newPage();
    await page.goto('https://x.com/home');
    const composeUrl = await composeUrlOf(page, extensionId);
    await xListens(page);
    // X frames the composer prefilled with its text, sends its own hand-off, and puts the frame on top.
    await page.evaluate(
      async ({ url, opacity, forge }) => {
        // eslint-disable-next-line no-eval
        (0, eval)(forge);
        const bait = document.createElement('button');
        bait.textContent = 'Claim your prize';
        bait.dataset.testid = 'bait';
        Object.assign(bait.style, { position: 'fixed', left: '0', top: '0', width: '600px', height: '700px' });
        document.body.append(bait);
        const frame = document.createElement('iframe');
        frame.id = 'x-trap';
        const src = new URL(url);
        src.searchParams.set('embed', '1');
        src.searchParams.set('text', 'X wrote this in your name');
        frame.src = src.toString();
        Object.assign(frame.style, {
          position: 'fixed',
          left: '0',
          top: '0',
          width: '600px',
          height: '700px',
          border: '0',
          opacity,
          zIndex: '2147483647',
        });
        document.body.append(frame);
        await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
        await (window as unknown as { forgeHandoff: (w: Window) => Promise<void> }).forgeHandoff(frame.contentWindow!);
      },
      { url: composeUrl, opacity, forge: `${FORGE_HANDOFF}; window.forgeHandoff = forgeHandoff;` },
    );

    // The user clicks where X's frame has Sortie's Post button (if it shows one at all).
    const frame = page.frameLocator('#x-trap');
    await frame
      .getByRole('button', { name: /^Post( to \d+ accounts?)?$/ })
      .click({ timeout: 8_000 })
      .catch(() => undefined);
    await frame
      .getByLabel('What do you want to say?')
      .press('Control+Enter', { timeout: 2_000 })
      .catch(() => undefined);

    // Nothing queued, nothing on either server, nothing said to X.
    await page.waitForTimeout(2_000);
    expect(await queuedJobs(options)).toEqual([]);
    const agent = new AtpAgent({ service: pds.url });
    const { data } = await agent.com.atproto.repo.listRecords({ repo: did, collection: 'app.bsky.feed.post' });
    expect(data.records).toEqual([]);
    expect(mastodon.state.statuses.filter((s) => s.accountId === mastodonId)).toEqual([]);
    expect(await xHeard(page)).toEqual([]);
  });
}
