/**
 * The link rules for web pages, compiled in the background from the same
 * route table as the declarativeNetRequest rules (dnr.ts), so a link in a
 * page goes exactly where a navigation to it would: same routes, same
 * account pages and exceptions kept on X, nothing while paused.
 *
 * The page script stays tiny because it only applies these: an ordered list
 * of (regex, replacement) pairs where the first match decides, and a null
 * replacement means "leave this link as it is". Replacements are already in
 * JavaScript's `$N` form.
 *
 * Pages differ from navigations in four ways: embed-fixer hosts (fxtwitter,
 * vxtwitter...), which copy X's layout, are matched too; X's syndication
 * frames and data URLs have routes; images on X's CDN go to Nitter's image
 * proxy (a rule whose captures are percent-encoded); composing intents are left alone (the
 * navigation rules take them to the composer without the page learning the
 * extension's address).
 */
import { exceptionPrefixes, isPaused, type LinkRuleSettings } from './dnr';
import { PRIORITY } from './dnr-rule';
import { isRedirectableMirror, routeSpecs, substitution, type MirrorSpec } from './mirror-routes';
import { escapeRegex, keptPathRegexes, SHARE_REGEX, X_HOST } from './x-regex';
import type { Mirror } from './mirrors';
import { pathFirstChars } from './path-first-chars';
import type { PageRule } from './rewrite-config.ts';
import { FIXER_HOSTS, FIXER_SUBDOMAINS } from './x-paths';

/** X's app hosts and the fixers' (all `.com`), with the subdomains either uses. */
const X_OR_FIXER_HOST = `^https?://(?:(?:${['mobile', ...FIXER_SUBDOMAINS].map(escapeRegex).join('|')})\\.)?(?:${[
  'x',
  'twitter',
  ...FIXER_HOSTS.map((h) => h.replace(/\.com$/, '')),
]
  .map(escapeRegex)
  .join('|')})\\.com`;

const widen = (regex: string): string =>
  regex.startsWith(X_HOST) ? X_OR_FIXER_HOST + regex.slice(X_HOST.length) : regex;

const SYNDICATION = '^https?://(?:cdn\\.)?syndication\\.(?:twitter|x|twimg)\\.com/';

/** X's syndication frames and data: a profile timeline, or one post by id. */
const SYNDICATION_SPECS: readonly MirrorSpec[] = [
  {
    ruleIdOffset: -1,
    regex: `${SYNDICATION}srv/timeline-profile/screen-name/(\\w+)(?:[/?#].*)?$`,
    nitter: '/\\1',
    template: { kind: 'profile', captures: ['user'] },
    priority: PRIORITY.mirror,
  },
  {
    ruleIdOffset: -2,
    regex: `${SYNDICATION}[^?#]*\\?(?:[^#]*&)?id=(\\d+)(?:[&#].*)?$`,
    nitter: '/i/status/\\1',
    template: { kind: 'status', captures: ['id'], fixed: { user: 'i' } },
    priority: PRIORITY.mirror,
  },
];

/** RE2 rewrite strings use \N; JavaScript's replace uses $N (and a literal $ must be doubled). */
export function toJsReplacement(re2: string): string {
  return re2.replace(/\$/g, '$$$$').replace(/\\(\d)/g, (_, n: string) => (n === '0' ? '$&' : `$${n}`));
}

/** The same boundary as the rules' `||x.com/prefix^` filter. */
function exceptionRegex(prefix: string): string {
  return `${X_OR_FIXER_HOST}${escapeRegex(prefix)}${prefix.endsWith('/') ? '' : '(?:[^\\w\\-.%]|$)'}`;
}

interface Ranked {
  priority: number;
  rule: PageRule;
}

/** What the background stores for pages (with the mirror's origin and the embed option). */
export interface CompiledPageRules {
  /** The X app hosts: rules marked `onHost` match what follows. */
  host: string;
  rules: PageRule[];
}

/** Page rules for `mirror`, first match first; none when links are off, paused or the mirror unusable. */
export function compilePageRules(settings: LinkRuleSettings, mirror: Mirror): CompiledPageRules {
  return { host: X_OR_FIXER_HOST, rules: orderedRules(settings, mirror).map(onHost) };
}

/**
 * A rule on an X app host keeps only its path part, anchored where the host
 * ends, with the characters its path can start with (the page script tests
 * it only on those links).
 */
