import { describe, expect, it } from 'vitest';
import { fetchInstance, MASTODON_DEFAULT_LIMITS, parseInstance } from '../../../lib/networks/mastodon/instance.ts';
import { parseMastodonVersion, versionAtLeast } from '../../../lib/networks/mastodon/version.ts';
import { MastodonConnectError } from '../../../lib/networks/mastodon/connect-error.ts';
import { fakeFetch, html, json, networkDown } from './fake-fetch.ts';

const ORIGIN = 'https://example.social';

const V2_BODY = {
  domain: 'example.social',
  title: 'Example Social',
  version: '4.5.0',
  configuration: {
    statuses: { max_characters: 1000, max_media_attachments: 8, characters_reserved_per_url: 23 },
    media_attachments: {
      description_limit: 2000,
      supported_mime_types: ['image/jpeg', 'image/png'],
      image_size_limit: 10485760,
      video_size_limit: 41943040,
    },
    polls: { max_options: 6, max_characters_per_option: 100, min_expiration: 60, max_expiration: 86400 },
  },
};

describe('parseMastodonVersion / versionAtLeast', () => {
  it.each([
    ['4.3.1', 4, 3, true, false],
    ['4.5.0', 4, 5, true, true],
    ['4.5.0+glitch', 4, 5, true, true],
    ['4.5.2+hometown-1.1.2', 4, 5, true, true],
    ['4.3.0-beta.1', 4, 3, true, false],
    ['4.4.0-nightly.2025-06-01', 4, 4, true, false],
    ['v4.2.0', 4, 2, false, false],
    ['5.0.0', 5, 0, true, true],
    ['4.10.0', 4, 10, true, true],
    ['2.7.2 (compatible; Pleroma 2.5.0)', 2, 7, false, false],
    ['3.5.3 (compatible; Akkoma 3.10.4)', 3, 5, false, false],
    ['4.0', 4, 0, false, false],
  ])('%s -> %i.%i, pkce %s, quotes %s', (version, major, minor, pkce, quotes) => {
    const parsed = parseMastodonVersion(version);
    expect(parsed).toMatchObject({ major, minor });
    expect(versionAtLeast(parsed, 4, 3)).toBe(pkce);
    expect(versionAtLeast(parsed, 4, 5)).toBe(quotes);
  });

  it.each(['', 'unknown', 'nightly'])('%j is unreadable and supports nothing', (version) => {
    expect(parseMastodonVersion(version)).toBeNull();
    expect(versionAtLeast(null, 0, 0)).toBe(false);
  });
});

describe('parseInstance', () => {
  it('reads every limit from a v2 body', () => {
    expect(parseInstance(ORIGIN, V2_BODY)).toEqual({
      origin: ORIGIN,
      version: '4.5.0',
      title: 'Example Social',
      supportsQuotePolicy: true,
      supportsPkce: true,
      limits: {
        maxCharacters: 1000,
        charactersReservedPerUrl: 23,
        maxMediaAttachments: 8,
        descriptionLimit: 2000,
        supportedMimeTypes: ['image/jpeg', 'image/png'],
        imageSizeLimit: 10485760,
        videoSizeLimit: 41943040,
        pollMaxOptions: 6,
        pollMaxCharactersPerOption: 100,
        pollMinExpiration: 60,
        pollMaxExpiration: 86400,
      },
      profile: expect.objectContaining({ family: 'mastodon', softwareVersion: '4.5.0' }),
    });
  });

  it('falls back to the documented Mastodon defaults for missing or nonsense fields', () => {
    const info = parseInstance(ORIGIN, {
      version: '3.5.0',
      configuration: { statuses: { max_characters: 0, max_media_attachments: 'many' }, polls: null },
    });
    expect(info.limits).toEqual(MASTODON_DEFAULT_LIMITS);
    expect(info.title).toBe('example.social');
    expect(MASTODON_DEFAULT_LIMITS).toMatchObject({
      maxCharacters: 500,
      charactersReservedPerUrl: 23,
      maxMediaAttachments: 4,
    });
  });

  it('reads the Pleroma-style v1 extras', () => {
    const info = parseInstance(ORIGIN, {
      uri: 'pleroma.example',
      title: 'Pleroma',
      version: '2.7.2 (compatible; Pleroma 2.5.0)',
      max_toot_chars: '5000',
      description_limit: 5000,
      upload_limit: 16000000,
      poll_limits: { max_options: 20, max_option_chars: 200, min_expiration: 0, max_expiration: 31536000 },
    });
    expect(info.limits).toMatchObject({
      maxCharacters: 5000,
      descriptionLimit: 5000,
      imageSizeLimit: 16000000,
      videoSizeLimit: 16000000,
      pollMaxOptions: 20,
      pollMaxCharactersPerOption: 200,
      pollMinExpiration: 0,
      pollMaxExpiration: 31536000,
    });
    expect(info).toMatchObject({ supportsPkce: false, supportsQuotePolicy: false });
  });
});

