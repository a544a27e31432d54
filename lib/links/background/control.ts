/**
 * The links feature in the background: picks the mirror, installs the rules
 * for it (or for the fallback page when none works), keeps the values content
 * scripts read in storage.local, registers the page scripts where the user
 * granted access, checks mirror health from alarms, and reacts to failures
 * reported from real use (../navigation-errors.ts says which) by moving the
 * reader on to the next mirror.
 *
 * Waking the worker costs nothing here: work only happens on install,
 * startup, settings changes, alarms, failures and the user's own requests.
 */
import type { Db } from '../../db.ts';
import { fallbackUrl, normalizeException } from '../dnr.ts';
import type { DnrRule } from '../dnr-rule.ts';
import { nextMirrorAfterFailure, pickMirror, type HealthMap, type ProbeVerdict } from '../health.ts';
import { isRedirectableMirror } from '../mirror-routes.ts';
import { rewriteToMirror, type Mirror } from '../mirrors.ts';
import { xUrlFromMirrorUrl } from '../mirror-reverse.ts';
import { LINK_MIRROR_KEY } from '../rewrite-config.ts';
import { compilePageRules } from '../page-rules.ts';
import { isPausedUntilRestart } from '../pause.ts';
import { LINK_GUARD_KEY, type LinkGuardConfig } from '../sw-guard.ts';
import { parseXUrl } from '../x-url.ts';
import { getSettings, updateSettings } from '../../settings-store.ts';
import type { Settings } from '../../settings.ts';
import {
  ALLOW_ONCE_MS,
  addAllowOnce,
  clearAllowOnce,
  linkRuleSettings,
  syncLinkRules,
  type DnrApi,
  type LinkDestination,
  type SessionDnrApi,
} from './dnr-rules.ts';
import {
  dueForRound,
  dueOnDemand,
  HEALTH_ALARM,
  HEALTH_PERIOD_MINUTES,
  probeMirrors,
  type FetchLike,
} from './health.ts';
import { activeMirrors, listMirrors, saveHealth, type MirrorList } from './mirrors.ts';
import {
  blockedNavigationTarget,
  isMirrorNetworkFailure,
  mayBeBlockedByUs,
  type NavigationErrorDetails,
} from '../navigation-errors.ts';
import { settingsAfterRestart } from './pause-session.ts';
import {
  linkScriptMatches,
  mirrorCheckMatches,
  originGranted,
  syncContentScripts,
  type ScriptingApi,
} from './scripts.ts';

export const RESUME_ALARM = 'sortie.links.resume';
export const ALLOW_ONCE_ALARM = 'sortie.links.allowOnce';
/** The mirror in use, kept so the target does not hop on every settings change. */
const CURRENT_KEY = 'sortie.linkCurrent';

export interface LinksEnv {
  db: () => Promise<Db>;
  dnr: DnrApi & SessionDnrApi;
  scripting: ScriptingApi;
  storage: {
    get(keys: string[]): Promise<Record<string, unknown>>;
    set(items: Record<string, unknown>): Promise<void>;
    remove(keys: string[]): Promise<void>;
  };
  /** storage.session: emptied when the browser (or the extension) restarts. */
  session: {
    get(keys: string[]): Promise<Record<string, unknown>>;
    set(items: Record<string, unknown>): Promise<void>;
  };
  permissions: { getAll(): Promise<{ origins?: string[] }> };
  alarms: {
    create(
      name: string,
      info: { when?: number; periodInMinutes?: number; delayInMinutes?: number },
    ): Promise<void> | void;
    clear(name: string): Promise<boolean>;
    get(name: string): Promise<unknown>;
  };
  tabs: { update(tabId: number, props: { url: string }): Promise<unknown> };
  fetch: FetchLike;
  now: () => number;
  random: () => number;
  /** chrome-extension://ID/compose.html */
  composeUrl: string;
  /** chrome-extension://ID/fallback.html */
  fallbackPage: string;
}

interface AllowOnceEntry {
  url: string;
  until: number;
}

