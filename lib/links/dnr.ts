/**
 * Compiles the link settings and the current mirror into declarativeNetRequest
 * rules: plain objects shaped like `chrome.declarativeNetRequest.Rule` (dnr-rule.ts),
 * so the background can hand them to `updateDynamicRules` as they are. The
 * routes come from mirror-routes.ts, the regex pieces from x-regex.ts.
 *
 * Priorities (a higher one wins; at equal priority `allow` beats `redirect`):
 *   50 allow     the user's exceptions (path prefixes never redirected)
 *   45 allow     X account pages (login, settings, i/flow...)
 *   40 block     share intents (shareTakeover); the background then opens the
 *                composer in that tab (lib/links/takeover.ts)
 *   30-32        redirects to the mirror for specific routes, images on
 *                X's CDN included (Nitter's /pic/ proxy), and embed fixers
 *                to the same path on x.com, which these rules then handle
 *                (block rules instead when no mirror works: the background
 *                opens the fallback page)
 *   20 allow     other reserved X paths (/i/..., /tos...) no mirror shows
 *   15, 10       redirects of profile tabs and profiles (`/name`)
 * RE2 has no negative lookahead, so the catch-all `/name` rule cannot exclude
 * `/settings` or `/explore` itself: the allow rules above it do.
 *
 * Every redirect regex only matches X hosts, so a mirror URL (the target) is
 * never matched again: there is no redirect loop. A mirror whose origin is
 * itself an X host gets no mirror rules at all.
 *
 * No rule redirects to an extension page: Chrome only redirects a navigation
 * to a web-accessible resource, and any web-accessible page lets every site
 * detect Sortie with one fetch. The rules stop those navigations instead
 * (`block`), and the background, told by webRequest.onErrorOccurred, moves
 * the tab to its own page, which an extension may do without exposing it.
 */
import type { Mirror } from './mirrors';
import { navigationSpecs, substitution, isRedirectableMirror, type MirrorSpec } from './mirror-routes';
import { allowRule, PRIORITY, RULE_ID_BASE, type DnrRule, type ResourceType } from './dnr-rule';
import { keptPathRegexes, SHARE_REGEX } from './x-regex';
import { webInitiatorDomains, X_INITIATOR_DOMAINS } from './web-initiators';
import { parseXUrl } from './x-url';

export interface LinkRuleSettings {
  enabled: boolean;
  /** Also redirect frames (embedded tweets); off redirects top-level pages only. */
  subFrames: boolean;
  /** Leave navigations the user started themselves (typed, bookmarks) and X's own on X. */
  keepXUsable: boolean;
  /** Path prefixes never redirected, e.g. '/i/bookmarks'. */
  exceptions: string[];
  pausedUntil: number | null;
  now: number;
  shareTakeover: boolean;
  /** chrome-extension://ID/compose.html */
  composeUrl: string;
}

/** Each exception takes two ids (x.com, twitter.com). */
export const MAX_EXCEPTIONS = 200;

/**
 * Embed fixers (fxtwitter.com…) copy X's paths and send visitors on to X. A
 * navigation to one is sent to the same path on x.com without reaching the
 * fixer, and the browser applies these rules again to that redirect: the
 * mirror routes, account pages, exceptions and the user's settings all
 * decide as they do for X itself. Redirecting needs host access to these
 * hosts (wxt.config.ts).
 */
export const REDIRECTED_FIXER_HOSTS: readonly string[] = ['fxtwitter.com', 'vxtwitter.com', 'fixupx.com', 'fixvx.com'];
const FIXER_HOST = '^https?://(?:(?:d|www)\\.)?(?:fxtwitter|vxtwitter|fixupx|fixvx)\\.com';

/** Fixer path -> x.com path: as it is, except a post's direct-media suffix (d.fxtwitter.com/u/status/1.mp4). */
const FIXER_ROUTES: ReadonlyArray<{ regex: string; to: string; priority: number }> = [
  {
    regex: `${FIXER_HOST}/(\\w+)/status(?:es)?/(\\d+)\\.\\w+(?:[?#].*)?$`,
    to: 'https://x.com/\\1/status/\\2',
    priority: PRIORITY.mirror + 1,
  },
  { regex: `${FIXER_HOST}(/.*)?$`, to: 'https://x.com\\1', priority: PRIORITY.mirror },
];

