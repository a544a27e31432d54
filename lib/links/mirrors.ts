/**
 * Mirrors: sites that show X content to people without an account, and the
 * translation of an XLink into a mirror URL.
 *
 * Two schemes exist. `nitter` covers Nitter and its forks (xcancel, lightbrd...),
 * whose routes copy X's layout. `template` covers anything else: the user gives
 * one path template per kind, with placeholders filled from the link.
 */
import type { XLink } from './x-url';

export type MirrorScheme = 'nitter' | 'template';

/** Kinds a template mirror can describe, and the placeholders each may use. */
export const TEMPLATE_PLACEHOLDERS = {
  home: [],
  profile: ['user'],
  status: ['user', 'id'],
  search: ['q'],
  hashtag: ['tag'],
  list: ['id'],
} as const satisfies Record<string, readonly string[]>;

export type TemplateKind = keyof typeof TEMPLATE_PLACEHOLDERS;

/** Path templates (starting with '/') relative to the mirror origin, e.g. `/{user}/status/{id}`. */
export type MirrorTemplates = Partial<Record<TemplateKind, string>>;

export interface Mirror {
  /** Stable id: the origin's host for built-ins, anything unique for user entries. */
  id: string;
  name: string;
  /** `https://host[:port]`, no trailing slash. */
  origin: string;
  scheme: MirrorScheme;
  templates?: MirrorTemplates;
  builtIn: boolean;
  addedByUser: boolean;
  /** The user's preferred mirror: used whenever it is healthy. */
  pinned: boolean;
}

/** The part of a mirror that link rewriting needs (what content scripts get). */
export type MirrorForRewriting = Pick<Mirror, 'origin' | 'scheme' | 'templates'>;

const BUILT_IN_HOSTS: readonly (readonly [host: string, name?: string])[] = [
  ['xcancel.com', 'xcancel'],
  ['nitter.net'],
  ['nitter.poast.org'],
  ['nitter.privacyredirect.com'],
  ['lightbrd.com', 'lightbrd'],
  ['nitter.tiekoetter.com'],
  ['nuku.trabun.org'],
  ['nitter.space'],
  ['nitter.catsarch.com'],
];

/**
 * Public Nitter instances known to serve X content without an account.
 * Health checks decide which is used; the order here only breaks ties.
 * (Marked pure so the content script, which never lists mirrors, drops it.)
 */
export const BUILT_IN_MIRRORS: readonly Mirror[] = /* @__PURE__ */ BUILT_IN_HOSTS.map(([host, name = host]) => ({
  id: host,
  name,
  origin: `https://${host}`,
  scheme: 'nitter',
  builtIn: true,
  addedByUser: false,
  pinned: false,
}));

/** Reads a stored mirror target (the x.com guard's), or null when it is missing or malformed. */
export function readLinkMirror(value: unknown): MirrorForRewriting | null {
  if (typeof value !== 'object' || value === null) return null;
  const { origin, scheme, templates } = value as Record<string, unknown>;
  if (typeof origin !== 'string' || !/^https?:\/\/[\w.-]+(?::\d{1,5})?$/.test(origin)) return null;
  if (scheme !== 'nitter' && scheme !== 'template') return null;
  const target: MirrorForRewriting = { origin, scheme };
  if (typeof templates === 'object' && templates !== null)
    target.templates = templates as MirrorForRewriting['templates'];
  return target;
}

/**
 * Returns the canonical `https://host[:port]` origin for what the user typed,
 * or null when it is not a usable web origin (another scheme, credentials).
 */
export function normalizeOrigin(input: string): string | null {
  let url: URL;
  try {
    // `localhost:8080` is a host and port, not a scheme: a scheme is never followed by a digit.
    url = new URL(/^[a-z][a-z0-9+.-]*:(?!\d)/i.test(input.trim()) ? input.trim() : `https://${input.trim()}`);
  } catch (error) {
    if (error instanceof TypeError) return null;
    throw error;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username !== '' || url.password !== '' || url.hostname === '') return null;
  return url.origin;
}

/**
 * Checks a template mirror's templates: each must be a path, use only its
 * kind's placeholders, and hold no backslash (it would corrupt the redirect
 * rules' substitution). Returns the first problem, or null when all are fine.
 */
export function templateProblem(templates: MirrorTemplates): string | null {
  for (const [kind, template] of Object.entries(templates) as [TemplateKind, string][]) {
    if (!(kind in TEMPLATE_PLACEHOLDERS)) return `unknown kind "${kind}"`;
    if (!template.startsWith('/')) return `${kind}: a template is a path starting with "/"`;
    if (template.includes('\\')) return `${kind}: backslashes are not allowed`;
    const allowed: readonly string[] = TEMPLATE_PLACEHOLDERS[kind];
    for (const [, name = ''] of template.matchAll(/\{(\w*)\}/g)) {
      if (!allowed.includes(name)) return `${kind}: unknown placeholder {${name}}`;
    }
  }
  return null;
}

