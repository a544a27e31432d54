/**
 * publishMastodonPart against a stubbed global fetch (masto v8 always calls
 * the global one). The protocol-level checks live in publish.integration.test.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { publishMastodonPart } from '../../../lib/networks/mastodon/engine/publish.ts';
import { parseInstance } from '../../../lib/networks/mastodon/instance.ts';
import { PublishError, type ImageToSend, type PartToSend } from '../../../lib/networks/types.ts';
import { makePart } from '../support/part.ts';

const ORIGIN = 'https://example.social';
const SESSION = { origin: ORIGIN, accessToken: 'tok' };
const INSTANCE = parseInstance(ORIGIN, { version: '4.5.0', title: 'Example' });
const NOW = Date.parse('2030-01-01T12:00:00Z');

interface Seen {
  method: string;
  path: string;
  headers: Headers;
  json?: Record<string, unknown>;
  form?: FormData;
}

type Handler = (seen: Seen) => Response;

function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

function stubServer(handler: Handler): Seen[] {
  const seen: Seen[] = [];
  vi.stubGlobal('fetch', async (request: Request) => {
    const url = new URL(request.url);
    const type = request.headers.get('content-type') ?? '';
    const entry: Seen = { method: request.method, path: url.pathname, headers: request.headers };
    if (type.includes('application/json')) entry.json = (await request.json()) as Record<string, unknown>;
    if (type.includes('multipart/form-data')) entry.form = await request.formData();
    seen.push(entry);
    return handler(entry);
  });
  return seen;
}

function part(overrides: Partial<PartToSend> = {}): PartToSend {
  return makePart({ text: 'Hello', idempotencyKey: 'idem-1', ...overrides });
}

function image(n: number): ImageToSend {
  return {
    mediaId: `m${n}`,
    alt: `picture ${n}`,
    mime: 'image/png',
    width: 1,
    height: 1,
    size: 3,
    focus: { x: 0.5, y: -2 },
    blob: new Blob([new Uint8Array([1, 2, n])], { type: 'image/png' }),
  };
}

const fastMedia = { sleep: async () => undefined, initialIntervalMs: 1 };

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('publishMastodonPart', () => {
  it('posts JSON with the idempotency key and returns the status', async () => {
    const seen = stubServer(() =>
      jsonResponse({ id: '42', url: `${ORIGIN}/@me/42`, uri: `${ORIGIN}/users/me/statuses/42` }),
    );
    const ref = await publishMastodonPart(SESSION, INSTANCE, part({ contentWarning: 'cw' }));
    expect(ref).toEqual({ id: '42', url: `${ORIGIN}/@me/42` });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.path).toBe('/api/v1/statuses');
    expect(seen[0]?.headers.get('idempotency-key')).toBe('idem-1');
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer tok');
    expect(seen[0]?.json).toEqual({
      status: 'Hello',
      spoiler_text: 'cw',
      sensitive: true,
      visibility: 'public',
      language: 'en',
      quote_approval_policy: 'public',
    });
  });

  it('uploads each image with its description and focus, waits through 202/206, keeps the order', async () => {
    const polls = new Map<string, number>();
    let next = 100;
    const seen = stubServer(({ method, path }) => {
      if (method === 'POST' && path === '/api/v2/media') {
        const id = String(next++);
        // The first upload is ready at once (200); the others need processing (202, then 206s).
        return id === '100'
          ? jsonResponse({ id, type: 'image', url: `${ORIGIN}/m/${id}.png` })
          : jsonResponse({ id, type: 'image', url: null }, 202);
      }
      const media = /^\/api\/v1\/media\/(\d+)$/.exec(path);
      if (method === 'GET' && media?.[1]) {
        const count = (polls.get(media[1]) ?? 0) + 1;
        polls.set(media[1], count);
        return count < 3
          ? jsonResponse({ id: media[1], url: null }, 206)
          : jsonResponse({ id: media[1], url: `${ORIGIN}/m/${media[1]}.png` });
      }
      return jsonResponse({ id: '7', url: `${ORIGIN}/@me/7` });
    });

    await publishMastodonPart(SESSION, INSTANCE, part({ images: [image(1), image(2), image(3)] }), {
      media: fastMedia,
    });

    const uploads = seen.filter((s) => s.path === '/api/v2/media');
    expect(uploads.map((u) => u.form?.get('description'))).toEqual(['picture 1', 'picture 2', 'picture 3']);
    expect(uploads[0]?.form?.get('focus')).toBe('0.5,-1');
    const file = uploads[0]?.form?.get('file');
    expect(file).toBeInstanceOf(File);
    expect(file instanceof File && [file.name, file.type]).toEqual(['image.png', 'image/png']);
    expect(polls).toEqual(
      new Map([
        ['101', 3],
        ['102', 3],
      ]),
    );
    expect(seen.at(-1)?.json?.['media_ids']).toEqual(['100', '101', '102']);
  });

  it('gives up on processing after the deadline, as a transient failure', async () => {
    let clock = NOW;
    stubServer(({ method }) => jsonResponse({ id: '5', url: null }, method === 'POST' ? 202 : 206));
    const error = await publishMastodonPart(SESSION, INSTANCE, part({ images: [image(1)] }), {
      now: () => clock,
      media: {
        timeoutMs: 10_000,
        initialIntervalMs: 1_000,
        maxIntervalMs: 4_000,
        sleep: async (ms) => {
          clock += ms;
        },
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublishError);
    expect(error).toMatchObject({ kind: 'transient', messageKey: 'error.mastodon.mediaTimeout' });
    // 1 + 2 + 4 = 7 s waited; the next 4 s pause would pass the 10 s deadline.
    expect(clock).toBe(NOW + 7_000);
  });

  it('returns a scheduled status as scheduled:<id> linking to the server', async () => {
    const at = new Date(NOW + 3_600_000).toISOString();
    const seen = stubServer(() => jsonResponse({ id: '77', scheduled_at: at, params: {}, media_attachments: [] }));
    const ref = await publishMastodonPart(SESSION, INSTANCE, part({ scheduledAt: at }), { now: () => NOW });
    expect(ref).toEqual({ id: 'scheduled:77', url: ORIGIN });
    expect(seen[0]?.json?.['scheduled_at']).toBe(at);
  });

  it('refuses to reply to a status that is only scheduled, before uploading anything', async () => {
    const seen = stubServer(() => jsonResponse({ id: '1', url: null }));
    const error = await publishMastodonPart(
      SESSION,
      INSTANCE,
      part({ images: [image(1)], parent: { id: 'scheduled:9', url: ORIGIN } }),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'validation', messageKey: 'error.mastodon.replyToScheduled' });
    expect(seen).toHaveLength(0);
  });

  it('resolves a reply target given as a URL to the local id', async () => {
    const target = 'https://other.example/@bob/111';
    const seen = stubServer(({ path }) =>
      path === '/api/v2/search'
        ? jsonResponse({ accounts: [], statuses: [{ id: '555', url: target }], hashtags: [] })
        : jsonResponse({ id: '9', url: `${ORIGIN}/@me/9` }),
    );
    await publishMastodonPart(SESSION, INSTANCE, part({ parent: { id: target, url: target } }));
    expect(seen.map((s) => s.path)).toEqual(['/api/v2/search', '/api/v1/statuses']);
    expect(seen[1]?.json?.['in_reply_to_id']).toBe('555');
  });

  it('fails permanently when a reply target URL cannot be found', async () => {
    stubServer(() => jsonResponse({ accounts: [], statuses: [], hashtags: [] }));
    const target = 'https://other.example/@bob/404';
    const error = await publishMastodonPart(SESSION, INSTANCE, part({ parent: { id: target, url: target } })).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ kind: 'validation', messageKey: 'error.mastodon.replyTargetNotFound' });
  });

  it.each([
    [
      '422',
      () => jsonResponse({ error: 'Validation failed: Text character limit of 500 exceeded' }, 422),
      'validation',
    ],
    ['401', () => jsonResponse({ error: 'The access token is invalid' }, 401), 'auth'],
    [
      '429',
      () => jsonResponse({ error: 'Too many requests' }, 429, { 'X-RateLimit-Reset': '2030-01-01T12:30:00Z' }),
      'rate-limit',
    ],
    [
      '502 page',
      () => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }),
      'transient',
    ],
    [
      'connection lost',
      () => {
        throw new TypeError('fetch failed');
      },
      'transient',
    ],
  ])('%s -> %s', async (_name, handler, kind) => {
    stubServer(handler);
    const error = await publishMastodonPart(SESSION, INSTANCE, part(), { now: () => NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublishError);
    expect(error).toMatchObject({ kind });
    if (kind === 'rate-limit') expect((error as PublishError).retryAt).toBe(Date.parse('2030-01-01T12:30:00Z'));
  });
});
