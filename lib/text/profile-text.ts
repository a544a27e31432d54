/**
 * Profiles as text: Mastodon sends bios and fields as HTML, Bluesky as plain
 * text. Pure string work, so it runs the same in the engine and in tests.
 */

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  '#39': "'",
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z0-9]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Mastodon's HTML (paragraphs, line breaks, links, mention cards) as plain text. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
      .replace(/<[^>]*>/g, ''),
  ).trim();
}

/** The href of every link in Mastodon's HTML. */
export function hrefsIn(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<a\s[^>]*href\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
    const href = decodeEntities(m[1] ?? m[2] ?? '');
    if (/^https?:\/\//i.test(href) && !out.includes(href)) out.push(href);
  }
  return out;
}

/** Addresses written in plain text: with a scheme, or a bare `host/path`. */
export function urlsInText(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\bhttps?:\/\/[^\s<>"]+|(?<![\w@./-])(?:[a-z0-9-]+\.)+[a-z]{2,}\/[^\s<>"]*/gi)) {
    const raw = m[0].replace(/[.,;:!?)\]]+$/, '');
    const url = /^https?:\/\//i.test(raw) ? raw : `https://${raw}`;
    if (!out.includes(url)) out.push(url);
  }
  return out;
}

/** A URL reduced to what tells two of them apart (no scheme, no www., no trailing slash, lower-case host), to compare links across profiles. */
export function normalizeUrl(url: string): string {
  try {
    const u = new URL(/^https?:\/\//i.test(url) ? url : `https://${url}`);
    return `${u.hostname.replace(/^www\./, '').toLowerCase()}${u.pathname.replace(/\/+$/, '')}${u.search}`;
  } catch {
    // Not a URL: compare the text itself.
    return url.trim().toLowerCase();
  }
}