function onHost(rule: PageRule): PageRule {
  const pattern = atomicCaptures(rule.pattern);
  if (!pattern.startsWith(X_OR_FIXER_HOST)) return { ...rule, pattern };
  const path = `^${pattern.slice(X_OR_FIXER_HOST.length)}`;
  const firsts = pathFirstChars(path);
  return { ...rule, pattern: path, onHost: true, ...(firsts === null ? {} : { firsts }) };
}

/** A capture of one repeated class or escape, not itself quantified: `(\w+)`, `([^&#]*)`. */
const SIMPLE_CAPTURE = /^\((\\[A-Za-z]|\[(?:\\.|[^\]\\])*\])([*+])\)(?![?*+{])/;

/**
 * The patterns were written for RE2, which runs in linear time; JavaScript's
 * engine backtracks, and `q=([^&#]*)[^#]*&f=user` then costs the square of
 * the URL's length (a 64k-character link held a page for seconds). A capture
 * of one repeated class takes the longest run in every match these routes can
 * make (what follows it can never start inside the run), so it is made atomic
 * with JavaScript's only atomic construct, a lookahead, read back by a
 * backreference: `(\w+)` becomes `(?=(\w+))(?:\1)`. Group numbers do not
 * change (a lookahead captures nothing itself). Together with the page
 * script's bounds (MAX_PAGE_URL, MAX_PAGE_URL_PARAMS) this keeps every rule cheap.
 */
export function atomicCaptures(pattern: string): string {
  let out = '';
  let group = 0;
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i] as string;
    if (c === '\\') {
      out += pattern.slice(i, i + 2);
      i += 1;
    } else if (c === '[') {
      const end = /^\[(?:\\.|[^\]\\])*\]/.exec(pattern.slice(i))?.[0] ?? c;
      out += end;
      i += end.length - 1;
    } else if (c === '(' && pattern[i + 1] !== '?') {
      group += 1;
      const simple = SIMPLE_CAPTURE.exec(pattern.slice(i));
      if (simple === null) out += c;
      else {
        out += `(?=(${simple[1]}${simple[2]}))(?:\\${group})`;
        i += simple[0].length - 1;
      }
    } else out += c;
  }
  return out;
}

function orderedRules(settings: LinkRuleSettings, mirror: Mirror): PageRule[] {
  if (!settings.enabled || isPaused(settings) || !isRedirectableMirror(mirror)) return [];
  const keep = (priority: number, pattern: string): Ranked => ({
    priority,
    rule: { pattern: widen(pattern), replacement: null },
  });
  const { account, reserved } = keptPathRegexes();
  const ranked: Ranked[] = [
    ...exceptionPrefixes(settings.exceptions).map((prefix) => ({
      priority: PRIORITY.exception,
      rule: { pattern: exceptionRegex(prefix), replacement: null },
    })),
    ...account.map((regex) => keep(PRIORITY.account, regex)),
    keep(PRIORITY.share, SHARE_REGEX),
    ...reserved.map((regex) => keep(PRIORITY.reserved, regex)),
  ];
  // X's image CDN: Nitter proxies it under /pic/ with the path as one encoded segment.
  if (mirror.scheme === 'nitter') {
    ranked.push({
      priority: PRIORITY.mirror,
      rule: {
        pattern: '^https?://pbs\\.twimg\\.com/([^#]+)',
        replacement: toJsReplacement(`${mirror.origin}/pic/\\1`),
        encode: true,
      },
    });
  }
  for (const spec of [...routeSpecs(), ...SYNDICATION_SPECS]) {
    // The sub-frame variant of the embed route keeps X's embed layout: a page link wants the post.
    if (spec.frames === 'sub_frame') continue;
    const target = substitution(spec, mirror);
    if (target === null) continue;
    const rule: PageRule = { pattern: widen(spec.regex), replacement: toJsReplacement(target) };
    if (spec.template?.kind === 'status') rule.status = true;
    ranked.push({ priority: spec.priority, rule });
  }
  // Highest priority first; at equal priority "keep" beats a redirect, as in declarativeNetRequest
  // (the sort is stable: otherwise the table's order stands).
  return ranked
    .sort(
      (a, b) => b.priority - a.priority || Number(a.rule.replacement !== null) - Number(b.rule.replacement !== null),
    )
    .map((r) => r.rule);
}
