/**
 * When a Mastodon part whose earlier attempt may have landed is sent again,
 * looked for first, adopted, or held back: every combination of how long
 * ago the attempt began, whether the server still remembers its key, and
 * what the look-up says.
 */
import { describe, expect, it } from 'vitest';
import { decideResend, keyTrustMs } from '../../../lib/networks/mastodon/resend.ts';
import type { ServerFamily } from '../../../lib/networks/network.ts';

const NOW = 10 * 3_600_000;
const MIN = 60_000;
const FOUND = { id: '111', url: 'https://example.social/@me/111' };

type Lookup = 'finds' | 'finds nothing' | 'fails';
type Expected = 'send' | 'adopt' | 'wait';

const lookups: Record<Lookup, () => Promise<typeof FOUND | null>> = {
  finds: async () => FOUND,
  'finds nothing': async () => null,
  fails: async () => {
    throw new TypeError('Failed to fetch');
  },
};

// [attempt began (minutes ago, null: no earlier attempt), server, look-up, expected, look-up asked]
const table: Array<[number | null, ServerFamily, Lookup, Expected, boolean]> = [
  // Nothing can have landed: send, nothing to ask.
  [null, 'mastodon', 'fails', 'send', false],
  [null, 'gotosocial', 'fails', 'send', false],
  // Recent, on a server that remembers keys for an hour: the key alone is enough.
  [1, 'mastodon', 'fails', 'send', false],
  [49, 'mastodon', 'finds', 'send', false],
  [49, 'hollo', 'fails', 'send', false],
  [9, 'akkoma', 'fails', 'send', false],
  // Past the trusted part of the window: look first.
  [50, 'mastodon', 'finds', 'adopt', true],
  [50, 'mastodon', 'finds nothing', 'send', true],
  [50, 'mastodon', 'fails', 'wait', true],
  [12 * 60, 'mastodon', 'finds', 'adopt', true],
  [12 * 60, 'mastodon', 'finds nothing', 'send', true],
  [12 * 60, 'mastodon', 'fails', 'wait', true],
  [11, 'akkoma', 'finds', 'adopt', true],
  [11, 'pleroma', 'fails', 'wait', true],
  // A server that ignores the key: look at any delay.
  [0, 'gotosocial', 'finds', 'adopt', true],
  [0, 'gotosocial', 'finds nothing', 'send', true],
  [0, 'gotosocial', 'fails', 'wait', true],
  [1, 'misskey', 'fails', 'wait', true],
  [1, 'unknown', 'finds', 'adopt', true],
];

describe('decideResend', () => {
  it.each(table)('attempt %s min ago on %s, look-up %s → %s', async (ago, family, lookup, expected, asked) => {
    let calls = 0;
    const step = await decideResend({
      unansweredSince: ago === null ? null : NOW - ago * MIN,
      now: NOW,
      keyTrustMs: keyTrustMs(family, false),
      lookFor: () => {
        calls++;
        return lookups[lookup]();
      },
    });
    expect(step.action).toBe(expected);
    if (step.action === 'adopt') expect(step.ref).toEqual(FOUND);
    expect(calls).toBe(asked ? 1 : 0);
  });

  it('a part meant to wait on the server is always looked for, on every server', async () => {
    for (const family of ['mastodon', 'hollo', 'akkoma', 'gotosocial'] as const) {
      expect(keyTrustMs(family, true)).toBe(0);
      const step = await decideResend({
        unansweredSince: NOW - MIN,
        now: NOW,
        keyTrustMs: keyTrustMs(family, true),
        lookFor: lookups.fails,
      });
      expect(step.action).toBe('wait');
    }
  });
});