export interface LinksControl {
  refresh(options?: { rebalance?: boolean }): Promise<LinkDestination>;
  onStartup(): Promise<void>;
  onAlarm(name: string): Promise<void>;
  /** A mirror page failed its reader (error status, rate-limit page, network error). */
  mirrorFailed(tabId: number | undefined, url: string, verdict: ProbeVerdict): Promise<void>;
  /**
   * webRequest.onErrorOccurred for a top-level navigation: one Sortie's rules
   * blocked (a share intent, an X page when no mirror works) moves its tab to
   * the composer or the fallback page, and resolves true; a mirror that
   * failed moves the reader on.
   */
  navigationError(details: NavigationErrorDetails): Promise<boolean>;
  /** Re-checks mirrors now (a user's request); the URL to open for `xUrl`, or null when none works. */
  retry(xUrl: string): Promise<string | null>;
  checkNow(): Promise<void>;
  allowOnce(xUrl: string): Promise<void>;
  /** Runs `work` in the same queue as the rest (mirror edits from the options page). */
  serial<T>(work: () => Promise<T>): Promise<T>;
  currentMirrorId(): Promise<string | null>;
}

export function createLinksControl(env: LinksEnv): LinksControl {
  let chain: Promise<unknown> = Promise.resolve();
  function serial<T>(work: () => Promise<T>): Promise<T> {
    const run = chain.then(work, work);
    // The caller gets the outcome through `run`; the queue only needs to move on.
    chain = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  async function granted(): Promise<string[]> {
    return (await env.permissions.getAll()).origins ?? [];
  }

  async function readAllowOnce(now: number): Promise<AllowOnceEntry[]> {
    const guard = (await env.storage.get([LINK_GUARD_KEY]))[LINK_GUARD_KEY] as Partial<LinkGuardConfig> | undefined;
    return (guard?.allowOnce ?? []).filter((a) => a.until > now);
  }

  async function currentId(): Promise<string | null> {
    const value = (await env.storage.get([CURRENT_KEY]))[CURRENT_KEY];
    return typeof value === 'string' ? value : null;
  }

  function usable(list: MirrorList): Mirror[] {
    return activeMirrors(list).filter(isRedirectableMirror);
  }

  async function writePageValues(
    settings: Settings,
    target: LinkDestination,
    allowOnce: AllowOnceEntry[],
    now: number,
  ): Promise<void> {
    const paused = settings.links.pausedUntil !== null && now < settings.links.pausedUntil;
    const mirror = target.kind === 'mirror' ? target.mirror : null;
    const mirrorValue =
      mirror === null
        ? null
        : {
            origin: mirror.origin,
            scheme: mirror.scheme,
            ...(mirror.templates === undefined ? {} : { templates: mirror.templates }),
          };
    const guard: LinkGuardConfig = {
      enabled: settings.links.redirect,
      mirror: mirrorValue,
      keepXUsable: settings.links.keepXUsable,
      exceptions: settings.links.exceptions.map(normalizeException).filter((p): p is string => p !== null),
      pausedUntil: settings.links.pausedUntil,
      allowOnce,
    };
    await env.storage.set({ [LINK_GUARD_KEY]: guard, ...(mirror === null ? {} : { [CURRENT_KEY]: mirror.id }) });
    const page = mirror === null ? null : compilePageRules(linkRuleSettings(settings, env.composeUrl, now), mirror);
    if (mirror !== null && page !== null && !paused && settings.links.rewriteInPages && page.rules.length > 0) {
      await env.storage.set({
        [LINK_MIRROR_KEY]: { origin: mirror.origin, ...page, replaceEmbeds: settings.links.replaceEmbeds },
      });
    } else {
      await env.storage.remove([LINK_MIRROR_KEY]);
    }
  }

  async function scheduleAlarms(settings: Settings, now: number): Promise<void> {
    const until = settings.links.pausedUntil;
    if (until !== null && until > now && !isPausedUntilRestart(until))
      await env.alarms.create(RESUME_ALARM, { when: until });
    else await env.alarms.clear(RESUME_ALARM);
    // The first round waits a full period: installing or waking never probes.
    if ((await env.alarms.get(HEALTH_ALARM)) === undefined) {
      await env.alarms.create(HEALTH_ALARM, {
        delayInMinutes: HEALTH_PERIOD_MINUTES,
        periodInMinutes: HEALTH_PERIOD_MINUTES,
      });
    }
  }

  async function doRefresh(rebalance: boolean): Promise<LinkDestination> {
    const db = await env.db();
    const now = env.now();
    const settings = await settingsAfterRestart(db, env);
    const list = await listMirrors(db);
    const chosen = settings.links.redirect
      ? pickMirror(usable(list), list.health, {
          pinnedId: settings.links.pinnedMirror,
          currentId: await currentId(),
          rebalance,
          random: env.random,
        })
      : null;
    const target: LinkDestination = !settings.links.redirect
      ? { kind: 'off' }
      : chosen === null
        ? { kind: 'fallback' }
        : { kind: 'mirror', mirror: chosen };
    await syncLinkRules(env.dnr, settings, env.composeUrl, target, now);
    await writePageValues(settings, target, await readAllowOnce(now), now);
    const origins = await granted();
    const all = list.entries.map((e) => e.mirror);
    await syncContentScripts(env.scripting, {
      links: settings.links.redirect && settings.links.rewriteInPages ? linkScriptMatches(origins, all) : null,
      mirrorCheck: settings.links.redirect ? mirrorCheckMatches(origins, activeMirrors(list)) : [],
    });
    await scheduleAlarms(settings, now);
    return target;
  }

  /** Probes the given mirrors (those Sortie may fetch) and stores the outcome. */
  async function probe(db: Db, list: MirrorList, pick: (m: Mirror, health: HealthMap) => boolean): Promise<HealthMap> {
    const origins = await granted();
    const due = usable(list).filter((m) => pick(m, list.health) && originGranted(m.origin, origins));
    if (due.length === 0) return list.health;
    const health = await probeMirrors(due, list.health, env.fetch, env.now);
    await saveHealth(db, due, health);
    return health;
  }

  async function round(): Promise<void> {
    const db = await env.db();
    const now = env.now();
    await probe(db, await listMirrors(db), (m, health) => dueForRound(health[m.id], now));
    await doRefresh(true);
  }

  /** The user asked (fallback page, options): every mirror Sortie may check, now. Their button waits meanwhile. */
  async function userCheck(): Promise<LinkDestination> {
    const db = await env.db();
    await probe(db, await listMirrors(db), () => true);
    return doRefresh(true);
  }

  async function failover(tabId: number | undefined, url: string, verdict: ProbeVerdict): Promise<void> {
    const db = await env.db();
    const settings = await getSettings(db);
    const list = await listMirrors(db);
    const origin = new URL(url).origin;
    const failed = list.entries.map((e) => e.mirror).find((m) => m.origin === origin);
    if (failed === undefined) return;
    const now = env.now();
    const { health } = nextMirrorAfterFailure(usable(list), list.health, failed.id, null, env.random, now, verdict);
    await saveHealth(db, [failed], health);
    const others = usable(list).filter((m) => m.id !== failed.id);
    // Nothing known to work: check the others now rather than send the reader to a guess.
    if (!others.some((m) => health[m.id]?.state === 'up')) {
      await probe(db, { ...list, health }, (m, h) => m.id !== failed.id && dueOnDemand(h[m.id], now));
    }
    const target = await doRefresh(false);
    const paused = settings.links.pausedUntil !== null && now < settings.links.pausedUntil;
    if (tabId === undefined || tabId < 0 || target.kind === 'off' || paused) return;
    const xUrl = xUrlFromMirrorUrl(url, failed);
    const link = xUrl === null ? null : parseXUrl(xUrl);
    const next = target.kind === 'mirror' && link !== null ? rewriteToMirror(link, target.mirror) : null;
    const destination =
      next ?? (target.kind === 'fallback' || xUrl !== null ? fallbackUrl(env.fallbackPage, xUrl ?? url) : null);
    if (destination !== null) await env.tabs.update(tabId, { url: destination });
  }

  async function allowOnce(xUrl: string): Promise<void> {
    const now = env.now();
    await addAllowOnce(env.dnr, xUrl);
    const entries = [...(await readAllowOnce(now)), { url: xUrl, until: now + ALLOW_ONCE_MS }];
    const guard = (await env.storage.get([LINK_GUARD_KEY]))[LINK_GUARD_KEY] as LinkGuardConfig | undefined;
    if (guard !== undefined) await env.storage.set({ [LINK_GUARD_KEY]: { ...guard, allowOnce: entries } });
    await env.alarms.create(ALLOW_ONCE_ALARM, { when: now + ALLOW_ONCE_MS });
  }

  async function expireAllowOnce(): Promise<void> {
    const now = env.now();
    const live = await readAllowOnce(now);
    // Rules are not tracked one by one: they all go once the last one expired.
    if (live.length === 0) await clearAllowOnce(env.dnr);
    else await env.alarms.create(ALLOW_ONCE_ALARM, { when: Math.max(...live.map((a) => a.until)) });
    const guard = (await env.storage.get([LINK_GUARD_KEY]))[LINK_GUARD_KEY] as LinkGuardConfig | undefined;
    if (guard !== undefined) await env.storage.set({ [LINK_GUARD_KEY]: { ...guard, allowOnce: live } });
  }

  async function resume(): Promise<void> {
    const db = await env.db();
    const settings = await getSettings(db);
    const until = settings.links.pausedUntil;
    if (until !== null && until <= env.now()) await updateSettings(db, { links: { pausedUntil: null } });
    await doRefresh(false);
  }

  return {
    serial,
    refresh: (options = {}) => serial(() => doRefresh(options.rebalance ?? false)),
    onStartup: () =>
      serial(async () => {
        // Session rules did not survive the restart; the guard's list must not either.
        // (The pause "until restart" ends in doRefresh, which sees the new session.)
        await clearAllowOnce(env.dnr);
        const guard = (await env.storage.get([LINK_GUARD_KEY]))[LINK_GUARD_KEY] as LinkGuardConfig | undefined;
        if (guard !== undefined) await env.storage.set({ [LINK_GUARD_KEY]: { ...guard, allowOnce: [] } });
        await doRefresh(false);
      }),
    onAlarm: async (name) => {
      if (name === HEALTH_ALARM) await serial(round);
      else if (name === RESUME_ALARM) await serial(resume);
      else if (name === ALLOW_ONCE_ALARM) await serial(expireAllowOnce);
    },
    mirrorFailed: (tabId, url, verdict) => serial(() => failover(tabId, url, verdict)),
    navigationError: async (details) => {
      if (details.type !== 'main_frame') return false;
      if (mayBeBlockedByUs(details)) {
        // Not serialised: a share must not wait behind a round of mirror checks.
        const rules = (await env.dnr.getDynamicRules()) as DnrRule[];
        const url = blockedNavigationTarget(rules, details, env);
        if (url !== null) {
          await env.tabs.update(details.tabId, { url });
          return true;
        }
      }
      if (!isMirrorNetworkFailure(details.error)) return false;
      await serial(() =>
        failover(details.tabId, details.url, { state: 'down', reason: 'navigation-failed', detail: details.error }),
      );
      return false;
    },
    retry: (xUrl) =>
      serial(async () => {
        const target = await userCheck();
        const link = parseXUrl(xUrl);
        return target.kind === 'mirror' && link !== null ? rewriteToMirror(link, target.mirror) : null;
      }),
    checkNow: () => serial(userCheck).then(() => undefined),
    allowOnce: (xUrl) => serial(() => allowOnce(xUrl)),
    currentMirrorId: currentId,
  };
}
