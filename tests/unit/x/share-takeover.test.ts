/**
 * The background's share features: the share-intent rules it installs from
 * the links compiler, and the context menu's handoff to the compose tab.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  composeUrlForMenu,
  handoffForClick,
  installContextMenus,
  retitleContextMenus,
  type MenusApi,
} from '../../../lib/compose/background/context-menu.ts';
import { syncLinkRules, type DnrApi } from '../../../lib/links/background/dnr-rules.ts';
import type { DnrRule } from '../../../lib/links/dnr-rule.ts';
import { choicePatch, DEFAULT_SETTINGS, mergeSettings } from '../../../lib/settings.ts';
import { takeoverUrl } from '../../../lib/links/takeover.ts';
import { evaluate } from '../links/dnr-eval.ts';

const COMPOSE = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/compose.html';

function fakeDnr(installed: DnrRule[]) {
  let rules = [...installed];
  const api: DnrApi = {
    getDynamicRules: async () => rules,
    updateDynamicRules: vi.fn(async ({ removeRuleIds, addRules }) => {
      rules = [...rules.filter((r) => !removeRuleIds.includes(r.id)), ...(addRules as DnrRule[])];
    }),
  };
  return { api, rules: () => rules };
}

const FALLBACK = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/fallback.html';
const SHARE_ID = 7_050;
const toCompose = (r: DnrRule): boolean => r.id === SHARE_ID && r.action.type === 'block';
/** What Chrome does, and where the background then sends the tab it blocked. */
const go = (rules: DnrRule[], url: string, initiator: string | undefined = 'https://news.example') => ({
  ...evaluate(rules, { url, type: 'main_frame', method: 'get', ...(initiator === undefined ? {} : { initiator }) }),
  landing: takeoverUrl(
    rules,
    { url, type: 'main_frame', method: 'GET', initiator },
    { composeUrl: COMPOSE, fallbackPage: FALLBACK },
  ),
});

describe('share-intent rules', () => {
  it('block every share intent, and the background opens the compose page with its parameters; nothing else', async () => {
    const dnr = fakeDnr([]);
    await syncLinkRules(dnr.api, mergeSettings(DEFAULT_SETTINGS, choicePatch('leaving')), COMPOSE, { kind: 'off' });
    const rules = dnr.rules();
    expect(rules.filter(toCompose)).toHaveLength(1);
    for (const url of [
      'https://twitter.com/intent/tweet?text=Hi&url=https%3A%2F%2Fexample.org&hashtags=a,b&via=me',
      'https://x.com/intent/tweet?text=Hi&url=https%3A%2F%2Fexample.org&hashtags=a,b&via=me',
      'https://x.com/intent/post?text=Hi&url=https%3A%2F%2Fexample.org&hashtags=a,b&via=me',
      'https://twitter.com/share?text=Hi&url=https%3A%2F%2Fexample.org&hashtags=a,b&via=me',
    ]) {
      for (const initiator of ['https://news.example', undefined]) {
        const outcome = go(rules, url, initiator);
        expect(outcome.action, url).toBe('block');
        const target = new URL(outcome.landing!);
        expect(target.href.startsWith(`${COMPOSE}?`)).toBe(true);
        expect(Object.fromEntries(target.searchParams)).toEqual({
          text: 'Hi',
          url: 'https://example.org',
          hashtags: 'a,b',
          via: 'me',
        });
      }
    }
    expect(rules.filter((r) => r.action.type === 'redirect')).toEqual([]);
    expect(go(rules, 'https://x.com/intent/tweet').landing).toBe(COMPOSE);
    // Not a GET, not a page, not X: not Sortie's to take over.
    expect(
      takeoverUrl(
        rules,
        { url: 'https://x.com/intent/tweet?text=Hi', type: 'main_frame', method: 'POST' },
        { composeUrl: COMPOSE, fallbackPage: FALLBACK },
      ),
    ).toBeNull();
    expect(
      takeoverUrl(
        rules,
        { url: 'https://x.com/intent/tweet?text=Hi', type: 'sub_frame' },
        { composeUrl: COMPOSE, fallbackPage: FALLBACK },
      ),
    ).toBeNull();
    expect(
      takeoverUrl(
        rules,
        { url: 'https://example.org/intent/tweet?text=Hi', type: 'main_frame' },
        { composeUrl: COMPOSE, fallbackPage: FALLBACK },
      ),
    ).toBeNull();
    // No mirror is wired in yet: X itself is left alone.
    expect(go(rules, 'https://x.com/jack/status/20').action).toBe('none');
  });

  it("are removed when the takeover is turned off, leaving other modules' rules in place", async () => {
    const other: DnrRule = {
      id: 1,
      priority: 1,
      action: { type: 'allow' },
      condition: { urlFilter: '||example.org^', isUrlFilterCaseSensitive: false, resourceTypes: ['main_frame'] },
    };
    const dnr = fakeDnr([other]);
    await syncLinkRules(dnr.api, DEFAULT_SETTINGS, COMPOSE, { kind: 'off' });
    await syncLinkRules(dnr.api, mergeSettings(DEFAULT_SETTINGS, { shareTakeover: false }), COMPOSE, { kind: 'off' });
    expect(dnr.rules().map((r) => r.id)).toContain(1);
    expect(dnr.rules().filter(toCompose)).toEqual([]);
    expect(go(dnr.rules(), 'https://twitter.com/intent/tweet?text=Hi')).toMatchObject({
      action: 'none',
      landing: null,
    });
  });
});

