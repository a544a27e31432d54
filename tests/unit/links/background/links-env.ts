/** Fakes for the browser APIs the links control uses, with what they recorded. */
import { vi } from 'vitest';
import { openSortieDb } from '../../../../lib/db';
import type { DnrRule } from '../../../../lib/links/dnr-rule';
import { BUILT_IN_MIRRORS } from '../../../../lib/links/mirrors';
import type { LinksEnv } from '../../../../lib/links/background/control';
import type { ScriptRegistration } from '../../../../lib/links/background/scripts';

/** A Nitter profile page with a timeline: what a healthy mirror answers to a probe. */
export const HEALTHY_PAGE = '<div class="timeline"><div class="timeline-item">post</div></div>';
export const RATE_LIMITED_PAGE = '<div class="error-panel"><span>Instance has been rate limited.</span></div>';

export type Answer = { status: number; body: string } | 'refused';

export function fakeLinksEnv(options: { granted?: string[]; answers?: Record<string, Answer> } = {}) {
  let dynamic: DnrRule[] = [];
  let session: DnrRule[] = [];
  const scripts = new Map<string, ScriptRegistration>();
  const store = new Map<string, unknown>();
  const sessionStore = new Map<string, unknown>();
  const alarms = new Map<string, { when?: number; periodInMinutes?: number; delayInMinutes?: number }>();
  const granted = options.granted ?? ['*://x.com/*', ...BUILT_IN_MIRRORS.map((m) => `${m.origin}/*`)];
  const answers = options.answers ?? {};
  const clock = { now: 1_000_000 };
  const fetched: string[] = [];
  const tabs = { update: vi.fn(async (_tabId: number, _props: { url: string }) => undefined) };

  const env: LinksEnv = {
    db: openSortieDb,
    dnr: {
      getDynamicRules: async () => dynamic,
      updateDynamicRules: async ({ removeRuleIds, addRules }) => {
        dynamic = [...dynamic.filter((r) => !removeRuleIds.includes(r.id)), ...(addRules as DnrRule[])];
      },
      getSessionRules: async () => session,
      updateSessionRules: async ({ removeRuleIds, addRules }) => {
        session = [...session.filter((r) => !removeRuleIds.includes(r.id)), ...(addRules as DnrRule[])];
      },
    },
    scripting: {
      getRegisteredContentScripts: async (filter) =>
        [...scripts.values()].filter((s) => filter?.ids?.includes(s.id) ?? true),
      registerContentScripts: async (list) => {
        for (const s of list) {
          if (scripts.has(s.id)) throw new Error(`duplicate script id ${s.id}`);
          scripts.set(s.id, s);
        }
      },
      unregisterContentScripts: async (filter) => {
        for (const id of filter?.ids ?? [...scripts.keys()]) scripts.delete(id);
      },
    },
    storage: {
      get: async (keys) =>
        Object.fromEntries(keys.filter((k) => store.has(k)).map((k) => [k, structuredClone(store.get(k))])),
      set: async (items) => {
        for (const [k, v] of Object.entries(items)) store.set(k, structuredClone(v));
      },
      remove: async (keys) => {
        for (const k of keys) store.delete(k);
      },
    },
    session: {
      get: async (keys) =>
        Object.fromEntries(keys.filter((k) => sessionStore.has(k)).map((k) => [k, sessionStore.get(k)])),
      set: async (items) => {
        for (const [k, v] of Object.entries(items)) sessionStore.set(k, v);
      },
    },
    permissions: { getAll: async () => ({ origins: granted }) },
    alarms: {
      create: (name, info) => {
        alarms.set(name, info);
      },
      clear: async (name) => alarms.delete(name),
      get: async (name) => alarms.get(name),
    },
    tabs,
    fetch: async (url) => {
      fetched.push(url);
      const answer = answers[new URL(url).hostname] ?? 'refused';
      if (answer === 'refused') throw new TypeError('Failed to fetch');
      return new Response(answer.body, { status: answer.status });
    },
    now: () => clock.now,
    random: () => 0,
    composeUrl: 'chrome-extension://abcdefgh/compose.html',
    fallbackPage: 'chrome-extension://abcdefgh/fallback.html',
  };

  /** Where the installed rules send a URL (first matching redirect by priority, simplified). */
  const redirects = () => dynamic.filter((r) => r.action.type === 'redirect');
  /** What a browser restart does to session storage. */
  const restart = () => sessionStore.clear();
  return {
    env,
    clock,
    fetched,
    tabs,
    scripts,
    store,
    alarms,
    restart,
    dynamic: () => dynamic,
    session: () => session,
    redirects,
  };
}
