/**
 * Bluesky sign-in with an app password, and reuse of the stored session for
 * every later call: Sortie logs in once per account, never once per post, and
 * never keeps the password.
 */
import { AtpAgent, XRPCError, type AtpSessionData, type AtpSessionEvent } from '@atproto/api';
import { isXrpcError, toPublishError } from './errors.ts';
import { httpsUnlessLoopback } from '../../shared/loopback.ts';
import { API_ANSWER_MAX_BYTES, capResponses } from '../../shared/response-cap.ts';
import { PublishError } from '../../types.ts';

export const DEFAULT_BLUESKY_SERVICE = 'https://bsky.social';

/** What Sortie stores for a Bluesky account. No password, ever. */
export interface BlueskySession {
  did: string;
  handle: string;
  /** The account's own PDS (the entryway hands over to it at login), no trailing slash. */
  service: string;
  accessJwt: string;
  refreshJwt: string;
  email?: string;
}

export interface BlueskyLoginInput {
  /** Handle (with or without the leading @), DID or email. */
  identifier: string;
  password: string;
  /** Where to sign in; bsky.social by default. */
  service?: string;
  /** The code the server emailed after answering `auth-factor-required`. */
  authFactorToken?: string;
  fetch?: typeof globalThis.fetch;
}

export type BlueskyLoginFailure =
  /** Two-factor sign-in: the server emailed a code; ask for it and log in again with it. */
  | 'auth-factor-required'
  | 'bad-credentials'
  | 'account-takedown'
  | 'rate-limit'
  | 'network'
  /** The address answers, but not as a PDS (no XRPC there, or not JSON). */
  | 'not-pds'
  | 'other';

export type BlueskyLoginResult =
  | { ok: true; session: BlueskySession }
  | { ok: false; reason: BlueskyLoginFailure; messageKey: string; detail: string };

/** Called with the new tokens after a refresh, or null when the account must be reconnected. */
export type BlueskySessionListener = (session: BlueskySession | null) => void | Promise<void>;

const APP_PASSWORD = /^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/i;

/** App passwords look like `xxxx-xxxx-xxxx-xxxx`; the UI warns when the main password is pasted. */
export function looksLikeAppPassword(password: string): boolean {
  return APP_PASSWORD.test(password.trim());
}

/** Long enough for a 2 MB image on a slow link; a PDS that hangs must not stall the outbox forever. */
export const REQUEST_TIMEOUT_MS = 120_000;

/** `fetchImpl` with a deadline on every request, on top of any signal the caller set. */
export function withTimeout(fetchImpl: typeof globalThis.fetch, timeoutMs: number): typeof globalThis.fetch {
  return (input, init) => {
    const request = new Request(input, init);
    return fetchImpl(request, { signal: AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)]) });
  };
}

/**
 * `fetchImpl` that sends nothing over plain http beyond this machine. After
 * sign-in the client library talks to the PDS its DID document names, and a
 * document is not the user's typing: whatever scheme it gives, the tokens go
 * over https.
 */
export function httpsOnlyUnlessLoopback(fetchImpl: typeof globalThis.fetch): typeof globalThis.fetch {
  return (input, init) => {
    if (input instanceof Request) {
      const url = httpsUnlessLoopback(input.url);
      return fetchImpl(url === input.url ? input : new Request(url, input), init);
    }
    return fetchImpl(httpsUnlessLoopback(input instanceof URL ? input.href : input), init);
  };
}

function agentFetch(fetchImpl: typeof globalThis.fetch | undefined, timeoutMs = REQUEST_TIMEOUT_MS) {
  // Resolved per call so tests (and the extension) can swap globalThis.fetch.
  // A PDS is a server: its answers are read up to API_ANSWER_MAX_BYTES, never whole.
  const base = capResponses((input, init) => (fetchImpl ?? globalThis.fetch)(input, init), API_ANSWER_MAX_BYTES);
  return httpsOnlyUnlessLoopback(withTimeout(base, timeoutMs));
}

