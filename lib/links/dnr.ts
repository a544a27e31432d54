/**
 * Compiles the link settings and the current mirror into declarativeNetRequest
 * rules: plain objects shaped like `chrome.declarativeNetRequest.Rule`, so the
 * background can hand them to `updateDynamicRules` as they are.
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
import { estimateRe2Program } from './re2-cost';
import { normalizeOrigin, templateProblem, type Mirror, type TemplateKind } from './mirrors';
import { WEB_INITIATOR_DOMAINS, X_INITIATOR_DOMAINS } from './web-initiators';
import { ACCOUNT_TOP, ACCOUNT_UNDER_I, MIRRORED_TABS, OTHER_TABS, RESERVED_TOP } from './x-paths';
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

export type ResourceType = 'main_frame' | 'sub_frame' | 'script';

export interface DnrCondition {
  regexFilter?: string;
  urlFilter?: string;
  isUrlFilterCaseSensitive: false;
  resourceTypes: ResourceType[];
  requestMethods?: ['get'];
  initiatorDomains?: string[];
  excludedInitiatorDomains?: string[];
}

export type DnrAction =
  | { type: 'allow' }
  | { type: 'block' }
  | { type: 'redirect'; redirect: { regexSubstitution: string } };

export interface DnrRule {
  id: number;
  priority: number;
  action: DnrAction;
  condition: DnrCondition;
}

/** The block of dynamic-rule ids this module owns; nothing else may use them. */
export const LINK_RULE_ID_MIN = 7_000;
export const LINK_RULE_ID_MAX = 7_999;
const SHARE_ID = 7_050;
const EMBED_SCRIPT_ID = 7_060;
const FIXER_ID = 7_070;
const ACCOUNT_ID = 7_100;
const RESERVED_ID = 7_150;
const MIRROR_ID = 7_200;
const EXCEPTION_ID = 7_500;
/** Each exception takes two ids (x.com, twitter.com). */
export const MAX_EXCEPTIONS = 200;

export const PRIORITY = { exception: 50, account: 45, share: 40, mirror: 30, reserved: 20, tab: 15, profile: 10 } as const;

/** Margin under Chrome's measured ~116-instruction ceiling; the estimate is already an upper bound. */
const REGEX_BUDGET = 100;

export const H = '^https?://(?:(?:www|mobile|m)\\.)?(?:x|twitter)\\.com';
/** The path ends here (optional slash, then only query or fragment). */
const END = '/?(?:[?#].*)?$';
/** Anything may follow a segment boundary. */
const REST = '(?:[/?#].*)?$';
/** Query parameter boundary: the value ended. */
const PARAM_END = '(?:[&#].*)?$';
const Q = '(?:[^#]*&)?';

export interface TemplateUse {
  kind: TemplateKind;
  /** Placeholder name for each capture group, in order ('' for unused groups). */
  captures: string[];
  fixed?: Record<string, string>;
}

export interface MirrorSpec {
  slot: number;
  regex: string;
  /** Nitter path with \N references, or null when only templates use the rule. */
  nitter: string | null;
  template: TemplateUse | null;
  priority: number;
  frames?: ResourceType;
}

const status = (captures: string[], fixed?: Record<string, string>): TemplateUse => ({
  kind: 'status',
  captures,
  ...(fixed === undefined ? {} : { fixed }),
});
const profile = (captures: string[]): TemplateUse => ({ kind: 'profile', captures });
const search: TemplateUse = { kind: 'search', captures: ['q'] };
const EMBED = `^https?://platform\\.(?:twitter|x)\\.com/embed/Tweet\\.html\\?${Q}id=(\\d+)${PARAM_END}`;
const P = PRIORITY.mirror;

