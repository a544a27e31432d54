/**
 * Parses every shape of X link (x.com, twitter.com and their mobile hosts,
 * t.co, pic.twitter.com, twimg media, embeds, intents, embed fixers) into a
 * typed XLink that keeps only what identifies the content: tracking parameters
 * never survive parsing.
 *
 * The background and the x.com guard script use it; pages get compiled rules
 * instead (page-rules.ts). No dependencies beyond the shared tables.
 */
import {
  ACCOUNT_TOP,
  ACCOUNT_UNDER_I,
  EMBED_HOSTS,
  FIXER_HOSTS,
  FIXER_SUBDOMAINS,
  MEDIA_HOSTS,
  MIRRORED_TABS,
  OTHER_TABS,
  PIC_HOSTS,
  RESERVED_TOP,
  SYNDICATION_HOSTS,
  TCO_HOST,
  X_APP_HOSTS,
} from './x-paths';

export type ProfileTab = string;
export type IntentAction = 'tweet' | 'post' | 'share' | 'follow' | 'retweet' | 'like' | 'user';
export type IntentParam =
  'text' | 'url' | 'hashtags' | 'via' | 'related' | 'in_reply_to' | 'screen_name' | 'user_id' | 'tweet_id';

export type ListRef = { id: string } | { owner: string; slug: string };

export type XLink =
  | { kind: 'home' }
  | { kind: 'profile'; user: string; tab: ProfileTab | null }
  /** `/i/user/ID`: a profile known only by its numeric id. */
  | { kind: 'user-id'; id: string }
  | {
      kind: 'status';
      /** null for `/i/web/status/ID`-style links that do not name the author. */
      user: string | null;
      id: string;
      media: { type: 'photo' | 'video'; index: number } | null;
    }
  /** `f` is X's tab: top, live, user, media, list (null when absent). */
  | { kind: 'search'; q: string; f: string | null }
  | { kind: 'hashtag'; tag: string }
  | { kind: 'list'; ref: ListRef; members: boolean }
  | { kind: 'article'; id: string; user: string | null }
  | { kind: 'space'; id: string }
  | { kind: 'broadcast'; id: string }
  | { kind: 'community'; id: string }
  | { kind: 'tco'; code: string }
  | { kind: 'pic'; code: string }
  /** `path` keeps the query: twimg's `format`/`name` choose the file served. */
  | { kind: 'media'; host: 'pbs.twimg.com' | 'video.twimg.com'; path: string }
  | { kind: 'embed'; id: string }
  | { kind: 'intent'; action: IntentAction; params: Partial<Record<IntentParam, string>> }
  | { kind: 'account'; path: string }
  | { kind: 'unknown'; path: string };

const INTENT_PARAMS: readonly IntentParam[] = [
  'text',
  'url',
  'hashtags',
  'via',
  'related',
  'in_reply_to',
  'screen_name',
  'user_id',
  'tweet_id',
];

const USERNAME = /^\w{1,50}$/;
const DIGITS = /^\d{1,25}$/;
/** Fixers serve `/status/ID.mp4`-style direct media; the id is what matters. */
const STATUS_ID = /^(\d{1,25})(?:\.\w{1,5})?$/;
const CODE = /^\w{1,40}$/;

const has = (list: readonly string[], value: string): boolean => list.includes(value);

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch (error) {
    // A stray '%' in a hand-written link: keep the text as typed.
    if (error instanceof URIError) return segment;
    throw error;
  }
}

function hostKind(host: string): 'app' | 'tco' | 'pic' | 'media' | 'embed' | 'syndication' | null {
  if (has(X_APP_HOSTS, host)) return 'app';
  if (host === TCO_HOST) return 'tco';
  if (has(PIC_HOSTS, host)) return 'pic';
  if (has(MEDIA_HOSTS, host)) return 'media';
  if (has(EMBED_HOSTS, host)) return 'embed';
  if (has(SYNDICATION_HOSTS, host)) return 'syndication';
  const dot = host.indexOf('.');
  const parent = host.slice(dot + 1);
  if (has(FIXER_HOSTS, host) || (has(FIXER_SUBDOMAINS, host.slice(0, dot)) && has(FIXER_HOSTS, parent))) {
    return 'app';
  }
  return null;
}

