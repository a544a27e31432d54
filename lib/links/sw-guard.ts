/**
 * X's own service worker answers navigations on x.com from its cache before
 * any declarativeNetRequest rule sees them. The x.com `document_start`
 * script then has to make the same decision the rules would have made; this
 * is that decision, pure. The background keeps its inputs in storage.local.
 */
import { readLinkMirror, rewriteToMirror, type MirrorForRewriting } from './mirrors';
import { parseXUrl } from './x-url';

/** browser.storage.local key the background keeps up to date. */
export const LINK_GUARD_KEY = 'sortie.linkGuard';

export interface LinkGuardConfig {
  /** Redirecting is on. */
  enabled: boolean;
  /** Where X links go; null when no mirror works (the rules then block X pages, and the background opens the fallback page). */
  mirror: MirrorForRewriting | null;
  keepXUsable: boolean;
  /** Exception path prefixes, already normalized (lower case, percent-encoded). */
  exceptions: string[];
  pausedUntil: number | null;
  /** URLs the user chose to open on X once, each until a time (epoch ms). */
  allowOnce: { url: string; until: number }[];
}

/** A stand-in Nitter mirror: it has a route for every X page the redirect rules cover. */
const ANY_NITTER: MirrorForRewriting = { origin: 'https://mirror.invalid', scheme: 'nitter' };
const X_HOSTS = /(?:^|\.)(?:x|twitter)\.com$/;

export function readLinkGuard(value: unknown): LinkGuardConfig | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.enabled !== 'boolean' || typeof v.keepXUsable !== 'boolean') return null;
  const strings = (list: unknown): string[] =>
    Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string') : [];
  const allowOnce = Array.isArray(v.allowOnce)
    ? v.allowOnce.filter(
        (a): a is { url: string; until: number } =>
          typeof a === 'object' &&
          a !== null &&
          typeof (a as { url?: unknown }).url === 'string' &&
          typeof (a as { until?: unknown }).until === 'number',
      )
    : [];
  return {
    enabled: v.enabled,
    mirror: readLinkMirror(v.mirror),
    keepXUsable: v.keepXUsable,
    exceptions: strings(v.exceptions),
    pausedUntil: typeof v.pausedUntil === 'number' ? v.pausedUntil : null,
    allowOnce,
  };
}

/** Same boundary as the rules' `||x.com/prefix^` filter: the prefix ends at a separator or the end. */
export function matchesException(url: URL, prefix: string): boolean {
  const path = (url.pathname + url.search).toLowerCase();
  if (!path.startsWith(prefix)) return false;
  const next = path.charAt(prefix.length);
  return prefix.endsWith('/') || next === '' || /[^\w\-.%]/.test(next);
}

/**
 * Where the page at `href` should go instead, or null to stay. `referrer` is
 * `document.referrer`: empty for typed navigations, which "keep X usable"
 * leaves on X like the rules do.
 */
export function guardTarget(href: string, referrer: string, config: LinkGuardConfig, now: number): string | null {
  if (!config.enabled || (config.pausedUntil !== null && now < config.pausedUntil)) return null;
  if (config.allowOnce.some((a) => a.url === href && now < a.until)) return null;
  const url = new URL(href);
  const link = parseXUrl(url);
  if (link === null || config.exceptions.some((prefix) => matchesException(url, prefix))) return null;
  if (config.keepXUsable) {
    let from = '';
    try {
      from = referrer === '' ? '' : new URL(referrer).hostname;
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
    }
    if (from === '' || X_HOSTS.test(from)) return null;
  }
  if (config.mirror !== null) return rewriteToMirror(link, config.mirror);
  // No mirror: load the page again past X's (now removed) service worker. The
  // rules block it and the background opens the fallback page in this tab: a
  // web page, this script included, cannot open an extension page that is not
  // web-accessible, and none is (lib/links/dnr.ts).
  return rewriteToMirror(link, ANY_NITTER) === null ? null : href;
}
