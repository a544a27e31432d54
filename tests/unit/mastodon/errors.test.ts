import { describe, expect, it } from 'vitest';
import { MastoDeserializeError, MastoHttpError, MastoTimeoutError, MastoUnexpectedError } from 'masto';
import { classifyMastodonError, retryAtFromHeaders } from '../../../lib/networks/mastodon/engine/errors.ts';
import { ResponseTooLargeError } from '../../../lib/networks/shared/response-cap.ts';
import { PublishError, type PublishErrorKind } from '../../../lib/networks/types.ts';

const NOW = Date.parse('2030-01-01T12:00:00Z');

/** Built the way masto builds it: the failed Response is the cause. */
function httpError(statusCode: number, message: string, headers: Record<string, string> = {}): MastoHttpError {
  const response = new Response(JSON.stringify({ error: message }), { status: statusCode, headers });
  return new MastoHttpError({ statusCode, message }, { cause: response });
}

type Row = [name: string, error: unknown, kind: PublishErrorKind, messageKey: string, detail?: string];

describe('classifyMastodonError', () => {
  it.each<Row>([
    [
      '401',
      httpError(401, 'The access token is invalid'),
      'auth',
      'error.mastodon.auth',
      'The access token is invalid',
    ],
    ['403', httpError(403, 'This action is outside the authorized scopes'), 'auth', 'error.mastodon.auth'],
    [
      '422 keeps the server text',
      httpError(422, 'Validation failed: Text character limit of 500 exceeded'),
      'validation',
      'error.mastodon.validation',
      'Validation failed: Text character limit of 500 exceeded',
    ],
    ['400', httpError(400, 'param is missing'), 'validation', 'error.mastodon.validation'],
    ['413', httpError(413, 'File too large'), 'validation', 'error.mastodon.validation'],
    ['404 (reply target deleted)', httpError(404, 'Record not found'), 'validation', 'error.mastodon.notFound'],
    ['429', httpError(429, 'Too many requests'), 'rate-limit', 'error.rateLimited'],
    ['408', httpError(408, 'Request Timeout'), 'transient', 'error.serverDown'],
    ['500', httpError(500, 'We are sorry'), 'transient', 'error.serverDown'],
    ['502', httpError(502, ''), 'transient', 'error.serverDown', 'HTTP 502'],
    ['503', httpError(503, 'down'), 'transient', 'error.serverDown'],
    ['masto timeout (a frozen server)', new MastoTimeoutError('Request timed out'), 'transient', 'error.serverDown'],
    ['unknown encoding', new MastoUnexpectedError('unknown encoding'), 'transient', 'error.serverDown'],
    ['malformed JSON', new MastoDeserializeError('Malformed JSON', 'json', '{'), 'transient', 'error.serverDown'],
    ['no answer while online', new TypeError('fetch failed'), 'transient', 'error.serverUnreachable', 'fetch failed'],
    ['aborted', new DOMException('The operation was aborted.', 'AbortError'), 'transient', 'error.serverUnreachable'],
    ['a thrown string', 'weird', 'transient', 'error.serverUnreachable', 'weird'],
  ])('%s -> %s', (_name, error, kind, messageKey, detail) => {
    const classified = classifyMastodonError(error, NOW);
    expect(classified).toBeInstanceOf(PublishError);
    expect(classified).toMatchObject({ kind, messageKey });
    if (detail !== undefined) expect(classified.detail).toBe(detail);
  });

  it('names an answer cut at the size cap, bare or wrapped, and retries it', () => {
    for (const err of [
      new ResponseTooLargeError(5, 'https://m.example/'),
      new Error('wrapped', { cause: new ResponseTooLargeError(5, '') }),
    ]) {
      expect(classifyMastodonError(err)).toMatchObject({ kind: 'transient', messageKey: 'error.answerTooLarge' });
    }
  });

  it('passes a PublishError through untouched', () => {
    const original = new PublishError('validation', 'error.mastodon.replyToScheduled');
    expect(classifyMastodonError(original)).toBe(original);
  });

  it.each([
    ['X-RateLimit-Reset (ISO)', { 'X-RateLimit-Reset': '2030-01-01T12:05:00.000Z' }, NOW + 5 * 60_000],
    ['Retry-After seconds', { 'Retry-After': '120' }, NOW + 120_000],
    ['Retry-After date', { 'Retry-After': 'Tue, 01 Jan 2030 12:10:00 GMT' }, NOW + 10 * 60_000],
    ['the later one wins', { 'X-RateLimit-Reset': '2030-01-01T12:05:00Z', 'Retry-After': '60' }, NOW + 5 * 60_000],
    ['nothing usable', { 'X-RateLimit-Reset': 'soon' }, null],
    ['no headers', {}, null],
  ])('429 with %s -> retryAt', (_name, headers, retryAt) => {
    expect(classifyMastodonError(httpError(429, 'Too many requests', headers), NOW).retryAt).toBe(retryAt);
    expect(retryAtFromHeaders(new Headers(headers), NOW)).toBe(retryAt);
  });

  it('marks auth and validation permanent, the rest retryable', () => {
    expect(classifyMastodonError(httpError(401, 'x')).permanent).toBe(true);
    expect(classifyMastodonError(httpError(422, 'x')).permanent).toBe(true);
    expect(classifyMastodonError(httpError(429, 'x')).permanent).toBe(false);
    expect(classifyMastodonError(httpError(503, 'x')).permanent).toBe(false);
  });
});

describe('offline or server down: the words tell them apart', () => {
  it('says "your network" only when the browser is offline', () => {
    const onLine = Object.getOwnPropertyDescriptor(globalThis.navigator, 'onLine');
    Object.defineProperty(globalThis.navigator, 'onLine', { configurable: true, get: () => false });
    try {
      expect(classifyMastodonError(new TypeError('fetch failed'), NOW).messageKey).toBe('error.network');
      expect(classifyMastodonError(new MastoTimeoutError('Request timed out'), NOW).messageKey).toBe('error.network');
    } finally {
      if (onLine) Object.defineProperty(globalThis.navigator, 'onLine', onLine);
      else delete (globalThis.navigator as { onLine?: boolean }).onLine;
    }
    expect(classifyMastodonError(new TypeError('fetch failed'), NOW).messageKey).toBe('error.serverUnreachable');
  });
});