function serviceOf(agent: AtpAgent): string {
  // After login the DID document names the PDS; the entryway URL is only a fallback.
  const url = agent.pdsUrl ?? agent.serviceUrl;
  return httpsUnlessLoopback(url.href).replace(/\/+$/, '');
}

function toStored(data: AtpSessionData, service: string): BlueskySession {
  const session: BlueskySession = {
    did: data.did,
    handle: data.handle,
    service,
    accessJwt: data.accessJwt,
    refreshJwt: data.refreshJwt,
  };
  if (data.email) session.email = data.email;
  return session;
}

/**
 * A server that is not a PDS: no such XRPC method (404/501, 'XRPCNotSupported',
 * 'MethodNotImplemented'), or an answer that is not XRPC JSON at all (status 2, InvalidResponse).
 */
function isNotPds(err: unknown): boolean {
  if (!(err instanceof XRPCError)) return false;
  if (err.error === 'XRPCNotSupported' || err.error === 'MethodNotImplemented') return true;
  return err.status === 2 || err.status === 404 || err.status === 501;
}

function loginFailure(err: unknown): BlueskyLoginResult {
  const detail = err instanceof Error ? err.message : String(err);
  if (isXrpcError(err, 'AuthFactorTokenRequired')) {
    return { ok: false, reason: 'auth-factor-required', messageKey: 'error.bluesky.authFactorRequired', detail };
  }
  if (isXrpcError(err, 'AccountTakedown')) {
    return { ok: false, reason: 'account-takedown', messageKey: 'error.bluesky.takedown', detail };
  }
  // Connecting has its own words: nothing retries a login, and a wrong address is not a refused post.
  if (isNotPds(err)) return { ok: false, reason: 'not-pds', messageKey: 'error.bluesky.notPds', detail };
  const classified = toPublishError(err);
  switch (classified.kind) {
    case 'auth':
      return { ok: false, reason: 'bad-credentials', messageKey: 'error.bluesky.badCredentials', detail };
    case 'rate-limit':
      return { ok: false, reason: 'rate-limit', messageKey: classified.messageKey, detail };
    case 'transient': {
      const answered = err instanceof XRPCError && err.status >= 500;
      return {
        ok: false,
        reason: 'network',
        messageKey: answered ? 'error.bluesky.serverDown' : 'error.bluesky.unreachable',
        detail,
      };
    }
    case 'validation':
      return { ok: false, reason: 'other', messageKey: classified.messageKey, detail };
  }
}

/** Signs in once; the returned session is what the account store keeps. */
export async function loginBluesky(input: BlueskyLoginInput): Promise<BlueskyLoginResult> {
  // The password goes to this address: typed as http://, it still goes over https:// (this machine aside).
  const service = httpsUnlessLoopback(input.service ?? DEFAULT_BLUESKY_SERVICE);
  const agent = new AtpAgent({ service, fetch: agentFetch(input.fetch) });
  // Pasted app passwords often carry stray spaces; an account password is taken as typed.
  const password = looksLikeAppPassword(input.password) ? input.password.trim() : input.password;
  try {
    const res = await agent.login({
      identifier: input.identifier.trim().replace(/^@/, ''),
      password,
      authFactorToken: input.authFactorToken?.trim() || undefined,
    });
    const data = agent.session;
    if (!data) throw new Error(`Login answered without a session for ${res.data.did}`);
    return { ok: true, session: toStored(data, serviceOf(agent)) };
  } catch (err) {
    const failure = loginFailure(err);
    if (
      !failure.ok &&
      failure.messageKey === 'error.bluesky.unreachable' &&
      (await answersAtAll(service, input.fetch))
    ) {
      // Every PDS answers XRPC cross-origin; a server that answers but not to us (no CORS) is not one.
      return { ok: false, reason: 'not-pds', messageKey: 'error.bluesky.notPds', detail: failure.detail };
    }
    return failure;
  }
}

/** A no-cors request succeeds whenever the server answers at all: it tells "down" from "not a PDS". */
async function answersAtAll(service: string, fetchImpl: typeof globalThis.fetch | undefined): Promise<boolean> {
  try {
    await agentFetch(fetchImpl)(new URL('/', service).href, { mode: 'no-cors' });
    return true;
  } catch {
    return false;
  }
}

