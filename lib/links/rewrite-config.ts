/**
 * What the page script reads from storage: the mirror's origin, the page
 * rules the background compiled (page-rules.ts, from the same table as the
 * redirect rules) and the embed option. Read and compiled here, applied by
 * mirror-href.ts.
 */

/** browser.storage.local key the background keeps up to date (see RewriteConfig: the mirror and its page rules). */
export const LINK_MIRROR_KEY = 'sortie.linkMirror';

/** One route for pages: the first rule whose pattern matches decides; null keeps the link. */
export interface PageRule {
  /** Matched against the whole URL, or with `onHost` against what follows the X host. */
  pattern: string;
  /** JavaScript replacement string ($1...), or null to leave the link as it is. */
  replacement: string | null;
  /** The rule's target is a post: an embedded tweet's card may point there. */
  status?: boolean;
  /** The pattern is for the path after an X app host (`host` in the stored value). */
  onHost?: boolean;
  /** Captured groups go into the replacement percent-encoded (a whole path as one segment). */
  encode?: boolean;
}

interface CompiledRule {
  re: RegExp;
  replacement: string | null;
  status: boolean;
  onHost: boolean;
  encode: boolean;
}

/**
 * Compiled page rules. Most rules are for X's app hosts: the host is matched
 * once per link and those rules only see the rest, instead of each of forty
 * regexes matching the host again.
 */
export interface PageRules {
  host: RegExp;
  list: CompiledRule[];
}

/** What the page script reads from storage: the mirror's origin, its rules, the embed option. */
export interface RewriteConfig {
  origin: string;
  rules: PageRules;
  replaceEmbeds: boolean;
}

/** Reads the stored page configuration, or null when it is missing or malformed (then nothing is touched). */
export function readRewriteConfig(value: unknown): RewriteConfig | null {
  if (typeof value !== 'object' || value === null) return null;
  const { origin, host, rules, replaceEmbeds } = value as Record<string, unknown>;
  if (typeof origin !== 'string' || !/^https?:\/\/[\w.-]+(?::\d{1,5})?$/.test(origin)) return null;
  if (typeof host !== 'string' || !Array.isArray(rules)) return null;
  try {
    const list: CompiledRule[] = [];
    for (const rule of rules as Partial<PageRule>[]) {
      const { pattern, replacement } = rule ?? {};
      if (typeof pattern !== 'string' || (replacement !== null && typeof replacement !== 'string')) return null;
      list.push({
        re: new RegExp(pattern, 'i'),
        replacement,
        status: rule.status === true,
        onHost: rule.onHost === true,
        encode: rule.encode === true,
      });
    }
    return { origin, rules: { host: new RegExp(host, 'i'), list }, replaceEmbeds: replaceEmbeds !== false };
  } catch (error) {
    if (error instanceof SyntaxError) return null;
    throw error;
  }
}