const MIRROR_SPECS: readonly MirrorSpec[] = [
  { slot: 0, regex: `${H}/(?:(?:home|explore)/?)?(?:[?#].*)?$`, nitter: '/', template: { kind: 'home', captures: [] }, priority: P },
  { slot: 1, regex: `${H}/(\\w+)/status(?:es)?/(\\d+)${REST}`, nitter: '/\\1/status/\\2', template: status(['user', 'id']), priority: P },
  { slot: 2, regex: `${H}/(?:i/web/status|i/videos/tweet|statuses)/(\\d+)${REST}`, nitter: '/i/status/\\1', template: status(['id'], { user: 'i' }), priority: P + 1 },
  { slot: 3, regex: `${H}/search/?\\?${Q}q=([^&#]*)[^#]*&f=user${PARAM_END}`, nitter: '/search?f=users&q=\\1', template: search, priority: P + 2 },
  { slot: 4, regex: `${H}/search/?\\?${Q}f=user&${Q}q=([^&#]*).*$`, nitter: '/search?f=users&q=\\1', template: search, priority: P + 2 },
  { slot: 5, regex: `${H}/search/?\\?${Q}q=([^&#]*)[^#]*&f=media${PARAM_END}`, nitter: '/search?f=tweets&f-media=on&q=\\1', template: search, priority: P + 2 },
  { slot: 6, regex: `${H}/search/?\\?${Q}f=media&${Q}q=([^&#]*).*$`, nitter: '/search?f=tweets&f-media=on&q=\\1', template: search, priority: P + 2 },
  { slot: 7, regex: `${H}/search/?(?:\\?${Q}q=([^&#]*))?(?:[?&#].*)?$`, nitter: '/search?f=tweets&q=\\1', template: search, priority: P },
  { slot: 8, regex: `${H}/hashtag/([^/?#]+)${REST}`, nitter: '/search?f=tweets&q=%23\\1', template: { kind: 'hashtag', captures: ['tag'] }, priority: P },
  { slot: 9, regex: `${H}/i/lists/(\\d+)(/members)?${REST}`, nitter: '/i/lists/\\1\\2', template: { kind: 'list', captures: ['id', ''] }, priority: P + 1 },
  { slot: 10, regex: `${H}/(\\w+)/lists/([^/?#]+)${REST}`, nitter: '/\\1/lists/\\2', template: null, priority: P },
  { slot: 11, regex: `${H}/i/user/(\\d+)${REST}`, nitter: '/i/user/\\1', template: null, priority: P },
  { slot: 12, regex: `${H}/\\w+/article/(\\d+)${REST}`, nitter: '/i/article/\\1', template: null, priority: P },
  { slot: 13, regex: `${H}/i/spaces/(\\w+)${REST}`, nitter: '/i/spaces/\\1', template: null, priority: P },
  { slot: 14, regex: `${H}/i/broadcasts/(\\w+)${REST}`, nitter: '/i/broadcasts/\\1', template: null, priority: P },
  { slot: 15, regex: `${H}/i/communities/(\\d+)${REST}`, nitter: '/i/communities/\\1', template: null, priority: P },
  { slot: 16, regex: `${H}/intent/(?:follow|user)/?\\?${Q}screen_name=(\\w+)${PARAM_END}`, nitter: '/\\1', template: profile(['user']), priority: P + 1 },
  { slot: 17, regex: `${H}/intent/user/?\\?${Q}user_id=(\\d+)${PARAM_END}`, nitter: '/i/user/\\1', template: null, priority: P },
  { slot: 18, regex: `${H}/intent/(?:like|retweet)/?\\?${Q}tweet_id=(\\d+)${PARAM_END}`, nitter: '/i/status/\\1', template: status(['id'], { user: 'i' }), priority: P },
  { slot: 24, regex: `${H}/intent/favorite/?\\?${Q}tweet_id=(\\d+)${PARAM_END}`, nitter: '/i/status/\\1', template: status(['id'], { user: 'i' }), priority: P },
  { slot: 19, regex: `^https?://t\\.co/(\\w+)${REST}`, nitter: '/t.co/\\1', template: null, priority: P },
  { slot: 20, regex: EMBED, nitter: '/i/status/\\1', template: status(['id'], { user: 'i' }), priority: P, frames: 'main_frame' },
  { slot: 21, regex: EMBED, nitter: '/i/status/\\1/embed', template: status(['id'], { user: 'i' }), priority: P, frames: 'sub_frame' },
  { slot: 22, regex: `${H}/(\\w+)/(${MIRRORED_TABS.join('|')})${END}`, nitter: '/\\1/\\2', template: profile(['user', '']), priority: PRIORITY.tab },
  { slot: 23, regex: `${H}/(\\w+)${END}`, nitter: '/\\1', template: profile(['user']), priority: PRIORITY.profile },
];

/**
 * Images on X's CDN opened as pages (pbs.twimg.com/media/ID?format=jpg&name=small):
 * Nitter proxies them under /pic/ with the path as one percent-encoded
 * segment, the same URL the page rules make. RE2 cannot encode a capture, so
 * each shape is a rule of its own that writes the separators already encoded:
 * one to five path segments, with no query, one parameter or two (slots 60+),
 * as far as a shape fits the regex budget (media/ID takes two parameters,
 * profile_images/N/name one). Other shapes (three parameters, unusual
 * characters) are left alone.
 */
