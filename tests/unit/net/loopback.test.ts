/** Plain http only to this machine: a typed http:// server address goes over https:// anywhere else. */
import { describe, expect, it } from 'vitest';
import { httpsUnlessLoopback } from '../../../lib/networks/shared/loopback.ts';

describe('httpsUnlessLoopback', () => {
  it.each([
    ['a public PDS typed with http://', 'http://pds.example.org', 'https://pds.example.org'],
    ['with a trailing slash', 'http://pds.example.org/', 'https://pds.example.org/'],
    ['with a port', 'http://pds.example.org:2583', 'https://pds.example.org:2583'],
    ['an internationalised name', 'http://café.example', 'https://xn--caf-dma.example'],
    ['already https', 'https://bsky.social', 'https://bsky.social'],
    ['this machine by name', 'http://localhost:2583', 'http://localhost:2583'],
    ['this machine by address', 'http://127.0.0.1:2583', 'http://127.0.0.1:2583'],
    ['this machine in IPv6', 'http://[::1]:2583', 'http://[::1]:2583'],
    ['not an address', 'pds example', 'pds example'],
  ])('%s', (_name, typed, used) => {
    expect(httpsUnlessLoopback(typed)).toBe(used);
  });
});