/** Fills `{name}` placeholders, percent-encoding each value. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
}

const enc = encodeURIComponent;

function searchPath(q: string, f: string | null): string {
  const tab = f === 'user' ? 'users' : 'tweets';
  // Nitter has no "media" tab; its media filter gives the same results.
  return `/search?f=${tab}${f === 'media' ? '&f-media=on' : ''}&q=${enc(q)}`;
}

/** Nitter's route for each kind (see zedeus/nitter src/routes), or null when it has none. */
function nitterPath(link: XLink): string | null {
  switch (link.kind) {
    case 'home':
      return '/';
    case 'profile':
      // Nitter shows the replies and media tabs; other tabs fall back to the profile.
      return link.tab === 'with_replies' || link.tab === 'media' ? `/${link.user}/${link.tab}` : `/${link.user}`;
    case 'user-id':
      return `/i/user/${link.id}`;
    case 'status':
      // Nitter redirects /photo/N and /video/N to the status itself.
      return `/${link.user ?? 'i'}/status/${link.id}`;
    case 'embed':
      return `/i/status/${link.id}`;
    case 'search':
      return searchPath(link.q, link.f);
    case 'hashtag':
      return searchPath(`#${link.tag}`, null);
    case 'list':
      return 'id' in link.ref
        ? `/i/lists/${link.ref.id}${link.members ? '/members' : ''}`
        : `/${link.ref.owner}/lists/${enc(link.ref.slug)}`;
    case 'article':
      return `/i/article/${link.id}`;
    case 'space':
      return `/i/spaces/${link.id}`;
    case 'broadcast':
      return `/i/broadcasts/${link.id}`;
    case 'community':
      return `/i/communities/${link.id}`;
    case 'tco':
      // Nitter's resolver follows the short link and rewrites X targets to itself.
      return `/t.co/${link.code}`;
    case 'media':
      // `/pic/` proxies pbs.twimg.com; the path is one URL-encoded segment.
      // video.twimg.com needs a signed /video/ URL only Nitter itself can make.
      return link.host === 'pbs.twimg.com' ? `/pic/${enc(link.path.slice(1))}` : null;
    case 'intent':
      return intentPath(link.params);
    case 'pic':
    case 'account':
    case 'unknown':
      return null;
  }
}

/**
 * Follow, like and retweet intents lead to something readable (a profile, a
 * post). Composing intents (tweet/post/share) have no mirror page: the
 * extension's composer takes them over instead.
 */
function intentPath(params: Extract<XLink, { kind: 'intent' }>['params']): string | null {
  if (params.screen_name !== undefined && /^\w{1,50}$/.test(params.screen_name)) return `/${params.screen_name}`;
  if (params.user_id !== undefined && /^\d+$/.test(params.user_id)) return `/i/user/${params.user_id}`;
  if (params.tweet_id !== undefined && /^\d+$/.test(params.tweet_id)) return `/i/status/${params.tweet_id}`;
  return null;
}

function templatePath(link: XLink, templates: MirrorTemplates): string | null {
  switch (link.kind) {
    case 'home':
      return templates.home ?? null;
    case 'profile':
      return templates.profile === undefined ? null : fillTemplate(templates.profile, { user: link.user });
    case 'status':
    case 'embed': {
      const user = link.kind === 'status' ? (link.user ?? 'i') : 'i';
      return templates.status === undefined ? null : fillTemplate(templates.status, { user, id: link.id });
    }
    case 'search':
      return templates.search === undefined ? null : fillTemplate(templates.search, { q: link.q });
    case 'hashtag':
      return templates.hashtag === undefined ? null : fillTemplate(templates.hashtag, { tag: link.tag });
    case 'list':
      return templates.list === undefined || !('id' in link.ref)
        ? null
        : fillTemplate(templates.list, { id: link.ref.id });
    default:
      return null;
  }
}

/**
 * The mirror URL showing `link`, or null when the mirror cannot show it
 * (account pages, composing intents, kinds a template mirror lacks).
 */
export function rewriteToMirror(link: XLink, mirror: MirrorForRewriting): string | null {
  const path = mirror.scheme === 'nitter' ? nitterPath(link) : templatePath(link, mirror.templates ?? {});
  return path === null ? null : mirror.origin + path;
}
