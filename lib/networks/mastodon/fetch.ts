/**
 * The few plain-fetch calls made before an account exists (instance probe,
 * OAuth). No client library here: this code runs in the service worker.
 */
import { MastodonConnectError } from './connect-error.ts';
import { API_ANSWER_MAX_BYTES, capResponses } from '../shared/response-cap.ts';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Calls the global fetch as a plain function: browsers reject it when bound to another object. */
export const defaultFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

/** Long enough for a slow single-user server, short enough that the connect form does not hang. */
export const REQUEST_TIMEOUT_MS = 15_000;

export interface JsonResponse {
  status: number;
  headers: Headers;
  /** The parsed body, or undefined when the server sent something that is not JSON (an HTML page). */
  body: unknown;
}

/** Network failures and timeouts become `unreachable`; every HTTP answer is returned to the caller. */
export async function requestJson(fetchImpl: FetchLike, url: string, init: RequestInit = {}): Promise<JsonResponse> {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  let response: Response;
  let text: string;
  try {
    // A server's answer is read up to API_ANSWER_MAX_BYTES, never whole; a longer one is "unreachable".
    const capped = capResponses(fetchImpl as typeof globalThis.fetch, API_ANSWER_MAX_BYTES);
    response = await capped(url, { ...init, signal, headers: { Accept: 'application/json', ...init.headers } });
    text = await response.text();
  } catch (cause) {
    throw new MastodonConnectError('unreachable', describe(cause), { cause });
  }
  return { status: response.status, headers: response.headers, body: parseJson(text) };
}

function parseJson(text: string): unknown {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // A truncated or hand-written error page that merely starts like JSON: treat it as "not JSON".
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The server's own explanation from a Mastodon/Doorkeeper error body, if any. */
export function serverErrorText(body: unknown): string {
  if (!isRecord(body)) return '';
  const description = body['error_description'];
  const error = body['error'];
  if (typeof description === 'string' && description) return description;
  return typeof error === 'string' ? error : '';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