function mediaSpecs(): MirrorSpec[] {
  const specs: MirrorSpec[] = [];
  const SEGMENT = '([\\w.-]+)';
  const PARAM = '(\\w+)=(\\w*)';
  for (let segments = 1; segments <= 5; segments++) {
    const path = Array.from({ length: segments }, () => SEGMENT).join('/');
    const pathOut = Array.from({ length: segments }, (_, i) => `\\${i + 1}`).join('%2F');
    for (let params = 0; params <= 2; params++) {
      const query = params === 0 ? '' : `\\?${Array.from({ length: params }, () => PARAM).join('&')}`;
      const g = (i: number) => `\\${segments + i}`;
      const queryOut = params === 0 ? '' : `%3F${g(1)}%3D${g(2)}${params === 2 ? `%26${g(3)}%3D${g(4)}` : ''}`;
      const regex = `^https?://pbs\\.twimg\\.com/${path}${query}(?:#.*)?$`;
      if (estimateRe2Program(regex, true) > REGEX_BUDGET) continue;
      specs.push({ slot: 60 + (segments - 1) * 3 + params, regex, nitter: `/pic/${pathOut}${queryOut}`, template: null, priority: P });
    }
  }
  return specs;
}

/** Other profile tabs, chunked into as many rules as the regex budget needs (slots 30+). */
function tabSpecs(): MirrorSpec[] {
  const tabs = [...OTHER_TABS, 'lists'];
  return chunkAlternation(tabs, (alt) => `${H}/(\\w+)/(?:${alt})${END}`, true).map((regex, i) => ({
    slot: 30 + i,
    regex,
    nitter: '/\\1',
    template: profile(['user']),
    priority: PRIORITY.tab,
  }));
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Packs words into as few `(?:a|b|...)` regexes as fit the budget each. */
function chunkAlternation(words: readonly string[], build: (alternation: string) => string, capturing: boolean): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  for (const word of words.map(escapeRegex)) {
    const next = [...current, word];
    if (current.length > 0 && estimateRe2Program(build(next.join('|')), capturing) > REGEX_BUDGET) {
      chunks.push(build(current.join('|')));
      current = [word];
    } else current = next;
  }
  if (current.length > 0) chunks.push(build(current.join('|')));
  return chunks;
}

/** Every route the mirror rules know, in no particular order (priorities decide). */
export function routeSpecs(): MirrorSpec[] {
  return [...MIRROR_SPECS, ...tabSpecs()];
}

/** The routes navigations take: routeSpecs plus images on X's CDN (pages have their own rule for those). */
export function navigationSpecs(): MirrorSpec[] {
  return [...routeSpecs(), ...mediaSpecs()];
}

/**
 * Embed fixers (fxtwitter.com…) copy X's paths and send visitors on to X. A
 * navigation to one is sent to the same path on x.com without reaching the
 * fixer, and the browser applies these rules again to that redirect: the
 * mirror routes, account pages, exceptions and the user's settings all
 * decide as they do for X itself. Redirecting needs host access to these
 * hosts (wxt.config.ts).
 */
export const REDIRECTED_FIXER_HOSTS: readonly string[] = ['fxtwitter.com', 'vxtwitter.com', 'fixupx.com', 'fixvx.com'];
const FIXER_H = '^https?://(?:(?:d|www)\\.)?(?:fxtwitter|vxtwitter|fixupx|fixvx)\\.com';

/** Fixer path -> x.com path: as it is, except a post's direct-media suffix (d.fxtwitter.com/u/status/1.mp4). */
const FIXER_ROUTES: ReadonlyArray<{ regex: string; to: string; priority: number }> = [
  { regex: `${FIXER_H}/(\\w+)/status(?:es)?/(\\d+)\\.\\w+(?:[?#].*)?$`, to: 'https://x.com/\\1/status/\\2', priority: PRIORITY.mirror + 1 },
  { regex: `${FIXER_H}(/.*)?$`, to: 'https://x.com\\1', priority: PRIORITY.mirror },
];

