import { describe, expect, it } from 'vitest';
import { createLinksControl, RESUME_ALARM, ALLOW_ONCE_ALARM } from '../../../../lib/links/background/control';
import { isMirrorNetworkFailure, navigationInitiator } from '../../../../lib/links/navigation-errors';
import { HEALTH_ALARM } from '../../../../lib/links/background/health';
import { addUserMirror, listMirrors, setMirrorDisabled } from '../../../../lib/links/background/mirrors';
import { LINKS_SCRIPT_ID, MIRROR_CHECK_SCRIPT_ID } from '../../../../lib/links/background/scripts';
import { openSortieDb } from '../../../../lib/db';
import { BUILT_IN_MIRRORS } from '../../../../lib/links/mirrors';
import { mirrorHref } from '../../../../lib/links/mirror-href';
import { LINK_MIRROR_KEY, readRewriteConfig } from '../../../../lib/links/rewrite-config';
import { PAUSE_UNTIL_RESTART } from '../../../../lib/links/pause';
import { LINK_GUARD_KEY, type LinkGuardConfig } from '../../../../lib/links/sw-guard';
import { choicePatch } from '../../../../lib/settings';
import { updateSettings, getSettings } from '../../../../lib/settings-store';
import { evaluate } from '../dnr-eval';
import { fakeLinksEnv, HEALTHY_PAGE, RATE_LIMITED_PAGE } from './links-env';

const [A, B, C] = BUILT_IN_MIRRORS.map((m) => m.id) as [string, string, string];
const origin = (id: string) => `https://${id}`;
const ruleTarget = (rules: Parameters<typeof evaluate>[0], url: string) => {
  const outcome = evaluate(rules, { url, initiator: 'https://news.example.org' });
  return outcome.action === 'redirect' ? outcome.url : outcome.action;
};

describe('navigationInitiator', () => {
  it.each([
    [{ initiator: 'https://news.example.org' }, 'https://news.example.org'],
    [{ originUrl: 'https://news.example.org/a?b#c' }, 'https://news.example.org'],
    [{ originUrl: null }, undefined],
    [{}, undefined],
    [{ originUrl: 'not a url' }, undefined],
    [{ initiator: 'https://a.example', originUrl: 'https://b.example/' }, 'https://a.example'],
  ])('%j -> %s', (details, expected) => {
    expect(navigationInitiator(details)).toBe(expected);
  });
});

