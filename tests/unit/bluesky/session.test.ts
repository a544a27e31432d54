/**
 * Session cases a test PDS cannot produce (email two-factor lives on the
 * bsky.social entryway, rate limits are off in dev): a stub fetch answers.
 */
import { describe, expect, it, vi } from 'vitest';
import { toPublishError } from '../../../lib/networks/bluesky/engine/errors.ts';
import {
  accessTokenExpired,
  loginBluesky,
  looksLikeAppPassword,
  resumeBluesky,
} from '../../../lib/networks/bluesky/engine/session.ts';

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** A stub server; records the createSession bodies it received. */
function server(answer: (body: Record<string, unknown>) => Response) {
  const bodies: Record<string, unknown>[] = [];
  const fetchImpl = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    expect(new URL(req.url).pathname).toBe('/xrpc/com.atproto.server.createSession');
    const body = (await req.json()) as Record<string, unknown>;
    bodies.push(body);
    return answer(body);
  });
  return { bodies, fetchImpl: fetchImpl as typeof fetch };
}

function jwt(exp: number): string {
  const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${b64({ alg: 'HS256', typ: 'at+jwt' })}.${b64({ sub: 'did:plc:abc', exp })}.sig`;
}

const SESSION = {
  did: 'did:plc:abc',
  handle: 'carol.bsky.social',
  accessJwt: jwt(2_000_000_000),
  refreshJwt: 'refresh',
  email: 'carol@example.com',
  emailConfirmed: true,
  emailAuthFactor: true,
  active: true,
};

describe('loginBluesky with email two-factor', () => {
  it('asks for the emailed code, then signs in with it', async () => {
    const { bodies, fetchImpl } = server((body) =>
      body['authFactorToken'] === 'ABCDE-12345'
        ? jsonResponse(200, SESSION)
        : jsonResponse(401, {
            error: 'AuthFactorTokenRequired',
            message: 'A sign in code has been sent to your email address',
          }),
    );
    const first = await loginBluesky({ identifier: 'carol.bsky.social', password: 'pass-word', fetch: fetchImpl });
    expect(first).toMatchObject({
      ok: false,
      reason: 'auth-factor-required',
      messageKey: 'error.bluesky.authFactorRequired',
    });

    const second = await loginBluesky({
      identifier: 'carol.bsky.social',
      password: 'pass-word',
      authFactorToken: ' ABCDE-12345 ',
      fetch: fetchImpl,
    });
    expect(second).toEqual({
      ok: true,
      session: {
        did: 'did:plc:abc',
        handle: 'carol.bsky.social',
        service: 'https://bsky.social',
        accessJwt: SESSION.accessJwt,
        refreshJwt: 'refresh',
        email: 'carol@example.com',
      },
    });
    expect(bodies[1]).toMatchObject({ identifier: 'carol.bsky.social', authFactorToken: 'ABCDE-12345' });
  });

  it('stores the PDS named by the DID document rather than the entryway', async () => {
    const didDoc = {
      '@context': ['https://www.w3.org/ns/did/v1'],
      id: 'did:plc:abc',
      alsoKnownAs: ['at://carol.bsky.social'],
      verificationMethod: [],
      service: [
        {
          id: '#atproto_pds',
          type: 'AtprotoPersonalDataServer',
          serviceEndpoint: 'https://morel.us-east.host.bsky.network',
        },
      ],
    };
    const { fetchImpl } = server(() => jsonResponse(200, { ...SESSION, didDoc }));
    const result = await loginBluesky({ identifier: 'carol.bsky.social', password: 'x', fetch: fetchImpl });
    expect(result.ok && result.session.service).toBe('https://morel.us-east.host.bsky.network');
  });

  it.each([
    [429, { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' }, 'rate-limit'],
    [401, { error: 'AccountTakedown', message: 'Account has been taken down' }, 'account-takedown'],
    [401, { error: 'AuthenticationRequired', message: 'Invalid identifier or password' }, 'bad-credentials'],
    [503, { error: 'NotEnoughResources', message: 'busy' }, 'network', 'error.bluesky.serverDown'],
    // A Mastodon server (or any web server) typed as the PDS address: its API 404.
    [404, { error: 'Not Found', message: 'Not Found' }, 'not-pds', 'error.bluesky.notPds'],
    [501, { error: 'MethodNotImplemented', message: 'Method Not Implemented' }, 'not-pds', 'error.bluesky.notPds'],
  ])('maps HTTP %i %j to %s', async (status, body, reason, messageKey?: string) => {
    const { fetchImpl } = server(() => jsonResponse(status, body));
    const result = await loginBluesky({ identifier: 'carol', password: 'x', fetch: fetchImpl });
    expect(result).toMatchObject({ ok: false, reason, detail: body.message, ...(messageKey ? { messageKey } : {}) });
  });

  it('says the address cannot be reached, not that Sortie will retry, when nothing answers', async () => {
    const down = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    const result = await loginBluesky({
      identifier: 'carol',
      password: 'x',
      service: 'https://pds.example',
      fetch: down,
    });
    expect(result).toMatchObject({ ok: false, reason: 'network', messageKey: 'error.bluesky.unreachable' });
  });
});

describe('looksLikeAppPassword', () => {
  it.each([
    ['abcd-efgh-ijkl-mnop', true],
    ['ABCD-2345-ijkl-mn0p', true],
    [' abcd-efgh-ijkl-mnop ', true],
    ['abcd-efgh-ijkl', false],
    ['abcdefghijklmnop', false],
    ['correct horse battery staple', false],
    ['abcd-efgh-ijkl-mnop-qrst', false],
  ])('%s -> %s', (password, expected) => {
    expect(looksLikeAppPassword(password)).toBe(expected);
  });
});

describe('accessTokenExpired', () => {
  const now = 1_800_000_000_000;
  it.each([
    ['valid for an hour', jwt(now / 1000 + 3600), false],
    ['expiring within the minute', jwt(now / 1000 + 30), true],
    ['expired', jwt(now / 1000 - 10), true],
    ['garbage', 'garbage', true],
    ['bad base64', 'a.%%%.b', true],
  ])('%s', (_name, accessJwt, expected) => {
    expect(accessTokenExpired({ accessJwt }, now)).toBe(expected);
  });
});

describe('request deadline', () => {
  it('turns a PDS that never answers into a transient error', async () => {
    const hanging = vi.fn(
      (input: RequestInfo | URL, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) => {
          const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
          signal?.addEventListener('abort', () => reject(signal.reason));
        }),
    );
    const session = { ...SESSION, service: 'https://pds.example' };
    const agent = await resumeBluesky(session, () => undefined, {
      fetch: hanging as typeof fetch,
      requestTimeoutMs: 50,
      now: () => 0,
    });
    const error = await agent.com.atproto.server.getSession().catch((e: unknown) => toPublishError(e));
    expect(error).toMatchObject({ kind: 'transient', messageKey: 'error.serverUnreachable' });
    expect(hanging).toHaveBeenCalledTimes(1);
  });

  it('keeps an account password exactly as typed, trims a pasted app password', async () => {
    const { bodies, fetchImpl } = server(() => jsonResponse(200, SESSION));
    await loginBluesky({ identifier: 'carol', password: ' my pass ', fetch: fetchImpl });
    await loginBluesky({ identifier: 'carol', password: ' abcd-efgh-ijkl-mnop\n', fetch: fetchImpl });
    expect(bodies.map((b) => b['password'])).toEqual([' my pass ', 'abcd-efgh-ijkl-mnop']);
  });
});

describe('a DID document naming a plain http:// PDS', () => {
  const didDocAt = (serviceEndpoint: string) => ({
    '@context': ['https://www.w3.org/ns/did/v1'],
    id: 'did:plc:abc',
    alsoKnownAs: ['at://carol.bsky.social'],
    verificationMethod: [],
    service: [{ id: '#atproto_pds', type: 'AtprotoPersonalDataServer', serviceEndpoint }],
  });

  /** Answers every XRPC call with the session and this DID document; records where each request went. */
  function recordingServer(pds: string) {
    const urls: string[] = [];
    const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
      urls.push(new Request(input, init).url);
      const record = {
        uri: 'at://did:plc:abc/app.bsky.feed.post/3k',
        cid: 'bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm',
      };
      return jsonResponse(200, { ...SESSION, ...record, didDoc: didDocAt(pds) });
    }) as typeof fetch;
    return { urls, fetchImpl };
  }

  it.each([
    ['http://pds.example', 'https://pds.example'],
    ['http://pds.example:8080/', 'https://pds.example:8080'],
    ['https://pds.example', 'https://pds.example'],
    // This machine may be spoken to over http: tests and self-hosters trying a local server.
    ['http://127.0.0.1:2583', 'http://127.0.0.1:2583'],
    ['http://localhost:2583', 'http://localhost:2583'],
  ])('stores %s as %s at sign-in', async (pds, stored) => {
    const { fetchImpl } = recordingServer(pds);
    const result = await loginBluesky({ identifier: 'carol', password: 'x', fetch: fetchImpl });
    expect(result.ok && result.session.service).toBe(stored);
  });

  it('sends the tokens over https when a refreshed session names an http:// PDS', async () => {
    const { urls, fetchImpl } = recordingServer('http://moved.example');
    const expired = { ...SESSION, accessJwt: jwt(1), service: 'https://pds.example' };
    const agent = await resumeBluesky(expired, () => undefined, { fetch: fetchImpl, now: () => 10_000_000 });
    await agent.com.atproto.repo.createRecord({
      repo: 'did:plc:abc',
      collection: 'app.bsky.feed.post',
      record: { $type: 'app.bsky.feed.post', text: 'Bonjour 👋🏽 مرحبا', createdAt: new Date(0).toISOString() },
    });
    const afterResume = urls.slice(-1)[0] ?? '';
    expect(afterResume).toBe('https://moved.example/xrpc/com.atproto.repo.createRecord');
    expect(urls.filter((url) => url.startsWith('http:'))).toEqual([]);
  });

  it('upgrades a stored session that still names an http:// PDS', async () => {
    const { urls, fetchImpl } = recordingServer('https://pds.example');
    const old = { ...SESSION, accessJwt: jwt(1), service: 'http://pds.example' };
    const stored: unknown[] = [];
    await resumeBluesky(old, (session) => void stored.push(session), { fetch: fetchImpl, now: () => 10_000_000 });
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.filter((url) => url.startsWith('http:'))).toEqual([]);
    await vi.waitFor(() => expect(stored).toMatchObject([{ service: 'https://pds.example' }]));
  });
});
