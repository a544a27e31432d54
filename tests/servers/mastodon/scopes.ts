import type { ParamValue } from './params';

// OAuth scopes Mastodon's Doorkeeper configuration knows (config/initializers/doorkeeper.rb).

const TOP_LEVEL = ['read', 'write', 'follow', 'push', 'profile'];
const READ = [
  'accounts',
  'blocks',
  'bookmarks',
  'favourites',
  'filters',
  'follows',
  'lists',
  'mutes',
  'notifications',
  'search',
  'statuses',
];
const WRITE = [
  'accounts',
  'blocks',
  'bookmarks',
  'conversations',
  'favourites',
  'filters',
  'follows',
  'lists',
  'media',
  'mutes',
  'notifications',
  'reports',
  'statuses',
];
const ADMIN = [
  'admin:read',
  'admin:write',
  'admin:read:accounts',
  'admin:read:reports',
  'admin:read:domain_allows',
  'admin:read:domain_blocks',
  'admin:read:ip_blocks',
  'admin:read:email_domain_blocks',
  'admin:read:canonical_email_blocks',
  'admin:write:accounts',
  'admin:write:reports',
  'admin:write:domain_allows',
  'admin:write:domain_blocks',
  'admin:write:ip_blocks',
  'admin:write:email_domain_blocks',
  'admin:write:canonical_email_blocks',
];

export const KNOWN_SCOPES: readonly string[] = [
  ...TOP_LEVEL,
  ...READ.map((s) => `read:${s}`),
  ...WRITE.map((s) => `write:${s}`),
  ...ADMIN,
];

/** Space- or plus-separated scopes (or a JSON array), defaulting to `read` like Doorkeeper. */
export function parseScopes(value: ParamValue | undefined): string[] {
  const raw = Array.isArray(value) ? value.map(String).join(' ') : typeof value === 'string' ? value : '';
  const scopes = raw.split(/[\s+]+/).filter((s) => s !== '');
  return scopes.length > 0 ? [...new Set(scopes)] : ['read'];
}

export function allKnown(scopes: string[]): boolean {
  return scopes.every((s) => KNOWN_SCOPES.includes(s));
}

export function isSubset(requested: string[], allowed: string[]): boolean {
  return requested.every((s) => allowed.includes(s));
}
