import { describe, expect, it } from 'vitest';
import { createTicketBook, MAX_TICKETS_PER_TAB, TICKET_TTL_MS } from '../../../lib/x/background/overlay-tickets.ts';
import { TICKET_PATTERN } from '../../../lib/x/embed-protocol.ts';

function book() {
  let t = 1_000;
  let seed = 0;
  const b = createTicketBook({ now: () => t, randomBytes: (n) => new Uint8Array(n).fill(++seed) });
  return { b, advance: (ms: number) => (t += ms) };
}

describe('overlay hand-off secrets', () => {
  it('are 32 random bytes in the shape the frame accepts', () => {
    const { b } = book();
    expect(b.issue(1)).toMatch(TICKET_PATTERN);
    expect(createTicketBook().issue(1)).toMatch(TICKET_PATTERN);
  });

  const cases: Array<{ name: string; run: (b: ReturnType<typeof book>) => boolean[]; expected: boolean[] }> = [
    {
      name: 'redeemed once, from its own tab',
      run: ({ b }) => {
        const k = b.issue(7);
        return [b.redeem(k, 7), b.redeem(k, 7)];
      },
      expected: [true, false],
    },
    {
      name: 'refused from another tab, and burnt by the try',
      run: ({ b }) => {
        const k = b.issue(7);
        return [b.redeem(k, 8), b.redeem(k, 7)];
      },
      expected: [false, false],
    },
    { name: 'unknown secrets refused', run: ({ b }) => [b.redeem('A'.repeat(43), 7)], expected: [false] },
    {
      name: 'expired after the TTL',
      run: ({ b, advance }) => {
        const k = b.issue(7);
        advance(TICKET_TTL_MS);
        return [b.redeem(k, 7)];
      },
      expected: [false],
    },
    {
      name: 'alive just before the TTL',
      run: ({ b, advance }) => {
        const k = b.issue(7);
        advance(TICKET_TTL_MS - 1);
        return [b.redeem(k, 7)];
      },
      expected: [true],
    },
    {
      name: `at most ${MAX_TICKETS_PER_TAB} per tab, the oldest dropped`,
      run: ({ b }) => {
        const keys = Array.from({ length: MAX_TICKETS_PER_TAB + 1 }, () => b.issue(7));
        return keys.map((k) => b.redeem(k, 7));
      },
      expected: [false, ...Array<boolean>(MAX_TICKETS_PER_TAB).fill(true)],
    },
  ];
  for (const c of cases) it(c.name, () => expect(c.run(book())).toEqual(c.expected));
});
