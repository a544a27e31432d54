import { createRestAPIClient } from 'masto';
import { afterEach, describe, expect, it } from 'vitest';
import { startMastodonServer, type MastodonServerOptions, type MastodonTestServer } from './index';

let server: MastodonTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(opts?: MastodonServerOptions) {
  server = await startMastodonServer(opts);
  return { server, masto: createRestAPIClient({ url: server.url }) };
}

describe('GET /api/v2/instance', () => {
  it('reports version, api_versions and the composing limits with their defaults', async () => {
    const { server, masto } = await start();
    const instance = await masto.v2.instance.fetch();
    expect(instance.version).toBe('4.5.0');
    expect(instance.apiVersions).toEqual({ mastodon: 7 });
    expect(instance.domain).toBe(new URL(server.url).host);
    const config = instance.configuration;
    expect(config.urls.streaming).toBe(server.url.replace('http', 'ws'));
    expect(config.accounts.maxFeaturedTags).toBe(10);
    expect(config.statuses).toEqual({ maxCharacters: 500, maxMediaAttachments: 4, charactersReservedPerUrl: 23 });
    expect(config.mediaAttachments).toMatchObject({
      imageSizeLimit: 16_777_216,
      imageMatrixLimit: 33_177_600,
      videoSizeLimit: 103_809_024,
      videoFrameRateLimit: 120,
      videoMatrixLimit: 8_294_400,
    });
    expect(config.mediaAttachments.supportedMimeTypes).toEqual(
      expect.arrayContaining(['image/png', 'image/jpeg', 'video/mp4', 'audio/mpeg']),
    );
    expect(config.polls).toEqual({
      maxOptions: 4,
      maxCharactersPerOption: 50,
      minExpiration: 300,
      maxExpiration: 2_629_746,
    });
    // masto's camelCase hides the snake_case key; check the wire format directly.
    const raw = (await (await fetch(`${server.url}/api/v2/instance`)).json()) as {
      configuration: { media_attachments: Record<string, unknown> };
    };
    expect(raw.configuration.media_attachments.description_limit).toBe(1500);
  });

  it.each([
    [
      { maxCharacters: 1000, charactersReservedPerUrl: 30, maxMediaAttachments: 8, imageSizeLimit: 1000 },
      1000,
      30,
      8,
      1000,
    ],
    [{ maxCharacters: 11000 }, 11000, 23, 4, 16_777_216],
  ])('reflects options %o', async (opts, chars, perUrl, media, imageSize) => {
    const { masto } = await start(opts);
    const config = (await masto.v2.instance.fetch()).configuration;
    expect(config.statuses).toEqual({
      maxCharacters: chars,
      maxMediaAttachments: media,
      charactersReservedPerUrl: perUrl,
    });
    expect(config.mediaAttachments.imageSizeLimit).toBe(imageSize);
  });

  it.each([
    ['4.4.3', 6],
    ['4.3.0', 2],
  ])('gives api_versions by release (%s -> %i)', async (version, api) => {
    const { masto } = await start({ version });
    expect((await masto.v2.instance.fetch()).apiVersions).toEqual({ mastodon: api });
  });

  it('has no api_versions before 4.3', async () => {
    const { masto } = await start({ version: '4.2.10' });
    expect((await masto.v2.instance.fetch()).apiVersions).toBeUndefined();
  });
});

describe('an older server without /api/v2/instance', () => {
  it('answers v2 with 404 and still serves v1 with its configuration', async () => {
    const { masto } = await start({ v2Instance: false, version: '3.5.3', maxCharacters: 5000 });
    await expect(masto.v2.instance.fetch()).rejects.toMatchObject({ statusCode: 404 });
    const v1 = await masto.v1.instance.fetch();
    expect(v1.version).toBe('3.5.3');
    expect(v1.configuration.statuses.maxCharacters).toBe(5000);
    expect(v1.configuration.statuses.charactersReservedPerUrl).toBe(23);
    expect(v1.configuration.mediaAttachments.imageSizeLimit).toBe(16_777_216);
    expect(v1.urls.streamingApi).toMatch(/^ws:\/\//);
    expect(v1).not.toHaveProperty('maxTootChars');
  });
});

describe('cross-origin access', () => {
  it('answers a preflight from an extension origin and exposes the rate-limit headers', async () => {
    const { server } = await start();
    const response = await fetch(`${server.url}/api/v1/statuses`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'chrome-extension://abcdefghijklmnop',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type,idempotency-key',
      },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
    const get = await fetch(`${server.url}/api/v2/instance`, {
      headers: { Origin: 'chrome-extension://abcdefghijklmnop' },
    });
    expect(get.headers.get('access-control-allow-origin')).toBe('*');
    expect(get.headers.get('access-control-expose-headers')).toContain('X-RateLimit-Reset');
  });

  it('answers unknown routes with JSON 404', async () => {
    const { server } = await start();
    const response = await fetch(`${server.url}/api/v1/nothing/here`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ error: 'Not Found' });
  });
});
