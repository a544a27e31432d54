import type { Agent } from '@atproto/api';
import { describe, expect, it } from 'vitest';
import { buildPostRecord } from '../../../lib/networks/bluesky/engine/publish';
import { makePart } from '../support/part';

/** No mention, link, image or parent: building the record asks the server nothing. */
const quietAgent = {} as Agent;
const now = () => new Date(Date.UTC(2026, 11, 3, 15, 0, 0));

describe("a Bluesky post's createdAt", () => {
  it.each([
    ['a post written in Sortie: now', undefined, '2026-12-03T15:00:00.000Z'],
    ['a tweet from an archive: its own time', Date.UTC(2018, 9, 10, 20, 19, 24), '2018-10-10T20:19:24.000Z'],
    ['the first tweet ever possible', Date.UTC(2006, 2, 21, 20, 50, 14), '2006-03-21T20:50:14.000Z'],
  ])('%s', async (_name, originalDate, expected) => {
    const part = makePart({ text: 'Été 🌍 & co', ...(originalDate !== undefined ? { originalDate } : {}) });
    const record = await buildPostRecord(quietAgent, part, { now, linkCardFetch: null });
    expect(record['createdAt']).toBe(expected);
  });
});