function fixerRules(settings: LinkRuleSettings): DnrRule[] {
  return FIXER_ROUTES.map(({ regex, to, priority }, i) => ({
    id: RULE_ID_BASE.fixer + i,
    priority,
    action: { type: 'redirect', redirect: { regexSubstitution: to } },
    condition: {
      regexFilter: regex,
      isUrlFilterCaseSensitive: false,
      resourceTypes: settings.subFrames ? ['main_frame', 'sub_frame'] : ['main_frame'],
      requestMethods: ['get'],
    },
  }));
}

function accountRules(): DnrRule[] {
  const { account, reserved } = keptPathRegexes();
  return [
    ...account.map((regexFilter, i) => allowRule(RULE_ID_BASE.account + i, PRIORITY.account, { regexFilter })),
    ...reserved.map((regexFilter, i) => allowRule(RULE_ID_BASE.reserved + i, PRIORITY.reserved, { regexFilter })),
  ];
}

/**
 * Turns what the user typed as an exception into a path prefix usable in a
 * urlFilter ('/i/bookmarks'), or null when it cannot be one. Full X URLs are
 * accepted and reduced to their path.
 */
export function normalizeException(raw: string): string | null {
  let path = raw.trim();
  if (/^https?:\/\//i.test(path)) {
    const link = parseXUrl(path);
    if (link === null) return null;
    path = new URL(path).pathname;
  }
  path = path.replace(/\*+$/, '');
  if (!path.startsWith('/') || path === '/' || /[|^*\s]/.test(path)) return null;
  try {
    return encodeURI(decodeURI(path)).toLowerCase();
  } catch (error) {
    // A broken percent-escape cannot match any real URL.
    if (error instanceof URIError) return null;
    throw error;
  }
}

/** The user's exceptions as path prefixes, deduplicated and capped. */
export function exceptionPrefixes(exceptions: readonly string[]): string[] {
  return [...new Set(exceptions.map(normalizeException).filter((p): p is string => p !== null))].slice(
    0,
    MAX_EXCEPTIONS,
  );
}

function exceptionRules(exceptions: readonly string[]): DnrRule[] {
  return exceptionPrefixes(exceptions).flatMap((prefix, i) =>
    // urlFilter, not a regex: any length fits, and it costs none of the regex-rule quota.
    // `||x.com` also covers www./mobile.; `^` stops '/i/book' from covering '/i/bookmarks'.
    ['x.com', 'twitter.com'].map((host, h) =>
      allowRule(RULE_ID_BASE.exception + i * 2 + h, PRIORITY.exception, {
        urlFilter: `||${host}${prefix}${prefix.endsWith('/') ? '' : '^'}`,
      }),
    ),
  );
}

/** The composer must be one of the extension's own pages: anything else would be an open redirect. */
const EXTENSION_PAGE = /^(?:chrome|moz|safari-web)-extension:\/\/[\w-]+\/[^\\]*$/;

function shareRules(composeUrl: string): DnrRule[] {
  if (!EXTENSION_PAGE.test(composeUrl)) return [];
  return [
    {
      id: RULE_ID_BASE.share,
      priority: PRIORITY.share,
      // Blocked, not redirected: the background opens the composer in the tab (see the header).
      action: { type: 'block' },
      condition: {
        regexFilter: SHARE_REGEX,
        isUrlFilterCaseSensitive: false,
        resourceTypes: ['main_frame'],
        requestMethods: ['get'],
      },
    },
  ];
}

/**
 * One redirect rule per route, each sent where `target` says (null: no rule).
 * `ownHost` is the host the rules redirect to, whose own "open on X" links
 * are honoured.
 */