function statusLink(user: string | null, idSegment: string | undefined, rest: string[]): XLink | null {
  const id = STATUS_ID.exec(idSegment ?? '')?.[1];
  if (id === undefined) return null;
  const type = rest[0]?.toLowerCase();
  const index = Number(rest[1]);
  const media =
    (type === 'photo' || type === 'video') && Number.isInteger(index) && index >= 1 && index <= 4
      ? { type: type as 'photo' | 'video', index }
      : null;
  return { kind: 'status', user, id, media };
}

function paramsOf(query: URLSearchParams, keys: readonly IntentParam[]): Partial<Record<IntentParam, string>> {
  const params: Partial<Record<IntentParam, string>> = {};
  for (const key of keys) {
    const value = query.get(key);
    if (value !== null) params[key] = value;
  }
  return params;
}

function parseUnderI(seg: string[], path: string): XLink {
  const [, second = '', third, fourth, ...rest] = seg;
  const what = second.toLowerCase();
  if (what === 'web' && third?.toLowerCase() === 'status') return statusLink(null, fourth, rest) ?? unknown(path);
  if (what === 'status') return statusLink(null, third, fourth === undefined ? [] : [fourth, ...rest]) ?? unknown(path);
  if (what === 'videos' && third === 'tweet') return statusLink(null, fourth, []) ?? unknown(path);
  const id = third ?? '';
  if (what === 'lists' && DIGITS.test(id)) return { kind: 'list', ref: { id }, members: fourth === 'members' };
  if (what === 'user' && DIGITS.test(id)) return { kind: 'user-id', id };
  if (what === 'article' && DIGITS.test(id)) return { kind: 'article', id, user: null };
  if (what === 'communities' && DIGITS.test(id)) return { kind: 'community', id };
  if (what === 'spaces' && CODE.test(id)) return { kind: 'space', id };
  if (what === 'broadcasts' && CODE.test(id)) return { kind: 'broadcast', id };
  if (has(ACCOUNT_UNDER_I, what)) return { kind: 'account', path };
  return unknown(path);
}

function unknown(path: string): XLink {
  return { kind: 'unknown', path };
}

function parseIntent(action: string, query: URLSearchParams): XLink {
  const known: readonly string[] = ['tweet', 'post', 'share', 'follow', 'retweet', 'like', 'user'];
  const normalized = action === 'favorite' ? 'like' : action;
  if (!known.includes(normalized)) return unknown(`/intent/${action}`);
  return { kind: 'intent', action: normalized as IntentAction, params: paramsOf(query, INTENT_PARAMS) };
}

/** Routes a path on an X app host (or a fixer, which copies its layout). */
function parseAppPath(seg: string[], query: URLSearchParams): XLink {
  const path = `/${seg.join('/')}`;
  const [first, second, third, ...rest] = seg;
  if (first === undefined) return { kind: 'home' };
  const top = first.toLowerCase();
  if (top === 'home' || top === 'explore') return seg.length === 1 ? { kind: 'home' } : unknown(path);
  if (top === 'i') return parseUnderI(seg, path);
  if (top === 'intent') return parseIntent((second ?? '').toLowerCase(), query);
  if (top === 'share') return { kind: 'intent', action: 'share', params: paramsOf(query, INTENT_PARAMS) };
  if (top === 'search') return { kind: 'search', q: query.get('q') ?? '', f: query.get('f') };
  if (top === 'hashtag' && second !== undefined) return { kind: 'hashtag', tag: decode(second) };
  if (top === 'statuses') return statusLink(null, second, []) ?? unknown(path);
  if (has(ACCOUNT_TOP, top)) return { kind: 'account', path };
  if (has(RESERVED_TOP, top) || !USERNAME.test(first)) return unknown(path);

  const user = first;
  if (second === undefined) return { kind: 'profile', user, tab: null };
  const sub = second.toLowerCase();
  if (sub === 'status' || sub === 'statuses') return statusLink(user, third, rest) ?? unknown(path);
  if (sub === 'article' && DIGITS.test(third ?? '')) return { kind: 'article', id: third ?? '', user };
  if (sub === 'lists' && third !== undefined) {
    return { kind: 'list', ref: { owner: user, slug: decode(third) }, members: rest[0] === 'members' };
  }
  if (third === undefined && (has(MIRRORED_TABS, sub) || has(OTHER_TABS, sub) || sub === 'lists')) {
    return { kind: 'profile', user, tab: sub };
  }
  return unknown(path);
}

