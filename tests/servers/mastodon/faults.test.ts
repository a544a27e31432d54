import { createRestAPIClient, MastoHttpError, type mastodon } from 'masto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMastodonServer, type MastodonTestServer } from './index';

let server: MastodonTestServer;
let masto: mastodon.rest.Client;
let token: string;
beforeAll(async () => {
  server = await startMastodonServer();
  token = server.createAccount('alice').token;
  masto = createRestAPIClient({ url: server.url, accessToken: token });
});
afterAll(() => server.close());
beforeEach(() => {
  server.faults.nextStatuses.length = 0;
  server.faults.latencyMs = 0;
  server.faults.rateLimitResetMs = 60_000;
});

async function postRaw(status: string, key?: string) {
  return fetch(`${server.url}/api/v1/statuses`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      ...(key ? { 'Idempotency-Key': key } : {}),
    },
    body: JSON.stringify({ status }),
  });
}

describe('rate limiting', () => {
  it('sends X-RateLimit-* on authenticated responses, counting down per token', async () => {
    const first = await fetch(`${server.url}/api/v1/accounts/verify_credentials`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const second = await fetch(`${server.url}/api/v1/accounts/verify_credentials`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(first.headers.get('x-ratelimit-limit')).toBe('300');
    expect(Number(second.headers.get('x-ratelimit-remaining'))).toBe(
      Number(first.headers.get('x-ratelimit-remaining')) - 1,
    );
    const reset = Date.parse(second.headers.get('x-ratelimit-reset') ?? '');
    expect(reset).toBeGreaterThan(Date.now());
    expect(reset - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    const anonymous = await fetch(`${server.url}/api/v2/instance`);
    expect(anonymous.headers.get('x-ratelimit-limit')).toBeNull();
  });

  it('answers an injected rateLimit with 429 and X-RateLimit-Reset = now + rateLimitResetMs', async () => {
    server.faults.rateLimitResetMs = 90_000;
    server.faults.nextStatuses.push('rateLimit');
    const before = server.state.statuses.length;
    const response = await postRaw('throttled');
    expect(response.status).toBe(429);
    expect(await response.json()).toEqual({ error: 'Too many requests' });
    expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = response.headers.get('x-ratelimit-reset') ?? '';
    expect(reset).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(Math.abs(Date.parse(reset) - (Date.now() + 90_000))).toBeLessThan(2000);
    expect(server.state.statuses.length).toBe(before);
    // The queue is consumed: the next attempt goes through.
    expect((await postRaw('after the limit')).status).toBe(200);
  });

  it('surfaces as a MastoHttpError 429 through masto', async () => {
    server.faults.nextStatuses.push('rateLimit');
    const error = await masto.v1.statuses.create({ status: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MastoHttpError);
    expect((error as MastoHttpError).statusCode).toBe(429);
  });
});

describe('server errors', () => {
  it.each([
    ['error500', 500, 'text/html'],
    ['error502', 502, 'text/html'],
    ['error503', 503, 'application/json'],
  ] as const)('%s answers %i with %s and stores nothing', async (fault, status, contentType) => {
    server.faults.nextStatuses.push(fault);
    const before = server.state.statuses.length;
    const response = await postRaw('doomed');
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain(contentType);
    expect(server.state.statuses.length).toBe(before);
  });

  it.each([
    // masto v8 cannot read an HTML error body: it throws a TypeError, not a MastoHttpError.
    ['error500', TypeError],
    ['error502', TypeError],
    ['error503', MastoHttpError],
  ] as const)('makes masto reject %s with %o', async (fault, errorClass) => {
    server.faults.nextStatuses.push(fault);
    const error = await masto.v1.statuses.create({ status: `try ${fault}` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(errorClass);
    expect(server.faults.nextStatuses).toEqual([]);
  });
});

describe('lostResponse', () => {
  it('stores the status but destroys the socket, and a retry with the same key finds it', async () => {
    server.faults.nextStatuses.push('lostResponse');
    const before = server.state.statuses.length;
    const error = await masto.v1.statuses
      .create({ status: 'did it post?' }, { requestInit: { headers: { 'Idempotency-Key': 'lost-1' } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError); // fetch failed: the connection closed without an answer
    expect(server.state.statuses.length).toBe(before + 1);
    const stored = server.state.statuses[server.state.statuses.length - 1];
    expect(stored?.text).toBe('did it post?');
    expect(server.state.requestLog[server.state.requestLog.length - 1]?.status).toBeNull();

    const retry = await masto.v1.statuses.create(
      { status: 'did it post?' },
      { requestInit: { headers: { 'Idempotency-Key': 'lost-1' } } },
    );
    expect(retry.id).toBe(stored?.id);
    expect(server.state.statuses.length).toBe(before + 1);
  });
});

describe('latency and authentication errors', () => {
  it('delays every request by latencyMs', async () => {
    server.faults.latencyMs = 120;
    const started = Date.now();
    await fetch(`${server.url}/api/v2/instance`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it.each([
    ['no token', undefined],
    ['an unknown token', 'nope'],
  ])('answers %s with 401 "The access token is invalid"', async (_label, accessToken) => {
    const client = createRestAPIClient({ url: server.url, accessToken });
    await expect(client.v1.statuses.create({ status: 'x' })).rejects.toMatchObject({
      statusCode: 401,
      message: 'The access token is invalid',
    });
  });

  it('answers a token without the needed scope with 403', async () => {
    const response = await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'x', client_secret: 'y' }),
    });
    expect(response.status).toBe(401);
    const readOnly = server.state.tokens[0];
    if (!readOnly) throw new Error('no token');
    const original = readOnly.scopes;
    readOnly.scopes = ['read'];
    try {
      await expect(masto.v1.statuses.create({ status: 'x' })).rejects.toMatchObject({
        statusCode: 403,
        message: 'This action is outside the authorized scopes',
      });
    } finally {
      readOnly.scopes = original;
    }
  });

  it('logs requests with method, path and the interesting headers', async () => {
    await postRaw('logged', 'log-key');
    const entry = server.state.requestLog.findLast((r) => r.path === '/api/v1/statuses');
    expect(entry).toMatchObject({
      method: 'POST',
      status: 200,
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'log-key', 'content-type': 'application/json' },
    });
    expect(entry?.time).toBeInstanceOf(Date);
  });
});
