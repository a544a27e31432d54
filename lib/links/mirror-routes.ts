/**
 * The X routes a mirror can show, each as a DNR regex with where it goes on
 * a Nitter mirror (a path with \N references) or through a template mirror's
 * URL template; and the substitution for a given mirror.
 */
import { estimateRe2Program } from './re2-cost';
import { normalizeOrigin, templateProblem, type Mirror, type TemplateKind } from './mirrors';
import { PRIORITY, type ResourceType } from './dnr-rule';
import {
  ANY_AFTER_SEGMENT,
  chunkAlternation,
  OTHER_PARAMS,
  PARAM_END,
  PATH_END,
  REGEX_BUDGET,
  X_HOST,
} from './x-regex';
import { MIRRORED_TABS, OTHER_TABS } from './x-paths';
import { parseXUrl } from './x-url';

export interface TemplateUse {
  kind: TemplateKind;
  /** Placeholder name for each capture group, in order ('' for unused groups). */
  captures: string[];
  fixed?: Record<string, string>;
}

export interface MirrorSpec {
  /** This route's rule id is `RULE_ID_BASE.route + ruleIdOffset`: fixed per route, so ids stay stable across updates. */
  ruleIdOffset: number;
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
const EMBED = `^https?://platform\\.(?:twitter|x)\\.com/embed/Tweet\\.html\\?${OTHER_PARAMS}id=(\\d+)${PARAM_END}`;
/** The priority of most routes; more specific routes add 1 or 2 to win over a general one. */
const ROUTE_PRIORITY = PRIORITY.mirror;

// One route per line reads as a table.
// prettier-ignore
const MIRROR_SPECS: readonly MirrorSpec[] = [
  { ruleIdOffset: 0, regex: `${X_HOST}/(?:(?:home|explore)/?)?(?:[?#].*)?$`, nitter: '/', template: { kind: 'home', captures: [] }, priority: ROUTE_PRIORITY },
  { ruleIdOffset: 1, regex: `${X_HOST}/(\\w+)/status(?:es)?/(\\d+)${ANY_AFTER_SEGMENT}`, nitter: '/\\1/status/\\2', template: status(['user', 'id']), priority: ROUTE_PRIORITY },
  { ruleIdOffset: 2, regex: `${X_HOST}/(?:i/web/status|i/videos/tweet|statuses)/(\\d+)${ANY_AFTER_SEGMENT}`, nitter: '/i/status/\\1', template: status(['id'], { user: 'i' }), priority: ROUTE_PRIORITY + 1 },
  { ruleIdOffset: 3, regex: `${X_HOST}/search/?\\?${OTHER_PARAMS}q=([^&#]*)[^#]*&f=user${PARAM_END}`, nitter: '/search?f=users&q=\\1', template: search, priority: ROUTE_PRIORITY + 2 },
  { ruleIdOffset: 4, regex: `${X_HOST}/search/?\\?${OTHER_PARAMS}f=user&${OTHER_PARAMS}q=([^&#]*).*$`, nitter: '/search?f=users&q=\\1', template: search, priority: ROUTE_PRIORITY + 2 },
  { ruleIdOffset: 5, regex: `${X_HOST}/search/?\\?${OTHER_PARAMS}q=([^&#]*)[^#]*&f=media${PARAM_END}`, nitter: '/search?f=tweets&f-media=on&q=\\1', template: search, priority: ROUTE_PRIORITY + 2 },
  { ruleIdOffset: 6, regex: `${X_HOST}/search/?\\?${OTHER_PARAMS}f=media&${OTHER_PARAMS}q=([^&#]*).*$`, nitter: '/search?f=tweets&f-media=on&q=\\1', template: search, priority: ROUTE_PRIORITY + 2 },
  { ruleIdOffset: 7, regex: `${X_HOST}/search/?(?:\\?${OTHER_PARAMS}q=([^&#]*))?(?:[?&#].*)?$`, nitter: '/search?f=tweets&q=\\1', template: search, priority: ROUTE_PRIORITY },
  { ruleIdOffset: 8, regex: `${X_HOST}/hashtag/([^/?#]+)${ANY_AFTER_SEGMENT}`, nitter: '/search?f=tweets&q=%23\\1', template: { kind: 'hashtag', captures: ['tag'] }, priority: ROUTE_PRIORITY },
  { ruleIdOffset: 9, regex: `${X_HOST}/i/lists/(\\d+)(/members)?${ANY_AFTER_SEGMENT}`, nitter: '/i/lists/\\1\\2', template: { kind: 'list', captures: ['id', ''] }, priority: ROUTE_PRIORITY + 1 },
  { ruleIdOffset: 10, regex: `${X_HOST}/(\\w+)/lists/([^/?#]+)${ANY_AFTER_SEGMENT}`, nitter: '/\\1/lists/\\2', template: null, priority: ROUTE_PRIORITY },
  { ruleIdOffset: 11, regex: `${X_HOST}/i/user/(\\d+)${ANY_AFTER_SEGMENT}`, nitter: '/i/user/\\1', template: null, priority: ROUTE_PRIORITY },
  { ruleIdOffset: 12, regex: `${X_HOST}/\\w+/article/(\\d+)${ANY_AFTER_SEGMENT}`, nitter: '/i/article/\\1', template: null, priority: ROUTE_PRIORITY },
  { ruleIdOffset: 13, regex: `${X_HOST}/i/spaces/(\\w+)${ANY_AFTER_SEGMENT}`, nitter: '/i/spaces/\\1', template: null, priority: ROUTE_PRIORITY },
  { ruleIdOffset: 14, regex: `${X_HOST}/i/broadcasts/(\\w+)${ANY_AFTER_SEGMENT}`, nitter: '/i/broadcasts/\\1', template: null, priority: ROUTE_PRIORITY },
  { ruleIdOffset: 15, regex: `${X_HOST}/i/communities/(\\d+)${ANY_AFTER_SEGMENT}`, nitter: '/i/communities/\\1', template: null, priority: ROUTE_PRIORITY },
  { ruleIdOffset: 16, regex: `${X_HOST}/intent/(?:follow|user)/?\\?${OTHER_PARAMS}screen_name=(\\w+)${PARAM_END}`, nitter: '/\\1', template: profile(['user']), priority: ROUTE_PRIORITY + 1 },
  { ruleIdOffset: 17, regex: `${X_HOST}/intent/user/?\\?${OTHER_PARAMS}user_id=(\\d+)${PARAM_END}`, nitter: '/i/user/\\1', template: null, priority: ROUTE_PRIORITY },
  { ruleIdOffset: 18, regex: `${X_HOST}/intent/(?:like|retweet)/?\\?${OTHER_PARAMS}tweet_id=(\\d+)${PARAM_END}`, nitter: '/i/status/\\1', template: status(['id'], { user: 'i' }), priority: ROUTE_PRIORITY },
  { ruleIdOffset: 24, regex: `${X_HOST}/intent/favorite/?\\?${OTHER_PARAMS}tweet_id=(\\d+)${PARAM_END}`, nitter: '/i/status/\\1', template: status(['id'], { user: 'i' }), priority: ROUTE_PRIORITY },
  { ruleIdOffset: 19, regex: `^https?://t\\.co/(\\w+)${ANY_AFTER_SEGMENT}`, nitter: '/t.co/\\1', template: null, priority: ROUTE_PRIORITY },
  { ruleIdOffset: 20, regex: EMBED, nitter: '/i/status/\\1', template: status(['id'], { user: 'i' }), priority: ROUTE_PRIORITY, frames: 'main_frame' },
  { ruleIdOffset: 21, regex: EMBED, nitter: '/i/status/\\1/embed', template: status(['id'], { user: 'i' }), priority: ROUTE_PRIORITY, frames: 'sub_frame' },
  { ruleIdOffset: 22, regex: `${X_HOST}/(\\w+)/(${MIRRORED_TABS.join('|')})${PATH_END}`, nitter: '/\\1/\\2', template: profile(['user', '']), priority: PRIORITY.tab },
  { ruleIdOffset: 23, regex: `${X_HOST}/(\\w+)${PATH_END}`, nitter: '/\\1', template: profile(['user']), priority: PRIORITY.profile },
];

/**
 * Images on X's CDN opened as pages (pbs.twimg.com/media/ID?format=jpg&name=small):
 * Nitter proxies them under /pic/ with the path as one percent-encoded
 * segment, the same URL the page rules make. RE2 cannot encode a capture, so
 * each shape is a rule of its own that writes the separators already encoded:
 * one to five path segments, with no query, one parameter or two (rule id offsets 60+),
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
      specs.push({
        ruleIdOffset: 60 + (segments - 1) * 3 + params,
        regex,
        nitter: `/pic/${pathOut}${queryOut}`,
        template: null,
        priority: ROUTE_PRIORITY,
      });
    }
  }
  return specs;
}

/** Other profile tabs, chunked into as many rules as the regex budget needs (rule id offsets 30+). */
function tabSpecs(): MirrorSpec[] {
  const tabs = [...OTHER_TABS, 'lists'];
  return chunkAlternation(tabs, (alt) => `${X_HOST}/(\\w+)/(?:${alt})${PATH_END}`, true).map((regex, i) => ({
    ruleIdOffset: 30 + i,
    regex,
    nitter: '/\\1',
    template: profile(['user']),
    priority: PRIORITY.tab,
  }));
}

/** Every route the mirror rules know, in no particular order (priorities decide). */
export function routeSpecs(): MirrorSpec[] {
  return [...MIRROR_SPECS, ...tabSpecs()];
}

/** The routes navigations take: routeSpecs plus images on X's CDN (pages have their own rule for those). */
export function navigationSpecs(): MirrorSpec[] {
  return [...routeSpecs(), ...mediaSpecs()];
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
