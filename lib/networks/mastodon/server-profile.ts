/**
 * Servers that speak the Mastodon client API are not all Mastodon. Hollo,
 * GoToSocial, Akkoma/Pleroma, the Misskey forks (Sharkey, Iceshrimp...),
 * Pixelfed and Friendica each report a `version` in their own way and each
 * lack some of Mastodon's features. This module turns what a server says
 * about itself (its version string, and nodeinfo's `software.name` when the
 * version alone is ambiguous) into one "server profile": which family, which
 * version of that family, what it supports and where its user revokes apps.
 * Every per-server decision (quote policies, PKCE, scheduling, revoking,
 * notices) reads the profile instead of comparing version numbers itself.
 *
 * Pure: no network. mastodon-instance.ts fetches what this reads.
 */
import type { ServerCapabilities, ServerFamily, ServerFamilyInfo, ServerProfile } from '../network.ts';
import { parseMastodonVersion, versionAtLeast, type MastodonVersion } from './version.ts';

/** A fork decorating Mastodon's version: '4.5.0+glitch', '4.3.2+hometown-1.1.1'. */
const MASTODON_FORK = /^\s*v?\d+\.\d+(?:\.\d+)?[^\s(]*?\+([a-z][\w.-]*?)(?:-\d[\w.]*)?\s*$/i;
/** '2.7.2 (compatible; Akkoma 3.13.2)', '3.0.0 (compatible; Sharkey 2024.11.1)'. */
const COMPATIBLE = /\(compatible;\s*([A-Za-z][\w.-]*)(?:[\s/]+v?([\w.+-]+))?\s*\)/i;
/** GoToSocial: '0.17.0 git-ccb5f2d', '0.19.1+git-4b5f9f3', '0.16.0-rc1 git-1a2b3c4'. */
const GOTOSOCIAL = /^\s*(\d+\.\d+\.\d+(?:-rc\d+)?)[+\s]git-[0-9a-f]+/i;

const BY_NAME: Record<string, ServerFamily> = {
  mastodon: 'mastodon',
  hometown: 'mastodon',
  glitchsoc: 'mastodon',
  'glitch-soc': 'mastodon',
  hollo: 'hollo',
  gotosocial: 'gotosocial',
  akkoma: 'akkoma',
  pleroma: 'pleroma',
  misskey: 'misskey',
  sharkey: 'misskey',
  iceshrimp: 'misskey',
  'iceshrimp.net': 'misskey',
  firefish: 'misskey',
  catodon: 'misskey',
  foundkey: 'misskey',
  cherrypick: 'misskey',
  pixelfed: 'pixelfed',
  friendica: 'friendica',
};

export function familyOfName(name: string): ServerFamily {
  return BY_NAME[name.trim().toLowerCase()] ?? 'unknown';
}

/**
 * Reads the family from the version string, then from nodeinfo's
 * `software.name` / `software.version` when they are known. The version
 * string alone cannot tell Hollo ('0.4.4') from an ancient Mastodon, so
 * nodeinfo wins when it names a family.
 */
export function detectFamily(version: string, nodeinfo?: { name?: string; version?: string }): ServerFamilyInfo {
  const fromNodeinfo = nodeinfo?.name ? familyOfName(nodeinfo.name) : 'unknown';
  const compatible = COMPATIBLE.exec(version);
  if (compatible) {
    const family = familyOfName(compatible[1]!);
    if (family !== 'unknown' || fromNodeinfo === 'unknown') {
      return {
        family: family === 'unknown' ? fromNodeinfo : family,
        software: compatible[1]!,
        softwareVersion: compatible[2] ?? '',
      };
    }
  }
  const gts = GOTOSOCIAL.exec(version);
  if (gts && (fromNodeinfo === 'unknown' || fromNodeinfo === 'gotosocial')) {
    return { family: 'gotosocial', software: 'GoToSocial', softwareVersion: gts[1]! };
  }
  if (fromNodeinfo !== 'unknown') {
    const software = nodeinfo!.name!.trim();
    const own = nodeinfo?.version?.trim() || leadingVersion(version);
    return {
      family: fromNodeinfo,
      software: software.charAt(0).toUpperCase() + software.slice(1),
      softwareVersion: own,
    };
  }
  const fork = MASTODON_FORK.exec(version);
  if (fork) return { family: 'mastodon', software: fork[1]!, softwareVersion: leadingVersion(version) };
  // A bare version: Mastodon's own format. Only a Mastodon this old (before 1.0) would look like Hollo's.
  const parsed = parseMastodonVersion(version);
  if (parsed && parsed.major >= 1)
    return { family: 'mastodon', software: 'Mastodon', softwareVersion: leadingVersion(version) };
  return { family: 'unknown', software: '', softwareVersion: leadingVersion(version) };
}

function leadingVersion(version: string): string {
  return /^\s*v?(\d+\.\d+(?:\.\d+)?)/.exec(version)?.[1] ?? '';
}

/**
 * Where each family lists the apps that may act for the account, so the
 * user can revoke Sortie by hand when Sortie could not. Unknown families get
 * the server's home page.
 */
const APPS_PAGES: Partial<Record<ServerFamily, string>> = {
  mastodon: '/oauth/authorized_applications',
  misskey: '/settings/apps',
  pixelfed: '/settings/applications',
  friendica: '/settings/oauth',
  // GoToSocial's and Pleroma-FE/Akkoma-FE's settings are single-page apps: their settings root.
  gotosocial: '/settings',
  akkoma: '/settings',
  pleroma: '/settings',
};

export function appsPageFor(origin: string, family: ServerFamily): string {
  return `${origin}${APPS_PAGES[family] ?? '/'}`;
}

/**
 * What each family supports, from their documentation and source:
 * - Mastodon: scheduling since 2.7, PKCE since 4.3, quote policies since 4.5, `/oauth/revoke` (Doorkeeper).
 * - Hollo: answers `scheduled_at` with a plain Status published at once; no `/oauth/revoke`.
 * - GoToSocial: no scheduled statuses (Tusky #4703: the post goes out at once); interaction policies of its own.
 * - Akkoma/Pleroma: scheduled statuses and `/oauth/revoke` (Pleroma's OAuth controller).
 * - Misskey forks, Pixelfed, Friendica: partial Mastodon layers; scheduling is checked on the answer.
 */
export function buildServerProfile(
  origin: string,
  version: string,
  nodeinfo?: { name?: string; version?: string },
): ServerProfile {
  const info = detectFamily(version, nodeinfo);
  const api: MastodonVersion | null = parseMastodonVersion(version);
  const mastodon = info.family === 'mastodon';
  const scheduling: ServerCapabilities['scheduling'] =
    mastodon || info.family === 'akkoma' || info.family === 'pleroma'
      ? 'yes'
      : info.family === 'hollo' || info.family === 'gotosocial'
        ? 'no'
        : 'unknown';
  const revoke: ServerCapabilities['revoke'] =
    mastodon || info.family === 'akkoma' || info.family === 'pleroma'
      ? 'yes'
      : info.family === 'hollo'
        ? 'no'
        : 'unknown';
  return {
    ...info,
    capabilities: {
      // Only Mastodon's own numbering means anything here: Hollo's '0.4.4' and Akkoma's '2.7.2' are not Mastodon levels.
      quotePolicy: mastodon && versionAtLeast(api, 4, 5),
      pkce: mastodon && versionAtLeast(api, 4, 3),
      scheduling,
      revoke,
    },
    appsPage: appsPageFor(origin, info.family),
  };
}

/** How the family is named to the user: 'GoToSocial 0.17.0', 'Sharkey 2024.11.1', 'Mastodon 4.5.0'. */
export function describeServer(profile: Pick<ServerFamilyInfo, 'family' | 'software' | 'softwareVersion'>): string {
  const name =
    profile.family === 'mastodon' && /^glitch|hometown/i.test(profile.software)
      ? `Mastodon (${profile.software})`
      : profile.software || 'Mastodon API';
  return profile.softwareVersion ? `${name} ${profile.softwareVersion}` : name;
}