function fakeMenus() {
  const items = new Map<string, { title: string; contexts: string[]; documentUrlPatterns: string[] }>();
  const api: MenusApi = {
    create: ({ id, ...rest }) => void items.set(id, rest),
    update: async (id, { title }) => {
      const item = items.get(id);
      if (!item) throw new Error(`Cannot find menu item with id ${id}`);
      item.title = title;
    },
    removeAll: async () => items.clear(),
  };
  return { api, items };
}

describe('context menu', () => {
  it("offers page, selection, link and image on web pages, in the user's language", async () => {
    const menus = fakeMenus();
    await installContextMenus(menus.api, 'en');
    expect([...menus.items.values()].map((i) => [i.contexts[0], i.title])).toEqual([
      ['page', 'Share this page with Sortie'],
      ['selection', 'Share this selection with Sortie'],
      ['link', 'Share this link with Sortie'],
      ['image', 'Share this image with Sortie'],
    ]);
    expect(menus.items.get('sortie-share-page')?.documentUrlPatterns).toEqual(['http://*/*', 'https://*/*']);
    await retitleContextMenus(menus.api, 'fr');
    expect(menus.items.get('sortie-share-link')?.title).toBe('Partager ce lien avec Sortie');
    await expect(retitleContextMenus(fakeMenus().api, 'fr')).rejects.toThrow();
  });

  it.each([
    [
      { menuItemId: 'sortie-share-page', pageUrl: 'https://news.example/a' },
      { title: ' A story ' },
      { text: 'A story', url: 'https://news.example/a' },
    ],
    [
      { menuItemId: 'sortie-share-selection', pageUrl: 'https://news.example/a', selectionText: 'a quote' },
      undefined,
      { text: 'a quote', url: 'https://news.example/a' },
    ],
    [
      {
        menuItemId: 'sortie-share-link',
        pageUrl: 'https://news.example/a',
        linkUrl: 'https://other.example/b',
        linkText: 'Other',
      },
      undefined,
      { text: 'Other', url: 'https://other.example/b' },
    ],
    [
      { menuItemId: 'sortie-share-link', linkUrl: 'javascript:alert(1)' },
      undefined,
      { text: undefined, url: undefined },
    ],
    [
      { menuItemId: 'sortie-share-image', pageUrl: 'https://news.example/a', srcUrl: 'https://cdn.example/p.jpg' },
      undefined,
      { url: 'https://news.example/a', image: 'https://cdn.example/p.jpg' },
    ],
    [
      { menuItemId: 'sortie-share-image', pageUrl: 'https://news.example/a', srcUrl: 'blob:https://news.example/1' },
      { title: 'A story' },
      { text: 'A story', url: 'https://news.example/a' },
    ],
    [{ menuItemId: 'someone-else', pageUrl: 'https://news.example/a' }, undefined, null],
  ])('%o hands the composer the right text', (info, tab, expected) => {
    expect(handoffForClick(info, tab)).toEqual(expected);
  });

  it('opens the compose page with text, url and image parameters', () => {
    const url = new URL(
      composeUrlForMenu(COMPOSE, {
        text: 'A & B',
        url: 'https://news.example/a?x=1',
        image: 'https://cdn.example/p.jpg',
      }),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      text: 'A & B',
      url: 'https://news.example/a?x=1',
      image: 'https://cdn.example/p.jpg',
    });
  });
});