function routeRules(
  settings: LinkRuleSettings,
  target: (spec: MirrorSpec) => string | null | 'block',
  ownHost: string | null,
): DnrRule[] {
  const frames: ResourceType[] = settings.subFrames ? ['main_frame', 'sub_frame'] : ['main_frame'];
  const own = ownHost === null ? [] : [ownHost];
  // A click on the mirror's own "open on X" link means it: never send it back.
  const excluded = settings.keepXUsable ? [...X_INITIATOR_DOMAINS, ...own] : own;
  const rules: DnrRule[] = [];
  for (const spec of navigationSpecs()) {
    const substitution = target(spec);
    const resourceTypes = spec.frames === undefined ? frames : frames.filter((f) => f === spec.frames);
    if (substitution === null || resourceTypes.length === 0) continue;
    rules.push({
      id: RULE_ID_BASE.route + spec.ruleIdOffset,
      priority: spec.priority,
      action:
        substitution === 'block'
          ? { type: 'block' }
          : { type: 'redirect', redirect: { regexSubstitution: substitution } },
      condition: {
        regexFilter: spec.regex,
        isUrlFilterCaseSensitive: false,
        resourceTypes,
        requestMethods: ['get'],
        ...(settings.keepXUsable ? { initiatorDomains: [...webInitiatorDomains()] } : {}),
        ...(excluded.length > 0 ? { excludedInitiatorDomains: excluded } : {}),
      },
    });
  }
  return rules;
}

function mirrorRules(settings: LinkRuleSettings, mirror: Mirror): DnrRule[] {
  return routeRules(settings, (spec) => substitution(spec, mirror), new URL(mirror.origin).hostname);
}

export function isPaused(settings: Pick<LinkRuleSettings, 'pausedUntil' | 'now'>): boolean {
  return settings.pausedUntil !== null && settings.now < settings.pausedUntil;
}

/**
 * All dynamic rules for the link feature. Disabled or paused: only the share
 * takeover (when on). A mirror that fails `isRedirectableMirror` adds no
 * mirror rules either.
 */
export function compileRedirectRules(settings: LinkRuleSettings, mirror: Mirror): DnrRule[] {
  const share = settings.shareTakeover ? shareRules(settings.composeUrl) : [];
  if (!settings.enabled || isPaused(settings) || !isRedirectableMirror(mirror)) return share;
  return [
    ...exceptionRules(settings.exceptions),
    ...accountRules(),
    ...share,
    ...fixerRules(settings),
    ...mirrorRules(settings, mirror),
  ];
}

/**
 * When no mirror works: the same routes as the mirror rules, all blocked, so
 * a link never falls through to x.com unnoticed; the background then opens
 * the extension's page that explains it (`fallbackUrl`) in that tab. A
 * blocked frame stays blocked: the fallback page never runs framed.
 */
export function compileFallbackRules(settings: LinkRuleSettings): DnrRule[] {
  const share = settings.shareTakeover ? shareRules(settings.composeUrl) : [];
  if (!settings.enabled || isPaused(settings)) return share;
  const fallback = routeRules(settings, () => 'block', null);
  return [...exceptionRules(settings.exceptions), ...accountRules(), ...share, ...fixerRules(settings), ...fallback];
}

/** The fallback page for `xUrl` as it was (`page?url=<the X URL>`), read back by fallbackTarget. */
export function fallbackUrl(fallbackPage: string, xUrl: string): string {
  return `${fallbackPage}?url=${xUrl}`;
}

/** The URL the fallback page was opened for (everything after `?url=`, fragment included), or null. */
export function fallbackTarget(pageHref: string): string | null {
  const at = pageHref.indexOf('?url=');
  return at < 0 ? null : pageHref.slice(at + '?url='.length) || null;
}

/**
 * Blocks X's embed script (widgets.js): embedded tweets then stay plain
 * quotes, which the page rewriter turns into mirror link cards.
 */
export function embedScriptRules(): DnrRule[] {
  return ['platform.twitter.com', 'platform.x.com'].map((host, i) => ({
    id: RULE_ID_BASE.embedScript + i,
    priority: PRIORITY.share,
    action: { type: 'block' },
    condition: { urlFilter: `||${host}/widgets.js`, isUrlFilterCaseSensitive: false, resourceTypes: ['script'] },
  }));
}
