/**
 * The way back: which X URL a mirror URL shows. Failover needs it, to send a
 * reader whose mirror just failed to the same post on the next mirror, and
 * the fallback page needs it to offer the archived copy and "open on X".
 *
 * Nitter's routes copy X's layout, so its paths are read with the X parser;
 * template mirrors are matched against their own templates.
 */
import { TEMPLATE_PLACEHOLDERS, type MirrorForRewriting, type TemplateKind } from './mirrors';
import { canonicalXUrl, parseXUrl, type XLink } from './x-url';

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch (error) {
    // A stray '%' typed by hand: keep the text as it is.
    if (error instanceof URIError) return text;
    throw error;
  }
}

/** Nitter paths X does not have under the same name. */
function nitterLink(url: URL): XLink | null {
  const path = url.pathname;
  const tco = /^\/t\.co\/(\w{1,40})\/?$/.exec(path);
  if (tco?.[1] !== undefined) return { kind: 'tco', code: tco[1] };
  const pic = /^\/pic\/(.+)$/.exec(path);
  if (pic?.[1] !== undefined) {
    const inner = decode(pic[1]);
    return parseXUrl(`https://pbs.twimg.com/${inner.replace(/^\/+/, '')}`);
  }
  const status = /^\/i\/status\/(\d{1,25})(?:\/embed)?\/?$/.exec(path);
  if (status?.[1] !== undefined) return { kind: 'status', user: null, id: status[1], media: null };
  const article = /^\/i\/article\/(\d{1,25})\/?$/.exec(path);
  if (article?.[1] !== undefined) return { kind: 'article', id: article[1], user: null };
  if (path === '/search' || path === '/search/') {
    const q = url.searchParams.get('q') ?? '';
    const f =
      url.searchParams.get('f') === 'users' ? 'user' : url.searchParams.get('f-media') === 'on' ? 'media' : null;
    return { kind: 'search', q, f };
  }
  return null;
}

function fromNitter(url: URL): XLink | null {
  const special = nitterLink(url);
  if (special !== null) return special;
  // Everything else has X's shape; the query (Nitter's cursors) means nothing to X.
  const link = parseXUrl(`https://x.com${url.pathname}`);
  return link === null || link.kind === 'unknown' || link.kind === 'account' ? null : link;
}

function templateRegex(template: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const source = template
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(name);
      return '([^/?#&]+)';
    })
    .join('');
  return { regex: new RegExp(`^${source}/?$`), names };
}

function linkOfKind(kind: TemplateKind, values: Record<string, string>): XLink | null {
  switch (kind) {
    case 'home':
      return { kind: 'home' };
    case 'profile':
      return values.user === undefined ? null : { kind: 'profile', user: values.user, tab: null };
    case 'status':
      return values.id === undefined
        ? null
        : { kind: 'status', user: values.user === 'i' ? null : (values.user ?? null), id: values.id, media: null };
    case 'search':
      return { kind: 'search', q: values.q ?? '', f: null };
    case 'hashtag':
      return values.tag === undefined ? null : { kind: 'hashtag', tag: values.tag };
    case 'list':
      return values.id === undefined ? null : { kind: 'list', ref: { id: values.id }, members: false };
  }
}

function fromTemplates(url: URL, mirror: MirrorForRewriting): XLink | null {
  const here = url.pathname + url.search;
  // Most specific first: the longest template wins over a catch-all like `/{user}`.
  const entries = (Object.entries(mirror.templates ?? {}) as [TemplateKind, string][])
    .filter(([kind]) => kind in TEMPLATE_PLACEHOLDERS)
    .sort(([, a], [, b]) => b.length - a.length);
  for (const [kind, template] of entries) {
    const { regex, names } = templateRegex(template);
    const match = regex.exec(here);
    if (match === null) continue;
    const values: Record<string, string> = {};
    names.forEach((name, i) => {
      values[name] = decode(match[i + 1] ?? '');
    });
    const link = linkOfKind(kind, values);
    if (link !== null) return link;
  }
  return null;
}

/** The X URL a page of `mirror` shows, or null when it is not one of its content pages. */
export function xUrlFromMirrorUrl(href: string, mirror: MirrorForRewriting): string | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch (error) {
    if (error instanceof TypeError) return null;
    throw error;
  }
  if (url.origin !== mirror.origin) return null;
  const link = mirror.scheme === 'nitter' ? fromNitter(url) : fromTemplates(url, mirror);
  return link === null ? null : canonicalXUrl(link);
}
