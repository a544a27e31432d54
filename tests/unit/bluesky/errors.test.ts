import { XRPCError } from '@atproto/api';
import { describe, expect, it } from 'vitest';
import { isRecordNotFound, rateLimitResetAt, toPublishError } from '../../../lib/networks/bluesky/engine/errors.ts';
import { ResponseTooLargeError } from '../../../lib/networks/shared/response-cap.ts';
import { PublishError } from '../../../lib/networks/types.ts';

describe('toPublishError', () => {
  const cases: [string, unknown, { kind: string; messageKey: string }][] = [
    [
      '401',
      new XRPCError(401, 'AuthenticationRequired', 'Authentication Required'),
      { kind: 'auth', messageKey: 'error.bluesky.auth' },
    ],
    [
      'ExpiredToken that could not refresh',
      new XRPCError(400, 'ExpiredToken', 'Token has expired'),
      { kind: 'auth', messageKey: 'error.bluesky.auth' },
    ],
    [
      'InvalidToken',
      new XRPCError(400, 'InvalidToken', 'Token could not be verified'),
      { kind: 'auth', messageKey: 'error.bluesky.auth' },
    ],
    [
      '429',
      new XRPCError(429, 'RateLimitExceeded', 'Rate Limit Exceeded'),
      { kind: 'rate-limit', messageKey: 'error.rateLimited' },
    ],
    [
      'RateLimitExceeded on another status',
      new XRPCError(400, 'RateLimitExceeded', 'slow down'),
      { kind: 'rate-limit', messageKey: 'error.rateLimited' },
    ],
    [
      '413 on upload',
      new XRPCError(413, 'PayloadTooLarge', 'request entity too large'),
      { kind: 'validation', messageKey: 'error.blobTooLarge' },
    ],
    [
      'BlobTooLarge',
      new XRPCError(400, 'BlobTooLarge', 'This file is too large'),
      { kind: 'validation', messageKey: 'error.blobTooLarge' },
    ],
    [
      'record validation of an oversized image',
      new XRPCError(
        400,
        'InvalidRequest',
        'Invalid app.bsky.feed.post record: blob too big (maximum 2000000, got 2067908)',
      ),
      { kind: 'validation', messageKey: 'error.blobTooLarge' },
    ],
    [
      'text too long',
      new XRPCError(400, 'InvalidRequest', 'Record/text must not be longer than 300 graphemes'),
      { kind: 'validation', messageKey: 'error.bluesky.validation' },
    ],
    ['500', new XRPCError(500, 'InternalServerError', 'oops'), { kind: 'transient', messageKey: 'error.serverDown' }],
    [
      '502',
      new XRPCError(502, 'UpstreamFailure', 'bad gateway'),
      { kind: 'transient', messageKey: 'error.serverDown' },
    ],
    [
      'no response at all',
      new XRPCError(1, 'Unknown', 'fetch failed'),
      { kind: 'transient', messageKey: 'error.serverUnreachable' },
    ],
    ['fetch TypeError', new TypeError('fetch failed'), { kind: 'transient', messageKey: 'error.serverUnreachable' }],
    [
      'timeout',
      new DOMException('timed out', 'TimeoutError'),
      { kind: 'transient', messageKey: 'error.serverUnreachable' },
    ],
  ];

  it.each(cases)('%s', (_name, err, expected) => {
    const classified = toPublishError(err);
    expect(classified).toBeInstanceOf(PublishError);
    expect(classified).toMatchObject(expected);
  });

  it("keeps the server's words as the detail", () => {
    const classified = toPublishError(
      new XRPCError(400, 'InvalidRequest', 'Record/text must not be longer than 300 graphemes'),
    );
    expect(classified.detail).toBe('Record/text must not be longer than 300 graphemes');
    expect(classified.permanent).toBe(true);
  });

  it('dates a rate-limited retry from RateLimit-Reset (unix seconds)', () => {
    const err = new XRPCError(429, 'RateLimitExceeded', 'Rate Limit Exceeded', { 'ratelimit-reset': '1700000000' });
    expect(toPublishError(err).retryAt).toBe(1_700_000_000_000);
    expect(toPublishError(new XRPCError(429)).retryAt).toBeNull();
  });

  it('names an answer cut at the size cap, even inside an XRPCError, and retries it', () => {
    const wrapped = new XRPCError(1, undefined, 'fetch failed', undefined, { cause: new ResponseTooLargeError(5, '') });
    for (const err of [new ResponseTooLargeError(5, 'https://pds.example/'), wrapped]) {
      expect(toPublishError(err)).toMatchObject({ kind: 'transient', messageKey: 'error.answerTooLarge' });
    }
  });

  it('passes PublishErrors through untouched', () => {
    const original = new PublishError('validation', 'error.x');
    expect(toPublishError(original)).toBe(original);
  });
});

describe('rateLimitResetAt', () => {
  it.each([
    [{ 'RateLimit-Reset': '10' }, 10_000],
    [{ 'ratelimit-reset': 'soon' }, null],
    [{}, null],
    [undefined, null],
  ])('%j -> %s', (headers, expected) => {
    expect(rateLimitResetAt(headers)).toBe(expected);
  });
});

describe('isRecordNotFound', () => {
  it('knows both wordings', () => {
    expect(isRecordNotFound(new XRPCError(400, 'RecordNotFound', 'x'))).toBe(true);
    expect(isRecordNotFound(new XRPCError(400, 'InvalidRequest', 'Could not locate record: at://x'))).toBe(true);
    expect(isRecordNotFound(new XRPCError(400, 'InvalidRequest', 'other'))).toBe(false);
    expect(isRecordNotFound(new Error('RecordNotFound'))).toBe(false);
  });
});