describe('links control: rules, page values, scripts', () => {
  it('right after install, before the welcome question is answered: only links from other sites go to a mirror', async () => {
    const fake = fakeLinksEnv();
    await createLinksControl(fake.env).refresh();
    const go = (url: string, initiator?: string) => {
      const outcome = evaluate(fake.dynamic(), { url, ...(initiator === undefined ? {} : { initiator }) });
      return outcome.action === 'redirect' ? outcome.url : outcome.action;
    };
    expect(go('https://x.com/jack', 'https://news.example.org')).toBe(`${origin(A)}/jack`);
    expect(go('https://x.com/jack')).toBe('none');
    expect(go('https://x.com/jack', 'https://x.com')).toBe('none');
    expect(go('https://x.com/intent/tweet?text=hi', 'https://news.example.org')).not.toBe('block');
    expect(fake.dynamic().some((r) => r.action.type === 'block')).toBe(false);
    expect((fake.store.get(LINK_GUARD_KEY) as LinkGuardConfig).keepXUsable).toBe(true);
    expect(fake.fetched).toEqual([]);
  });

  it('after "I am leaving X", X links go to a mirror and shares to the composer, without any probe', async () => {
    const fake = fakeLinksEnv();
    const links = createLinksControl(fake.env);
    await updateSettings(await openSortieDb(), choicePatch('leaving'));
    await links.refresh();
    expect(ruleTarget(fake.dynamic(), 'https://x.com/jack')).toBe(`${origin(A)}/jack`);
    // Shares are blocked, and the blocked navigation's tab is moved to the composer (no web-accessible page).
    expect(ruleTarget(fake.dynamic(), 'https://x.com/intent/tweet?text=hi')).toBe('block');
    const share = {
      url: 'https://x.com/intent/tweet?text=hi',
      error: 'net::ERR_BLOCKED_BY_CLIENT',
      tabId: 4,
      type: 'main_frame',
      method: 'GET',
    };
    expect(await links.navigationError({ ...share, initiator: 'https://news.example.org' })).toBe(true);
    expect(fake.tabs.update).toHaveBeenCalledWith(4, {
      url: `chrome-extension://abcdefgh/compose.html?xshare=${encodeURIComponent('https://x.com/intent/tweet?text=hi')}&text=hi`,
    });
    // Typed (no initiator) too; a frame, a POST, or a page Sortie did not block is left alone.
    expect(await links.navigationError(share)).toBe(true);
    expect(await links.navigationError({ ...share, type: 'sub_frame' })).toBe(false);
    expect(await links.navigationError({ ...share, method: 'POST' })).toBe(false);
    expect(await links.navigationError({ ...share, url: 'https://x.com/jack' })).toBe(false);
    expect(fake.tabs.update).toHaveBeenCalledTimes(2);
    // Firefox says it its own way: NS_ERROR_ABORT, and originUrl null (not absent) when typed.
    const firefoxShare = {
      url: share.url,
      error: 'NS_ERROR_ABORT',
      tabId: 5,
      type: 'main_frame',
      method: 'GET',
      originUrl: null,
    };
    expect(await links.navigationError(firefoxShare)).toBe(true);
    expect(await links.navigationError({ ...firefoxShare, originUrl: 'https://news.example.org/article' })).toBe(true);
    expect(fake.tabs.update).toHaveBeenCalledTimes(4);
    expect(fake.dynamic().some((r) => r.action.type === 'block')).toBe(true);
    expect(fake.fetched).toEqual([]);
    expect(fake.alarms.get(HEALTH_ALARM)).toEqual({ delayInMinutes: 60, periodInMinutes: 60 });
    // Pages get the mirror's origin and the routes compiled for it, which send a profile where the rules do.
    const page = readRewriteConfig(fake.store.get(LINK_MIRROR_KEY));
    expect(page).toMatchObject({ origin: origin(A), replaceEmbeds: true });
    expect(page !== null && mirrorHref('https://x.com/jack', page.rules)).toBe(`${origin(A)}/jack`);
    expect((fake.store.get(LINK_GUARD_KEY) as LinkGuardConfig).mirror).toEqual({ origin: origin(A), scheme: 'nitter' });
  });

  it('registers the page script on granted sites only (not X, not mirrors) and the mirror check on mirrors', async () => {
    const fake = fakeLinksEnv({ granted: ['*://x.com/*', `${origin(A)}/*`, 'https://mastodon.example/*'] });
    await createLinksControl(fake.env).refresh();
    expect(fake.scripts.get(LINKS_SCRIPT_ID)?.matches).toEqual(['https://mastodon.example/*']);
    expect(fake.scripts.get(LINKS_SCRIPT_ID)?.excludeMatches).toContain(`https://${A}/*`);
    expect(fake.scripts.get(MIRROR_CHECK_SCRIPT_ID)?.matches).toEqual([`https://${A}/*`]);

    const all = fakeLinksEnv({ granted: ['*://*/*'] });
    await createLinksControl(all.env).refresh();
    expect(all.scripts.get(LINKS_SCRIPT_ID)?.matches).toEqual(['*://*/*']);

    await updateSettings(await openSortieDb(), { links: { rewriteInPages: false } });
    await createLinksControl(all.env).refresh();
    expect(all.scripts.has(LINKS_SCRIPT_ID)).toBe(false);
  });

  it('keeps the pinned mirror, and keeps the current one across refreshes', async () => {
    const fake = fakeLinksEnv();
    const links = createLinksControl(fake.env);
    await updateSettings(await openSortieDb(), { links: { pinnedMirror: C } });
    await links.refresh();
    expect(ruleTarget(fake.dynamic(), 'https://x.com/jack')).toBe(`${origin(C)}/jack`);
    await updateSettings(await openSortieDb(), { links: { pinnedMirror: null } });
    await links.refresh();
    expect(ruleTarget(fake.dynamic(), 'https://x.com/jack')).toBe(`${origin(C)}/jack`);
  });

  it('turned off: share rules only, nothing for pages', async () => {
    const fake = fakeLinksEnv();
    await updateSettings(await openSortieDb(), { links: { redirect: false } });
    await createLinksControl(fake.env).refresh();
    expect(ruleTarget(fake.dynamic(), 'https://x.com/jack')).toBe('none');
    expect(fake.store.has(LINK_MIRROR_KEY)).toBe(false);
    expect(fake.scripts.size).toBe(0);
  });
});

