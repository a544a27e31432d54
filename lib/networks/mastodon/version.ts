/**
 * Reading the `version` string servers report, to decide which features
 * they have. Forks and compatible servers decorate it in their own ways.
 */

export interface MastodonVersion {
  major: number;
  minor: number;
  patch: number;
}

/**
 * Accepts '4.3.1', 'v4.2.0', '4.5.0+glitch', '4.3.0-beta.1', '4.4.0-nightly.2025-06-01'
 * and compatible servers' '2.7.2 (compatible; Pleroma 2.5.0)', where the
 * leading triple is the Mastodon API level they claim. Null when unreadable.
 */
export function parseMastodonVersion(version: string): MastodonVersion | null {
  const match = /^\s*v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(version);
  if (!match) return null;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3] ?? 0) };
}

/**
 * Pre-releases count as their release: features land in the first beta,
 * so '4.3.0-beta.1' already has what 4.3 introduced.
 */
export function versionAtLeast(version: MastodonVersion | null, major: number, minor: number, patch = 0): boolean {
  if (!version) return false;
  if (version.major !== major) return version.major > major;
  if (version.minor !== minor) return version.minor > minor;
  return version.patch >= patch;
}
