import { describe, expect, it } from 'vitest';
import { NOTICE_PUBLISHED_NOW, postRefFromAnswer } from '../../../lib/networks/mastodon/engine/publish.ts';
import { PublishError } from '../../../lib/networks/types.ts';

const ORIGIN = 'https://hollo.example';

describe('postRefFromAnswer: the answer to POST /api/v1/statuses, by its shape', () => {
  it.each([
    // [what the server answered (as masto camelCases it), schedule asked, expected PostRef]
    [
      'a ScheduledStatus',
      { id: '12', scheduledAt: '2030-01-01T00:00:00.000Z', params: { text: 'x' } },
      true,
      { id: 'scheduled:12', url: ORIGIN },
    ],
    [
      'a Status to a plain post',
      { id: '7', uri: `${ORIGIN}/@me/7`, url: `${ORIGIN}/@me/7`, createdAt: '2026-01-01T00:00:00Z' },
      false,
      { id: '7', url: `${ORIGIN}/@me/7` },
    ],
    // Hollo, GoToSocial: scheduled_at ignored, the post is out now, and the user must be told.
    [
      'a Status to a scheduled post',
      { id: '8', uri: `${ORIGIN}/@me/8`, url: `${ORIGIN}/@me/8`, createdAt: '2026-01-01T00:00:00Z' },
      true,
      { id: '8', url: `${ORIGIN}/@me/8`, notice: NOTICE_PUBLISHED_NOW },
    ],
    ['a Status without url', { id: '9', uri: `${ORIGIN}/objects/9` }, false, { id: '9', url: `${ORIGIN}/objects/9` }],
    [
      'a Status whose url is not a web address',
      { id: '10', url: 'javascript:alert(1)', uri: 'tag:x' },
      false,
      { id: '10', url: ORIGIN },
    ],
  ])('%s', (_name, answer, scheduleAsked, expected) => {
    expect(postRefFromAnswer(answer, ORIGIN, scheduleAsked)).toEqual(expected);
  });

  it.each([null, 'ok', {}, { error: 'no' }])(
    'no post in the answer (%j) is a permanent, explained failure',
    (answer) => {
      const attempt = () => postRefFromAnswer(answer, ORIGIN, true);
      expect(attempt).toThrow(PublishError);
      try {
        attempt();
      } catch (error) {
        expect(error).toMatchObject({ kind: 'validation', messageKey: 'error.mastodon.unexpectedAnswer' });
      }
    },
  );
});