describe('links control: failures', () => {
  it('a failing mirror is marked down, others are checked, the tab moves to the same page on a healthy one', async () => {
    const fake = fakeLinksEnv({ answers: { [B]: { status: 200, body: HEALTHY_PAGE } } });
    const links = createLinksControl(fake.env);
    await updateSettings(await openSortieDb(), { links: { pinnedMirror: A } });
    await links.refresh();
    await links.mirrorFailed(7, `${origin(A)}/jack/status/20`, { state: 'down', reason: 'rate-limited', detail: '' });
    expect(fake.tabs.update).toHaveBeenCalledWith(7, { url: `${origin(B)}/jack/status/20` });
    expect(ruleTarget(fake.dynamic(), 'https://x.com/jack')).toBe(`${origin(B)}/jack`);
    const { health } = await listMirrors(await openSortieDb());
    expect(health[A]?.state).toBe('down');
    expect(health[B]?.state).toBe('up');
    expect(fake.fetched).not.toContain(`${origin(A)}/jack`);
  });

  it('when none works, X links and the tab go to the fallback page with the X URL', async () => {
    const fake = fakeLinksEnv({ answers: { [B]: { status: 429, body: RATE_LIMITED_PAGE } } });
    const links = createLinksControl(fake.env);
    await links.refresh();
    await links.navigationError({
      url: `${origin(A)}/jack`,
      error: 'net::ERR_CONNECTION_REFUSED',
      tabId: 3,
      type: 'main_frame',
    });
    expect(fake.tabs.update).toHaveBeenCalledWith(3, {
      url: 'chrome-extension://abcdefgh/fallback.html?url=https://x.com/jack',
    });
    expect(ruleTarget(fake.dynamic(), 'https://x.com/a/status/1')).toBe('block');
    await links.navigationError({
      url: 'https://x.com/a/status/1',
      error: 'net::ERR_BLOCKED_BY_CLIENT',
      tabId: 5,
      type: 'main_frame',
      initiator: 'https://news.example.org',
    });
    expect(fake.tabs.update).toHaveBeenCalledWith(5, {
      url: 'chrome-extension://abcdefgh/fallback.html?url=https://x.com/a/status/1',
    });
    expect(fake.store.has(LINK_MIRROR_KEY)).toBe(false);
    expect((fake.store.get(LINK_GUARD_KEY) as LinkGuardConfig).mirror).toBeNull();
  });

  it('ignores aborted loads, offline, and pages of sites that are not mirrors', async () => {
    const fake = fakeLinksEnv();
    const links = createLinksControl(fake.env);
    await links.refresh();
    await links.navigationError({ url: `${origin(A)}/jack`, error: 'net::ERR_ABORTED', tabId: 3, type: 'main_frame' });
    await links.navigationError({
      url: 'https://news.example.org/',
      error: 'net::ERR_CONNECTION_REFUSED',
      tabId: 3,
      type: 'main_frame',
    });
    expect(fake.tabs.update).not.toHaveBeenCalled();
    expect(isMirrorNetworkFailure('net::ERR_INTERNET_DISCONNECTED')).toBe(false);
    expect(isMirrorNetworkFailure('net::ERR_NAME_NOT_RESOLVED')).toBe(true);
  });

  it('"try another mirror" checks again and answers where to read the URL', async () => {
    const fake = fakeLinksEnv();
    const links = createLinksControl(fake.env);
    expect(await links.retry('https://x.com/jack')).toBeNull();
    fake.clock.now += 60_000;
    fake.env.fetch = async () => new Response(HEALTHY_PAGE, { status: 200 });
    expect(await links.retry('https://x.com/jack')).toMatch(/^https:\/\/.+\/jack$/);
  });

  it('a mirror the user turned off is never chosen', async () => {
    const fake = fakeLinksEnv();
    const db = await openSortieDb();
    await setMirrorDisabled(db, A, true);
    await createLinksControl(fake.env).refresh();
    expect(ruleTarget(fake.dynamic(), 'https://x.com/jack')).toBe(`${origin(B)}/jack`);
  });
});