/** Seconds of validity under which an access token is refreshed before use. */
const EXPIRY_MARGIN_S = 60;

/** Reads `exp` from a JWT without verifying it (the server does that). */
function jwtExpiry(jwt: string): number | null {
  const payload = jwt.split('.')[1];
  if (!payload) return null;
  try {
    const json: unknown = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
    const exp = (json as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp : null;
  } catch (err) {
    // Garbage token: report "unknown expiry" so the caller refreshes it.
    if (err instanceof SyntaxError || err instanceof DOMException) return null;
    throw err;
  }
}

export function accessTokenExpired(session: Pick<BlueskySession, 'accessJwt'>, nowMs = Date.now()): boolean {
  const exp = jwtExpiry(session.accessJwt);
  return exp === null || exp - EXPIRY_MARGIN_S <= nowMs / 1000;
}

function notify(listener: BlueskySessionListener, session: BlueskySession | null): void {
  // @atproto/api does not await this callback; keep a failing store from going unnoticed.
  Promise.resolve()
    .then(() => listener(session))
    .catch((err: unknown) => console.error('Sortie: could not store the Bluesky session', err));
}

export interface ResumeOptions {
  fetch?: typeof globalThis.fetch;
  /** Deadline for each request; REQUEST_TIMEOUT_MS by default. */
  requestTimeoutMs?: number;
  now?: () => number;
}

/**
 * An agent on the stored session. The access token is refreshed up front when
 * it is expired, and later whenever the PDS answers 401 / ExpiredToken (the
 * agent does that and replays the request). Every token change reaches
 * `onSessionChange`; a refresh the server refuses reaches it as null, which
 * means "reconnect needed". Throws PublishError ('auth' or 'transient') when
 * the up-front refresh fails.
 */
export async function resumeBluesky(
  session: BlueskySession,
  onSessionChange: BlueskySessionListener,
  options: ResumeOptions = {},
): Promise<AtpAgent> {
  // Stored before addresses were upgraded, a session may still name an http:// PDS.
  const service = httpsUnlessLoopback(session.service);
  const persistSession = (event: AtpSessionEvent, data: AtpSessionData | undefined): void => {
    if (event === 'update' && data) notify(onSessionChange, toStored(data, service));
    else if (event === 'expired') notify(onSessionChange, null);
    // 'network-error' keeps the old tokens: the refresh may work next time.
  };
  const agent = new AtpAgent({ service, fetch: agentFetch(options.fetch, options.requestTimeoutMs), persistSession });
  const data: AtpSessionData = {
    did: session.did,
    handle: session.handle,
    accessJwt: session.accessJwt,
    refreshJwt: session.refreshJwt,
    email: session.email,
    active: true,
  };
  if (!accessTokenExpired(session, options.now?.())) {
    // Still valid: no network round trip, and the refresh token is not rotated needlessly.
    agent.sessionManager.session = data;
    return agent;
  }
  try {
    await agent.resumeSession(data);
  } catch (err) {
    const classified = toPublishError(err);
    // A refused refresh token is a dead session, whatever status carried it.
    if (!agent.session && classified.kind !== 'transient') {
      throw new PublishError('auth', 'error.bluesky.auth', classified.detail);
    }
    throw classified;
  }
  return agent;
}

/**
 * Revokes the session on the server. A token the server no longer knows counts
 * as logged out; a network failure throws PublishError('transient').
 */
export async function logoutBluesky(
  session: BlueskySession,
  options: { fetch?: typeof globalThis.fetch } = {},
): Promise<void> {
  // No session on this agent: the refresh token goes in by hand, as deleteSession requires.
  const agent = new AtpAgent({ service: httpsUnlessLoopback(session.service), fetch: agentFetch(options.fetch) });
  try {
    await agent.com.atproto.server.deleteSession(undefined, {
      headers: { authorization: `Bearer ${session.refreshJwt}` },
    });
  } catch (err) {
    const classified = toPublishError(err);
    if (classified.kind === 'auth') return;
    throw classified;
  }
}
