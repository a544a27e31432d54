import { describe, expect, it } from 'vitest';
import { buildServerProfile, describeServer, detectFamily } from '../../../lib/networks/mastodon/server-profile.ts';

const ORIGIN = 'https://example.social';

describe('detectFamily: real version strings', () => {
  it.each([
    // [version, nodeinfo software.name, family, software, softwareVersion]
    ['4.5.0', undefined, 'mastodon', 'Mastodon', '4.5.0'],
    ['4.3.1', 'mastodon', 'mastodon', 'Mastodon', '4.3.1'],
    ['4.5.0+glitch', undefined, 'mastodon', 'glitch', '4.5.0'],
    ['4.3.2+hometown-1.1.1', undefined, 'mastodon', 'hometown', '4.3.2'],
    ['4.4.0-nightly.2025-06-01', undefined, 'mastodon', 'Mastodon', '4.4.0'],
    ['0.4.4', undefined, 'unknown', '', '0.4.4'],
    ['0.4.4', 'hollo', 'hollo', 'Hollo', '0.4.4'],
    ['0.17.0 git-ccb5f2d', undefined, 'gotosocial', 'GoToSocial', '0.17.0'],
    ['0.19.1+git-4b5f9f3', 'gotosocial', 'gotosocial', 'GoToSocial', '0.19.1'],
    ['2.7.2 (compatible; Akkoma 3.13.2)', undefined, 'akkoma', 'Akkoma', '3.13.2'],
    ['2.7.2 (compatible; Pleroma 2.5.0)', 'pleroma', 'pleroma', 'Pleroma', '2.5.0'],
    ['3.0.0 (compatible; Sharkey 2024.11.1)', undefined, 'misskey', 'Sharkey', '2024.11.1'],
    ['4.2.8 (compatible; Iceshrimp.NET/2024.1-beta5)', 'Iceshrimp', 'misskey', 'Iceshrimp.NET', '2024.1-beta5'],
    ['3.5.3 (compatible; Pixelfed 0.12.4)', 'pixelfed', 'pixelfed', 'Pixelfed', '0.12.4'],
    ['2.8.0 (compatible; Friendica 2024.08)', 'friendica', 'friendica', 'Friendica', '2024.08'],
    ['nonsense', undefined, 'unknown', '', ''],
  ])('%s (nodeinfo %s) -> %s', (version, name, family, software, softwareVersion) => {
    expect(detectFamily(version, name ? { name } : undefined)).toEqual({ family, software, softwareVersion });
  });

  it('nodeinfo names the fork when the version string does not', () => {
    expect(detectFamily('4.0.0', { name: 'hollo', version: '0.6.1' })).toEqual({
      family: 'hollo',
      software: 'Hollo',
      softwareVersion: '0.6.1',
    });
  });
});

describe('buildServerProfile: what each family supports', () => {
  it.each([
    // [version, nodeinfo, quotePolicy, pkce, scheduling, revoke, apps page]
    ['4.5.0', undefined, true, true, 'yes', 'yes', '/oauth/authorized_applications'],
    ['4.2.10', undefined, false, false, 'yes', 'yes', '/oauth/authorized_applications'],
    ['0.4.4', 'hollo', false, false, 'no', 'no', '/'],
    ['0.17.0 git-ccb5f2d', undefined, false, false, 'no', 'unknown', '/settings'],
    ['2.7.2 (compatible; Akkoma 3.13.2)', undefined, false, false, 'yes', 'yes', '/settings'],
    ['3.0.0 (compatible; Sharkey 2024.11.1)', undefined, false, false, 'unknown', 'unknown', '/settings/apps'],
    // A fork claiming a high Mastodon API level still has none of Mastodon's 4.5 features.
    ['4.5.0 (compatible; Sharkey 2025.1.0)', undefined, false, false, 'unknown', 'unknown', '/settings/apps'],
  ])('%s', (version, name, quotePolicy, pkce, scheduling, revoke, page) => {
    const profile = buildServerProfile(ORIGIN, version, name ? { name } : undefined);
    expect(profile.capabilities).toEqual({ quotePolicy, pkce, scheduling, revoke });
    expect(profile.appsPage).toBe(`${ORIGIN}${page}`);
  });

  it('names the server as the user knows it', () => {
    expect(describeServer(detectFamily('0.17.0 git-ccb5f2d'))).toBe('GoToSocial 0.17.0');
    expect(describeServer(detectFamily('4.5.0+glitch'))).toBe('Mastodon (glitch) 4.5.0');
    expect(describeServer(detectFamily('0.4.4', { name: 'hollo' }))).toBe('Hollo 0.4.4');
  });
});
