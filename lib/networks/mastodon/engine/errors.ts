/**
 * Turns whatever a Mastodon call threw (masto's error classes, fetch's
 * TypeError, our own PublishError) into the outbox's PublishError, so it can
 * choose between "reconnect the account", "fix the post", "wait for the rate
 * limit" and "retry with backoff".
 */
import { MastoDeserializeError, MastoHttpError, MastoTimeoutError, MastoUnexpectedError } from 'masto';
import { noAnswerKey, serverFailureKey } from '../../shared/failure-words.ts';
import { isResponseTooLarge } from '../../shared/response-cap.ts';
import { PublishError } from '../../types.ts';

export function classifyMastodonError(err: unknown, now: number = Date.now()): PublishError {
  if (err instanceof PublishError) return err;
  // The answer (to a post that may have been created) was cut at the cap; a retry reuses the idempotency key.
  if (isResponseTooLarge(err)) return new PublishError('transient', 'error.answerTooLarge', err.message);
  if (err instanceof MastoHttpError) return fromHttpError(err, now);
  // The server took the request and did not answer in time: its fault, unless the browser is offline.
  if (err instanceof MastoTimeoutError) return new PublishError('transient', serverFailureKey(), err.message);
  // masto throws these when a proxy answers with a page instead of JSON (a 502 from nginx...).
  if (err instanceof MastoUnexpectedError || err instanceof MastoDeserializeError) {
    return new PublishError('transient', serverFailureKey(), err.message);
  }
  // fetch rejects with TypeError when offline or when the connection drops; aborts are DOMExceptions.
  // Anything else unexpected is retried with backoff too rather than losing the post; the
  // outbox turns it permanent after its attempt limit.
  // (masto v8 also throws a TypeError on an HTML 5xx page: it destructures the missing JSON body.)
  const detail = err instanceof Error ? err.message : String(err);
  return new PublishError('transient', noAnswerKey(), detail);
}

function fromHttpError(err: MastoHttpError, now: number): PublishError {
  const status = err.statusCode;
  const detail = [err.message, err.description].filter(Boolean).join(' — ');
  if (status === 401 || status === 403) return new PublishError('auth', 'error.mastodon.auth', detail);
  if (status === 429) {
    const headers = err.cause instanceof Response ? err.cause.headers : null;
    return new PublishError(
      'rate-limit',
      'error.rateLimited',
      detail,
      headers ? retryAtFromHeaders(headers, now) : null,
    );
  }
  if (status === 408 || status >= 500)
    return new PublishError('transient', serverFailureKey(), detail || `HTTP ${status}`);
  if (status === 404) return new PublishError('validation', 'error.mastodon.notFound', detail);
  // 422 (too long, bad media, poll and media together...), 400, 413: the post itself needs changing.
  return new PublishError('validation', 'error.mastodon.validation', detail);
}

/**
 * Mastodon sends `X-RateLimit-Reset` as an ISO time; proxies in front of it
 * may send `Retry-After` (seconds or an HTTP date). The later one wins.
 */
export function retryAtFromHeaders(headers: Headers, now: number): number | null {
  const candidates: number[] = [];
  const reset = headers.get('x-ratelimit-reset');
  if (reset) {
    const at = /^\d+$/.test(reset) ? Number(reset) * 1000 : Date.parse(reset);
    if (Number.isFinite(at)) candidates.push(at);
  }
  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    const at = /^\d+$/.test(retryAfter.trim()) ? now + Number(retryAfter) * 1000 : Date.parse(retryAfter);
    if (Number.isFinite(at)) candidates.push(at);
  }
  return candidates.length ? Math.max(...candidates) : null;
}
