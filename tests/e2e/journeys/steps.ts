/** Steps several journeys take, written once against the journey fixture. */
import { createHash } from 'node:crypto';
import type { MastodonTestServer } from '../../servers/mastodon/types.ts';
import type { TestPds } from '../../servers/pds.ts';
import { GECKO_ID } from '../support/firefox.ts';
import { DIALOG as OVERLAY_DIALOG } from '../support/overlay-ui.ts';
import { uniqueName } from '../support/servers.ts';
import { expect, type JourneyBrowser, type Tab } from '../support/journey.ts';

export const accountsText = (tab: Tab) =>
  tab.evaluate<string>(`document.querySelector('[data-testid="accounts"]')?.textContent ?? ''`);

/**
 * A new account on the Mastodon test server, connected on the options page with its token;
 * `server` is the address typed (the server's own, or a cable in front of it).
 */
export async function connectMastodonWithToken(
  journey: JourneyBrowser,
  mastodon: MastodonTestServer,
  prefix: string,
  server = mastodon.url,
): Promise<{ id: string; token: string; username: string; options: Tab }> {
  const account = mastodon.createAccount(uniqueName(prefix));
  const username = mastodon.state.accounts.find((a) => a.id === account.id)!.username;
  const options = await journey.openPage('options.html');
  await options.fill('Your server', server);
  await options.clickText('Older server? Paste an access token');
  await options.fill('Access token', account.token);
  await options.click('Connect with this token');
  await expect.poll(() => accountsText(options), { timeout: 20_000 }).toContain(`@${username}@`);
  return { id: account.id, token: account.token, username, options };
}

/** A new account on the real PDS, connected on the options page with an app password. */
export async function connectBlueskyAccount(
  journey: JourneyBrowser,
  pds: TestPds,
  prefix: string,
): Promise<{ did: string; handle: string; options: Tab }> {
  const me = await pds.createUser(uniqueName(prefix));
  const options = await journey.openPage('options.html');
  await options.fill('Handle or email', me.handle);
  await options.fill('App password', me.appPassword);
  await options.clickText('Self-hosted account or other provider');
  await options.fill('Hosting provider (PDS) address', pds.url);
  await options.click('Connect Bluesky');
  await expect.poll(() => accountsText(options), { timeout: 20_000 }).toContain(me.handle);
  return { did: me.did, handle: me.handle, options };
}

/**
 * Mastodon's OAuth sign-in, as a user does it: "Connect Mastodon", then the server's own page
 * in the browser's identity window. The identity API catches the redirect to the browser's
 * reserved address, which Firefox resolves through the proxy (Chromium's is allowed by the fixture).
 */
export async function signInToMastodon(
  journey: JourneyBrowser,
  allowHosts: (...hosts: string[]) => void,
  options: Tab,
  account: { server: string; username: string; password: string },
): Promise<void> {
  await options.fill('Your server', account.server);
  await authorizeAfter(journey, allowHosts, () => options.click('Connect Mastodon'), account);
  await expect.poll(() => accountsText(options), { timeout: 20_000 }).toContain(`@${account.username}@`);
}

/**
 * What a user does in the server's own sign-in window once `open` (a click on Connect or
 * Reconnect) has opened it: the username, the password, then "Authorize".
 */
export async function authorizeAfter(
  journey: JourneyBrowser,
  allowHosts: (...hosts: string[]) => void,
  open: () => Promise<void>,
  account: { username: string; password: string },
): Promise<void> {
  if (journey.kind === 'firefox')
    allowHosts(`${createHash('sha1').update(GECKO_ID).digest('hex')}.extensions.allizom.org`);
  await open();
  const signIn = await journey.waitForTab(/\/oauth\/authorize/);
  await signIn.fill('Username', account.username);
  await signIn.fill('Password', account.password);
  await signIn.click('Authorize');
}

/** The statuses this account has on the Mastodon test server. */
export const statusesOf = (mastodon: MastodonTestServer, accountId: string) =>
  mastodon.state.statuses.filter((s) => s.accountId === accountId);

/** Every part of the post the composer shows as sent. */
export const ALL_SENT = `(() => { const s = document.querySelector('[data-testid="post-status"]'); const li = s ? s.querySelectorAll('li') : []; return li.length > 0 && [...li].every((l) => l.dataset.state === 'sent'); })()`;

/**
 * Posts what Sortie's overlay on X (tab `x`) frames, as each browser lets the user. Chromium: in
 * the frame, Post scrolled into sight and seen for a moment first (the framed composer posts only
 * once IntersectionObserver v2 has reported it visible for half a second); then the overlay closes
 * and X's box is empty, in X's own state too. Firefox (no IOv2, so no Post in the frame): "Continue
 * in Sortie's tab", where `inOwnTab` checks what came along, and Post there.
 */
