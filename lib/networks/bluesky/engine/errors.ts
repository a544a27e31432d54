/**
 * Turns whatever @atproto/api threw into the outbox's PublishError, so the
 * outbox can decide between "reconnect the account", "fix the post", "wait
 * until the rate limit resets" and "retry with backoff".
 */
import { XRPCError } from '@atproto/api';
import { noAnswerKey, serverFailureKey } from '../../shared/failure-words.ts';
import { isResponseTooLarge } from '../../shared/response-cap.ts';
import { PublishError } from '../../types.ts';

/** Error names a PDS uses when the session itself is no good. */
const AUTH_ERRORS = new Set([
  'AuthenticationRequired',
  'AuthMissing',
  'ExpiredToken',
  'InvalidToken',
  'AccountTakedown',
]);

/** Server error names that mean a blob was over the size limit. */
const BLOB_TOO_LARGE_ERRORS = new Set(['BlobTooLarge', 'PayloadTooLarge']);

/** True when `err` is an XRPC error with that error name (e.g. 'InvalidSwap'). */
export function isXrpcError(err: unknown, name?: string): err is XRPCError {
  return err instanceof XRPCError && (name === undefined || err.error === name);
}

/** A getRecord that found nothing (the PDS's own and the AppView's wording). */
export function isRecordNotFound(err: unknown): boolean {
  return err instanceof XRPCError && (err.error === 'RecordNotFound' || /could not locate record/i.test(err.message));
}

/**
 * Reads `RateLimit-Reset` (unix seconds) into epoch ms. Without it the outbox
 * falls back to its own backoff.
 */
export function rateLimitResetAt(headers: Record<string, string | undefined> | undefined): number | null {
  if (!headers) return null;
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === 'ratelimit-reset');
  if (!entry) return null;
  const seconds = Number(entry[1]);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : null;
}

function looksLikeBlobTooLarge(err: XRPCError): boolean {
  if (err.status === 413 || BLOB_TOO_LARGE_ERRORS.has(err.error)) return true;
  // Record validation reports an oversized image as a plain InvalidRequest.
  return err.status === 400 && /blob.*(too (big|large)|max size)/i.test(err.message);
}

/** Classifies any failure of a Bluesky call. PublishErrors pass through untouched. */
export function toPublishError(err: unknown): PublishError {
  if (err instanceof PublishError) return err;
  // Checked first: the client library wraps it (an XRPCError with it as cause).
  if (isResponseTooLarge(err)) return new PublishError('transient', 'error.answerTooLarge', err.message);
  if (err instanceof XRPCError) return fromXrpcError(err);
  const detail = err instanceof Error ? err.message : String(err);
  // fetch() rejects with TypeError when offline or the server is unreachable; timeouts abort.
  // Anything else unexpected is still retried with backoff rather than dropping the post.
  return new PublishError('transient', noAnswerKey(), detail);
}

function fromXrpcError(err: XRPCError): PublishError {
  const detail = err.message;
  if (err.status === 429 || err.error === 'RateLimitExceeded') {
    return new PublishError('rate-limit', 'error.rateLimited', detail, rateLimitResetAt(err.headers));
  }
  if (err.status === 401 || AUTH_ERRORS.has(err.error)) {
    return new PublishError('auth', 'error.bluesky.auth', detail);
  }
  if (looksLikeBlobTooLarge(err)) {
    return new PublishError('validation', 'error.blobTooLarge', detail);
  }
  // Status 1 (no response) and 2 (unparseable response) come from the client itself.
  if (err.status < 100) return new PublishError('transient', noAnswerKey(), detail);
  if (err.status >= 500) return new PublishError('transient', serverFailureKey(), detail || `HTTP ${err.status}`);
  return new PublishError('validation', 'error.bluesky.validation', detail);
}