describe('links control: health rounds', () => {
  it('the hourly round probes due mirrors it may fetch, then rebalances', async () => {
    const fake = fakeLinksEnv({ granted: [`${origin(B)}/*`], answers: { [B]: { status: 200, body: HEALTHY_PAGE } } });
    const links = createLinksControl(fake.env);
    await links.onAlarm(HEALTH_ALARM);
    expect(fake.fetched).toEqual([`${origin(B)}/jack`]);
    expect(ruleTarget(fake.dynamic(), 'https://x.com/jack')).toBe(`${origin(B)}/jack`);
    await links.onAlarm(HEALTH_ALARM);
    expect(fake.fetched).toHaveLength(1);
    fake.clock.now += 3_600_000;
    await links.onAlarm(HEALTH_ALARM);
    expect(fake.fetched).toHaveLength(2);
  });

  it('a user mirror without access is used but never probed', async () => {
    const fake = fakeLinksEnv({ granted: [] });
    const db = await openSortieDb();
    await addUserMirror(db, { origin: 'http://127.0.0.1:8080', scheme: 'nitter' });
    await updateSettings(db, { links: { pinnedMirror: 'http://127.0.0.1:8080' } });
    const links = createLinksControl(fake.env);
    await links.onAlarm(HEALTH_ALARM);
    expect(fake.fetched).toEqual([]);
    expect(ruleTarget(fake.dynamic(), 'https://x.com/jack')).toBe('http://127.0.0.1:8080/jack');
  });
});

describe('links control: pause and "open on X once"', () => {
  it('a timed pause lifts rules, and an alarm brings them back', async () => {
    const fake = fakeLinksEnv();
    const links = createLinksControl(fake.env);
    const db = await openSortieDb();
    await updateSettings(db, { links: { pausedUntil: fake.clock.now + 600_000 } });
    await links.refresh();
    expect(ruleTarget(fake.dynamic(), 'https://x.com/jack')).toBe('none');
    expect(fake.store.has(LINK_MIRROR_KEY)).toBe(false);
    expect(fake.alarms.get(RESUME_ALARM)).toEqual({ when: fake.clock.now + 600_000 });
    fake.clock.now += 600_000;
    await links.onAlarm(RESUME_ALARM);
    expect((await getSettings(db)).links.pausedUntil).toBeNull();
    expect(ruleTarget(fake.dynamic(), 'https://x.com/jack')).not.toBe('none');
  });

  it('a pause until restart ends when the browser starts, whichever event wakes the worker', async () => {
    const fake = fakeLinksEnv();
    const links = createLinksControl(fake.env);
    const db = await openSortieDb();
    await updateSettings(db, { links: { pausedUntil: PAUSE_UNTIL_RESTART } });
    await links.refresh();
    expect(fake.alarms.has(RESUME_ALARM)).toBe(false);
    expect(ruleTarget(fake.dynamic(), 'https://x.com/jack')).toBe('none');
    // Other refreshes in the same session keep it.
    await links.refresh();
    expect((await getSettings(db)).links.pausedUntil).toBe(PAUSE_UNTIL_RESTART);
    fake.restart();
    await links.onStartup();
    expect((await getSettings(db)).links.pausedUntil).toBeNull();
    expect(ruleTarget(fake.dynamic(), 'https://x.com/jack')).not.toBe('none');

    // An unpacked extension gets onInstalled, not onStartup, after a restart: the same happens.
    await updateSettings(db, { links: { pausedUntil: PAUSE_UNTIL_RESTART } });
    await links.refresh();
    fake.restart();
    await links.refresh();
    expect((await getSettings(db)).links.pausedUntil).toBeNull();
  });

  it('"open on X once" lets one exact URL through for a minute, for the rules and the x.com guard', async () => {
    const fake = fakeLinksEnv();
    const links = createLinksControl(fake.env);
    await links.refresh();
    await links.allowOnce('https://x.com/jack/status/20');
    // An exact-URL allow above every redirect (the test rule model has no `|url|` filters).
    const [rule] = fake.session();
    expect(rule).toMatchObject({
      action: { type: 'allow' },
      condition: { urlFilter: '|https://x.com/jack/status/20|', resourceTypes: ['main_frame'] },
    });
    expect(rule!.priority).toBeGreaterThan(Math.max(...fake.dynamic().map((r) => r.priority)));
    expect((fake.store.get(LINK_GUARD_KEY) as LinkGuardConfig).allowOnce.map((a) => a.url)).toEqual([
      'https://x.com/jack/status/20',
    ]);
    fake.clock.now += 60_000;
    await links.onAlarm(ALLOW_ONCE_ALARM);
    expect(fake.session()).toEqual([]);
    expect((fake.store.get(LINK_GUARD_KEY) as LinkGuardConfig).allowOnce).toEqual([]);
  });
});