describe('fetchInstance', () => {
  it('uses /api/v2/instance when it answers', async () => {
    const { fetch, calls } = fakeFetch({ 'GET /api/v2/instance': () => json(V2_BODY) });
    const info = await fetchInstance(ORIGIN, fetch);
    expect(info.limits.maxCharacters).toBe(1000);
    // nodeinfo is asked too (best effort; a 404 leaves the version string to decide).
    expect(calls.map((c) => c.url)).toEqual([`${ORIGIN}/api/v2/instance`, `${ORIGIN}/.well-known/nodeinfo`]);
  });

  it('reads the family from nodeinfo, following its link only on the same origin', async () => {
    const hollo = { version: '0.4.4', title: 'Hollo', configuration: {} };
    const nodeinfoAt = (href: string) =>
      json({ links: [{ rel: 'http://nodeinfo.diaspora.software/ns/schema/2.1', href }] });
    const same = fakeFetch({
      'GET /api/v2/instance': () => json(hollo),
      'GET /.well-known/nodeinfo': () => nodeinfoAt(`${ORIGIN}/nodeinfo/2.1`),
      'GET /nodeinfo/2.1': () => json({ software: { name: 'hollo', version: '0.4.4' } }),
    });
    expect((await fetchInstance(ORIGIN, same.fetch)).profile).toMatchObject({
      family: 'hollo',
      capabilities: { scheduling: 'no', revoke: 'no' },
    });

    // A server pointing its nodeinfo at a third party does not make Sortie call it.
    const elsewhere = fakeFetch({
      'GET /api/v2/instance': () => json(hollo),
      'GET /.well-known/nodeinfo': () => nodeinfoAt('https://tracker.example/nodeinfo/2.1'),
    });
    expect((await fetchInstance(ORIGIN, elsewhere.fetch)).profile.family).toBe('unknown');
    expect(elsewhere.calls.map((c) => c.url)).not.toContain('https://tracker.example/nodeinfo/2.1');
  });

  it('falls back to /api/v1/instance on servers without v2', async () => {
    const { fetch, calls } = fakeFetch({
      'GET /api/v1/instance': () => json({ uri: 'old.example', title: 'Old', version: '3.4.1', configuration: {} }),
    });
    const info = await fetchInstance(ORIGIN, fetch);
    expect(info).toMatchObject({ title: 'Old', version: '3.4.1', supportsPkce: false });
    expect(calls).toHaveLength(3);
  });

  type Case = [name: string, routes: Parameters<typeof fakeFetch>[0], kind: string];
  it.each<Case>([
    ['404 on both', {}, 'notMastodon'],
    [
      'an HTML page on both',
      { 'GET /api/v2/instance': () => html(), 'GET /api/v1/instance': () => html() },
      'notMastodon',
    ],
    ['JSON without a version', { 'GET /api/v2/instance': () => json({ hello: 'world' }) }, 'notMastodon'],
    ['network down', { 'GET /api/v2/instance': networkDown, 'GET /api/v1/instance': networkDown }, 'unreachable'],
    ['502 then 404', { 'GET /api/v2/instance': () => html(502) }, 'unreachable'],
    [
      '503 on both',
      { 'GET /api/v2/instance': () => json({}, 503), 'GET /api/v1/instance': () => json({}, 503) },
      'unreachable',
    ],
  ])('%s -> %s', async (_name, routes, kind) => {
    const { fetch } = fakeFetch(routes);
    const error = await fetchInstance(ORIGIN, fetch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MastodonConnectError);
    expect(error).toMatchObject({ kind, messageKey: `error.mastodon.${kind}` });
  });
});
