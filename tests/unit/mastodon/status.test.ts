import { describe, expect, it } from 'vitest';
import { buildStatusParams, serverSchedule, toMastodonLanguage } from '../../../lib/networks/mastodon/engine/status.ts';
import { MASTODON_SCHEDULE_AHEAD_MS as MIN_SCHEDULE_AHEAD_MS } from '../../../lib/networks/mastodon/meta.ts';
import { PublishError, type PartToSend } from '../../../lib/networks/types.ts';
import { makePart } from '../support/part.ts';

const NOW = Date.parse('2030-01-01T12:00:00Z');
const Q45 = { supportsQuotePolicy: true };
const Q44 = { supportsQuotePolicy: false };

function part(overrides: Partial<PartToSend> = {}): PartToSend {
  return makePart({ text: 'Hello https://example.org', idempotencyKey: 'key-1', ...overrides });
}

describe('buildStatusParams', () => {
  it('sends the warning and sensitivity explicitly even when empty', () => {
    expect(buildStatusParams(part(), Q44, [], NOW)).toEqual({
      status: 'Hello https://example.org',
      spoilerText: '',
      sensitive: false,
      visibility: 'public',
      language: 'en',
    });
  });

  it.each([
    [
      'a content warning implies sensitive',
      { contentWarning: ' spoilers ' },
      { spoilerText: 'spoilers', sensitive: true },
    ],
    ['sensitive without warning', { sensitive: true }, { spoilerText: '', sensitive: true }],
    ['blank warning is no warning', { contentWarning: '   ' }, { spoilerText: '', sensitive: false }],
    ['unlisted', { visibility: 'unlisted' as const }, { visibility: 'unlisted' }],
    ['private', { visibility: 'private' as const }, { visibility: 'private' }],
    ['direct', { visibility: 'direct' as const }, { visibility: 'direct' }],
    ['first language only', { langs: ['fr', 'en'] }, { language: 'fr' }],
    ['regional tag reduced', { langs: ['en-US'] }, { language: 'en' }],
    ['reply', { parent: { id: '1234', url: 'https://x/1' } }, { inReplyToId: '1234' }],
    [
      'poll',
      { poll: { options: ['a', 'b'], expiresInSeconds: 3600, multiple: true } },
      { poll: { options: ['a', 'b'], expiresIn: 3600, multiple: true } },
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(buildStatusParams(part(overrides), Q44, [], NOW)).toMatchObject(expected);
  });

  it.each([[[]], [['??']]])('leaves the language to the account default for %j', (langs) => {
    expect(buildStatusParams(part({ langs }), Q44, [], NOW)).not.toHaveProperty('language');
  });

  it('keeps media ids in order and omits them when there are none', () => {
    expect(buildStatusParams(part(), Q44, ['3', '1', '2'], NOW).mediaIds).toEqual(['3', '1', '2']);
    expect(buildStatusParams(part(), Q44, [], NOW)).not.toHaveProperty('mediaIds');
  });

  it('sends a quote policy only to servers that know it', () => {
    const noQuotes = part({ interaction: { reply: 'everyone', allowQuotes: false } });
    expect(buildStatusParams(noQuotes, Q45, [], NOW).quoteApprovalPolicy).toBe('nobody');
    expect(buildStatusParams(noQuotes, Q44, [], NOW)).not.toHaveProperty('quoteApprovalPolicy');
  });

  it('narrows visibility from the reply policy', () => {
    const followers = part({ interaction: { reply: 'followers', allowQuotes: true } });
    expect(buildStatusParams(followers, Q45, [], NOW)).toMatchObject({ visibility: 'private' });
    expect(buildStatusParams(followers, Q45, [], NOW)).not.toHaveProperty('quoteApprovalPolicy');
  });

  it('schedules on the server only far enough ahead', () => {
    const later = new Date(NOW + 60 * 60_000).toISOString();
    expect(buildStatusParams(part({ scheduledAt: later }), Q44, [], NOW).scheduledAt).toBe(later);
    const soon = new Date(NOW + 60_000).toISOString();
    expect(buildStatusParams(part({ scheduledAt: soon }), Q44, [], NOW)).not.toHaveProperty('scheduledAt');
  });
});

describe('serverSchedule', () => {
  it.each([
    ['no schedule', null, null],
    ['in the past', new Date(NOW - 60_000).toISOString(), null],
    ['exactly 5 minutes ahead (too tight)', new Date(NOW + 5 * 60_000).toISOString(), null],
    ['just under the margin', new Date(NOW + MIN_SCHEDULE_AHEAD_MS - 1).toISOString(), null],
    [
      'at the margin',
      new Date(NOW + MIN_SCHEDULE_AHEAD_MS).toISOString(),
      new Date(NOW + MIN_SCHEDULE_AHEAD_MS).toISOString(),
    ],
    ['offset time normalised to UTC', '2030-01-01T15:00:00+02:00', '2030-01-01T13:00:00.000Z'],
  ])('%s', (_name, at, expected) => {
    expect(serverSchedule(at, NOW)).toBe(expected);
  });

  it('rejects an unreadable time rather than posting at the wrong moment', () => {
    expect(() => serverSchedule('tomorrow-ish', NOW)).toThrow(PublishError);
  });
});

describe('toMastodonLanguage', () => {
  it.each([
    ['en', 'en'],
    ['EN', 'en'],
    ['en-US', 'en'],
    ['en_GB', 'en'],
    ['pt-BR', 'pt'],
    ['sr-Latn', 'sr'],
    ['zh', 'zh'],
    ['zh-TW', 'zh-TW'],
    ['zh-cn', 'zh-CN'],
    ['zh-yue', 'zh-YUE'],
    ['zh-Hant-HK', 'zh-HK'],
    ['zh-Hant', 'zh-TW'],
    ['zh-Hans', 'zh-CN'],
    ['zh-SG', 'zh'],
    ['kab', 'kab'],
    ['', undefined],
    ['1234', undefined],
  ])('%j -> %j', (tag, expected) => {
    expect(toMastodonLanguage(tag)).toBe(expected);
  });
});
