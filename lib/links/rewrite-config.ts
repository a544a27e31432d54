/**
 * What the page script reads from storage: the mirror's origin, the page
 * rules the background compiled (page-rules.ts, from the same table as the
 * redirect rules) and the embed option. Read and compiled here, applied by
 * mirror-href.ts.
 */
import { foldCase } from './path-first-chars.ts';

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
  /** With `onHost`: what can follow the path's first `/`, case-folded (path-first-chars.ts); absent: anything. */
  firsts?: string;
}

export interface CompiledRule {
  re: RegExp;
  replacement: string | null;
  status: boolean;
  onHost: boolean;
  encode: boolean;
  firsts: string | null;
}

/**
 * Compiled page rules. Most rules are for X's app hosts: the host is matched
 * once per link and those rules only see the rest, instead of each of forty
 * regexes matching the host again. Each list keeps the rules' order (the
 * first match decides) and leaves out only rules that cannot match there.
 */
export interface PageRules {
  /** X's app hosts, sticky: applyRules reads where the host ends from its lastIndex. */
  host: RegExp;
  /** Every rule, in order. */
  list: CompiledRule[];
  /** For a link on an X app host whose path starts with `/` and this character (case-folded). */
  byFirst: Map<string, CompiledRule[]>;
  /** For a link on an X app host whose path starts with anything else. */
  otherFirst: CompiledRule[];
  /** For any other link: the rules not tied to X's app hosts. */
  offHost: CompiledRule[];
}

/** The rule lists per first path character, from the rules in order. */
function indexRules(host: RegExp, list: CompiledRule[]): PageRules {
  const anyFirst = (rule: CompiledRule): boolean => !rule.onHost || rule.firsts === null;
  const byFirst = new Map<string, CompiledRule[]>();
  for (const char of new Set(list.flatMap((rule) => [...(rule.firsts ?? '')])))
    byFirst.set(
      char,
      list.filter((rule) => anyFirst(rule) || rule.firsts?.includes(char)),
    );
  return { host, list, byFirst, otherFirst: list.filter(anyFirst), offHost: list.filter((rule) => !rule.onHost) };
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
      const { pattern, replacement, firsts } = rule ?? {};
      if (typeof pattern !== 'string' || (replacement !== null && typeof replacement !== 'string')) return null;
      list.push({
        re: new RegExp(pattern, 'i'),
        replacement,
        status: rule.status === true,
        onHost: rule.onHost === true,
        encode: rule.encode === true,
        // Anything but a short run of characters: test the rule on every link.
        firsts:
          typeof firsts === 'string' && firsts.length > 0 && firsts.length <= 64
            ? [...firsts].map(foldCase).join('')
            : null,
      });
    }
    return { origin, rules: indexRules(new RegExp(host, 'iy'), list), replaceEmbeds: replaceEmbeds !== false };
  } catch (error) {
    if (error instanceof SyntaxError) return null;
    throw error;
  }
}