export async function postThroughOverlay(
  journey: JourneyBrowser,
  x: Tab,
  framed: Tab,
  post: { text: string; button: string; inOwnTab?: (own: Tab) => Promise<void> },
): Promise<void> {
  if (journey.kind === 'chromium') {
    await framed.evaluate(`document.querySelector('button[type="submit"]').scrollIntoView({ block: 'center' })`);
    await new Promise((r) => setTimeout(r, 1_000));
    await framed.click(post.button);
    await expect.poll(() => x.inOverlay(OVERLAY_DIALOG)).toBeNull();
    await expect
      .poll(() =>
        x.evaluate<string | null>(
          `document.querySelector('[data-testid="inline-composer"]').getAttribute('data-x-state')`,
        ),
      )
      .toBe('');
    return;
  }
  await framed.click("Continue in Sortie's tab");
  const own = await journey.waitForTab(new RegExp(`^${journey.extensionOrigin}/compose\\.html\\?draft=`));
  await own.waitFor(`document.getElementById('text')?.value === ${JSON.stringify(post.text)}`);
  await post.inOwnTab?.(own);
  await own.click(post.button);
  await own.waitFor(ALL_SENT, 30_000);
}

/**
 * The welcome question, answered as a person does: the answer, the "Share on X" box when `share`
 * says how it should be, then "Confirm my choice" (until then x.com is left alone). Returns the
 * welcome tab, on its confirmation.
 */
export async function answerWelcome(
  journey: JourneyBrowser,
  answer: 'leaving' | 'staying',
  share?: boolean,
): Promise<Tab> {
  const welcome = await journey.openPage('welcome.html');
  await welcome.clickText(answer === 'leaving' ? "I'm leaving X" : 'I still use X');
  if (share !== undefined) await welcome.check('Share on X', share);
  await welcome.click('Confirm my choice');
  await welcome.waitFor(
    `document.querySelector('[data-testid="welcome-done"]')?.dataset.choice === ${JSON.stringify(answer)}`,
    15_000,
  );
  return welcome;
}

/**
 * Waits until the background has registered the links page script for the granted sites. It
 * does so a moment after the grant (Firefox's start, with the welcome tab opening, can take
 * seconds); a page opened before that keeps its links, which is what the browser does. With
 * `false`: until it has unregistered it (the option turned off).
 */
export async function linksScriptRegistered(journey: JourneyBrowser, registered = true): Promise<void> {
  const options = await journey.openPage('options.html');
  await expect
    .poll(
      () =>
        options.evaluate<boolean>(
          `(async () => (await (globalThis.browser ?? globalThis.chrome).scripting.getRegisteredContentScripts()).some((s) => s.id === 'sortie-links'))()`,
        ),
      { timeout: 20_000 },
    )
    .toBe(registered);
  await options.close();
}

/**
 * Waits until Sortie has checked the mirrors and chosen one, then makes this one the mirror X links
 * go to (as "Prefer this mirror" in the options does). Returns the options tab it used.
 */
export async function pinMirror(journey: JourneyBrowser, host: string): Promise<Tab> {
  const options = await journey.openPage('options.html');
  await expect
    .poll(async () => (await sortieMessage<{ current: string | null }>(options, 'links.state')).current, {
      timeout: 15_000,
    })
    .not.toBeNull();
  await sortieMessage(options, 'settings.update', { links: { pinnedMirror: host } });
  return options;
}

/** Sends one of Sortie's messages from an extension page, as its own pages do; the reply's value, or throws its error. */
export async function sortieMessage<T>(page: Tab, name: string, body?: unknown): Promise<T> {
  const reply = await page.evaluate<{ ok: boolean; value?: T; error?: { messageKey: string; detail: string } }>(
    `chrome.runtime.sendMessage(${JSON.stringify({ sortie: 1, name, body })})`,
  );
  if (!reply.ok) throw new Error(`${name}: ${reply.error?.messageKey} ${reply.error?.detail}`);
  return reply.value as T;
}

/** The value a `datetime-local` field takes for this moment, in the browser's (and this machine's) time zone. */
function localInput(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** Opens "Send later" in the composer (unless it is open) and sets the time, as a user picks it. */
export async function scheduleAt(compose: Tab, at: Date): Promise<void> {
  const shown = `document.querySelector('input[type="datetime-local"]') !== null`;
  if (!(await compose.evaluate<boolean>(shown))) await compose.click(/^Send later\b/);
  await compose.waitFor(shown);
  await compose.fill('Send at', localInput(at));
}

/** Schedules this text for `at` from the composer: the time, the text, then "Schedule". */
export async function schedulePost(compose: Tab, at: Date, text: string): Promise<void> {
  await scheduleAt(compose, at);
  await compose.fill('What do you want to say?', text);
  await compose.click(/^Schedule( for \d+ accounts?)?$/);
}

/** Types this text in the composer, presses Post, and waits until every part of this post is sent. */
export async function postAndWait(compose: Tab, text: string, timeoutMs = 30_000): Promise<void> {
  const postId = `document.querySelector('[data-testid="post-status"]')?.dataset.postId ?? null`;
  const before = await compose.evaluate<string | null>(postId);
  await compose.fill('What do you want to say?', text);
  await compose.click(/^Post( to \d+ accounts?)?$/);
  await compose.waitFor(`(${postId}) !== ${JSON.stringify(before)} && ${ALL_SENT}`, timeoutMs);
}
