/**
 * Finds every network host the built extension names: hosts of URL literals,
 * bare host names in string literals, and host names written as regular
 * expressions (`x\.com`). Pure text work on the bundles; the e2e spec
 * tests/e2e/bundle-hosts.spec.ts compares the result with the reviewed list
 * tests/privacy/allowed-hosts.json.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

// IANA's list, as shipped with @atproto/api's dependency `tlds`: a dotted word is a host name only if it ends in a real TLD.
const TLDS: ReadonlySet<string> = new Set(createRequire(import.meta.url)('tlds') as string[]);

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOSTNAME = new RegExp(`^(?:${LABEL}\\.)+${LABEL}$`);
/** scheme://host — host up to the first character a host cannot contain. */
const URL_HOST = /\b(?:https?|wss?):\/\/([^\s"'`<>\\/?#:@)}\]]+)/gi;
/** A whole string literal that is a host name (a leading dot, as in `.endsWith('.bsky.social')`, is allowed). */
const STRING_HOST = new RegExp(`(["'\`])\\.?((?:${LABEL}\\.)+${LABEL})\\1`, 'g');
/** A host name written inside a regular expression. */
const REGEX_HOST = new RegExp(`(?<![\\w\\\\])((?:${LABEL}\\\\\\.)+${LABEL})(?![\\w-])`, 'g');

export interface HostHit {
  host: string;
  file: string;
  /** A few characters around the first occurrence, to review it. */
  context: string;
}

export interface ScanOptions {
  /** Dotted names that are not hosts: i18n keys, message names. */
  notHosts: ReadonlySet<string>;
  /** Prefixes of reverse-DNS identifiers (atproto NSIDs such as app.bsky.feed.post). */
  identifierPrefixes: readonly string[];
}

/** Any host a URL may name: a DNS name of legal length (whatever its TLD), localhost or an IPv4 address. */
export function isUrlHost(host: string): boolean {
  return host === 'localhost' || /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || (host.length <= 253 && HOSTNAME.test(host));
}

/** A dotted word outside a URL is a host name only if it ends in a real TLD and is not one of our own dotted names. */
export function isBareHostName(candidate: string, options: ScanOptions): boolean {
  const host = candidate.toLowerCase();
  if (host === 'localhost' || /^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return true;
  if (host.length > 253 || !HOSTNAME.test(host)) return false;
  if (!TLDS.has(host.slice(host.lastIndexOf('.') + 1))) return false;
  if (options.notHosts.has(candidate)) return false;
  return !options.identifierPrefixes.some((prefix) => host.startsWith(prefix));
}

export function hostsInText(text: string, options: ScanOptions): Map<string, string> {
  const found = new Map<string, string>();
  const add = (raw: string, index: number, accept: (host: string) => boolean) => {
    const host = raw.toLowerCase().replace(/\.$/, '');
    if (!found.has(host) && accept(host)) found.set(host, text.slice(Math.max(0, index - 40), index + raw.length + 40));
  };
  const bare = (host: string) => isBareHostName(host, options);
  for (const m of text.matchAll(URL_HOST)) add(m[1]!, m.index, isUrlHost);
  for (const m of text.matchAll(STRING_HOST)) {
    // Lower-case only: camelCase words (`this.state`, `app.bsky.actor.getProfile`) are code, not hosts.
    if (m[2] === m[2]!.toLowerCase()) add(m[2]!, m.index, bare);
  }
  for (const m of text.matchAll(REGEX_HOST)) add(m[1]!.replaceAll('\\.', '.'), m.index, bare);
  for (const m of text.matchAll(/(["'`])localhost\1/g)) add('localhost', m.index, bare);
  return found;
}

function jsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...jsFiles(path));
    else if (name.endsWith('.js')) out.push(path);
  }
  return out;
}

export function scanBuild(dir: string, options: ScanOptions): HostHit[] {
  const hits: HostHit[] = [];
  for (const file of jsFiles(dir)) {
    for (const [host, context] of hostsInText(readFileSync(file, 'utf8'), options)) {
      hits.push({ host, file: relative(process.cwd(), file), context });
    }
  }
  return hits;
}