function fixerRules(settings: LinkRuleSettings): DnrRule[] {
  return FIXER_ROUTES.map(({ regex, to, priority }, i) => ({
    id: FIXER_ID + i,
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

const allowRule = (id: number, priority: number, filter: Pick<DnrCondition, 'regexFilter' | 'urlFilter'>): DnrRule => ({
  id,
  priority,
  action: { type: 'allow' },
  condition: { ...filter, isUrlFilterCaseSensitive: false, resourceTypes: ['main_frame', 'sub_frame'] },
});

/** X's account pages (never redirected) and its reserved paths (no mirror shows them), as regexes. */
export function keptPathRegexes(): { account: string[]; reserved: string[] } {
  const paths = [...ACCOUNT_TOP, ...ACCOUNT_UNDER_I.map((p) => `i/${p}`)];
  return {
    account: chunkAlternation(paths, (alt) => `${H}/(?:${alt})(?:[/?#]|$)`, false),
    reserved: chunkAlternation(RESERVED_TOP, (alt) => `${H}/(?:${alt})(?:[/?#]|$)`, false),
  };
}

function accountRules(): DnrRule[] {
  const { account, reserved } = keptPathRegexes();
  return [
    ...account.map((regexFilter, i) => allowRule(ACCOUNT_ID + i, PRIORITY.account, { regexFilter })),
    ...reserved.map((regexFilter, i) => allowRule(RESERVED_ID + i, PRIORITY.reserved, { regexFilter })),
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
  return [...new Set(exceptions.map(normalizeException).filter((p): p is string => p !== null))].slice(0, MAX_EXCEPTIONS);
}

function exceptionRules(exceptions: readonly string[]): DnrRule[] {
  return exceptionPrefixes(exceptions).flatMap((prefix, i) =>
    // urlFilter, not a regex: any length fits, and it costs none of the regex-rule quota.
    // `||x.com` also covers www./mobile.; `^` stops '/i/book' from covering '/i/bookmarks'.
    ['x.com', 'twitter.com'].map((host, h) =>
      allowRule(EXCEPTION_ID + i * 2 + h, PRIORITY.exception, { urlFilter: `||${host}${prefix}${prefix.endsWith('/') ? '' : '^'}` }),
    ),
  );
}

/** The composer must be one of the extension's own pages: anything else would be an open redirect. */
const EXTENSION_PAGE = /^(?:chrome|moz|safari-web)-extension:\/\/[\w-]+\/[^\\]*$/;

/** X's composing intents ("Share on X"): the group is the query the composer reads. */
export const SHARE_REGEX = `${H}/(?:intent/(?:tweet|post)|share)/?(?:\\?(.*))?$`;

/** The share-intent rule's id: the background opens the composer for what it blocked. */
export const SHARE_RULE_ID = SHARE_ID;

/** True for the route rules' ids (mirror redirects, or fallback blocks when no mirror works). */
export function isRouteRuleId(id: number): boolean {
  return id >= MIRROR_ID && id < EXCEPTION_ID;
}

function shareRules(composeUrl: string): DnrRule[] {
  if (!EXTENSION_PAGE.test(composeUrl)) return [];
  return [
    {
      id: SHARE_ID,
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

export function substitution(spec: MirrorSpec, mirror: Mirror): string | null {
  if (mirror.scheme === 'nitter') return spec.nitter === null ? null : mirror.origin + spec.nitter;
  const template = spec.template === null ? undefined : mirror.templates?.[spec.template.kind];
  if (spec.template === null || template === undefined) return null;
  const { captures, fixed = {} } = spec.template;
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const group = captures.indexOf(name);
    return group >= 0 ? `\\${group + 1}` : encodeURIComponent(fixed[name] ?? '');
  });
  return mirror.origin + path;
}

/** True when rules may redirect to this mirror (valid origin, not X itself, sane templates). */
export function isRedirectableMirror(mirror: Mirror): boolean {
  if (normalizeOrigin(mirror.origin) !== mirror.origin) return false;
  if (parseXUrl(`${mirror.origin}/`) !== null) return false;
  return mirror.scheme === 'nitter' || templateProblem(mirror.templates ?? {}) === null;
}

/**
 * One redirect rule per route, each sent where `target` says (null: no rule).
 * `ownHost` is the host the rules redirect to, whose own "open on X" links
 * are honoured.
 */
function routeRules(settings: LinkRuleSettings, target: (spec: MirrorSpec) => string | null | 'block', ownHost: string | null): DnrRule[] {
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
      id: MIRROR_ID + spec.slot,
      priority: spec.priority,
      action: substitution === 'block' ? { type: 'block' } : { type: 'redirect', redirect: { regexSubstitution: substitution } },
      condition: {
        regexFilter: spec.regex,
        isUrlFilterCaseSensitive: false,
        resourceTypes,
        requestMethods: ['get'],
        ...(settings.keepXUsable ? { initiatorDomains: [...WEB_INITIATOR_DOMAINS] } : {}),
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
  return [...exceptionRules(settings.exceptions), ...accountRules(), ...share, ...fixerRules(settings), ...mirrorRules(settings, mirror)];
}

export function isLinkRuleId(id: number): boolean {
  return id >= LINK_RULE_ID_MIN && id <= LINK_RULE_ID_MAX;
}

/** The ids, among installed rules, that belong to the link feature. */
export function ruleIdsFor(installed: readonly { id: number }[]): number[] {
  return installed.map((r) => r.id).filter(isLinkRuleId);
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
    id: EMBED_SCRIPT_ID + i,
    priority: PRIORITY.share,
    action: { type: 'block' },
    condition: { urlFilter: `||${host}/widgets.js`, isUrlFilterCaseSensitive: false, resourceTypes: ['script'] },
  }));
}