function parseSyndication(url: URL): XLink | null {
  const id = url.searchParams.get('id');
  if (id !== null && DIGITS.test(id)) return { kind: 'embed', id };
  // Embedded timelines: /srv/timeline-profile/screen-name/NAME
  const match = /\/screen-name\/(\w{1,50})/.exec(url.pathname);
  return match?.[1] === undefined ? null : { kind: 'profile', user: match[1], tab: null };
}

/**
 * Old links carry the path in a hash-bang fragment (`twitter.com/#!/jack`).
 * Returns the path to route: the fragment's when it is a hash-bang one.
 */
function routedPath(url: URL): string {
  return url.hash.startsWith('#!/') ? (url.hash.slice(2).split('?')[0] ?? '') : url.pathname;
}

/**
 * Parses `input` into an XLink, or returns null when it is not an X URL
 * (including X-looking hosts on an unusual port, and mirrors themselves).
 */
export function parseXUrl(input: string | URL): XLink | null {
  let url: URL;
  try {
    url = typeof input === 'string' ? new URL(input.trim()) : input;
  } catch (error) {
    if (error instanceof TypeError) return null;
    throw error;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.port !== '') return null;
  const host = url.hostname.replace(/\.$/, '');
  const kind = hostKind(host);
  if (kind === null) return null;
  const seg = routedPath(url)
    .split('/')
    .filter((s) => s !== '');
  const first = seg[0] ?? '';

  switch (kind) {
    case 'app':
      return parseAppPath(seg, url.searchParams);
    case 'tco':
      return CODE.test(first) ? { kind: 'tco', code: first } : unknown(url.pathname);
    case 'pic':
      return CODE.test(first) ? { kind: 'pic', code: first } : unknown(url.pathname);
    case 'media':
      return seg.length === 0
        ? null
        : { kind: 'media', host: host as 'pbs.twimg.com' | 'video.twimg.com', path: url.pathname + url.search };
    case 'embed': {
      const id = url.searchParams.get('id');
      return first === 'embed' && id !== null && DIGITS.test(id) ? { kind: 'embed', id } : null;
    }
    case 'syndication':
      return parseSyndication(url);
  }
}

/** X's own clean URL for a link: what "open on X" or "copy link" should give. */
export function canonicalXUrl(link: XLink): string {
  const x = 'https://x.com';
  switch (link.kind) {
    case 'home':
      return `${x}/home`;
    case 'profile':
      return `${x}/${link.user}${link.tab === null ? '' : `/${link.tab}`}`;
    case 'user-id':
      return `${x}/i/user/${link.id}`;
    case 'status': {
      const media = link.media === null ? '' : `/${link.media.type}/${link.media.index}`;
      return `${x}/${link.user ?? 'i/web'}/status/${link.id}${media}`;
    }
    case 'search': {
      const f = link.f === null ? '' : `&f=${encodeURIComponent(link.f)}`;
      return `${x}/search?q=${encodeURIComponent(link.q)}${f}`;
    }
    case 'hashtag':
      return `${x}/hashtag/${encodeURIComponent(link.tag)}`;
    case 'list':
      return 'id' in link.ref
        ? `${x}/i/lists/${link.ref.id}${link.members ? '/members' : ''}`
        : `${x}/${link.ref.owner}/lists/${encodeURIComponent(link.ref.slug)}`;
    case 'article':
      return `${x}/${link.user ?? 'i'}/article/${link.id}`;
    case 'space':
      return `${x}/i/spaces/${link.id}`;
    case 'broadcast':
      return `${x}/i/broadcasts/${link.id}`;
    case 'community':
      return `${x}/i/communities/${link.id}`;
    case 'tco':
      return `https://t.co/${link.code}`;
    case 'pic':
      return `https://pic.x.com/${link.code}`;
    case 'media':
      return `https://${link.host}${link.path}`;
    case 'embed':
      return `${x}/i/web/status/${link.id}`;
    case 'intent': {
      const query = new URLSearchParams(link.params as Record<string, string>).toString();
      return `${x}/intent/${link.action === 'share' ? 'tweet' : link.action}${query === '' ? '' : `?${query}`}`;
    }
    case 'account':
    case 'unknown':
      return `${x}${link.path}`;
  }
}
