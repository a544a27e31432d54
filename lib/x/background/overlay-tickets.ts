/**
 * One-time secrets for the x.com overlay's hand-off (lib/x/embed-protocol.ts).
 * The content script on X asks for one just before it frames the compose
 * page; the framed page presents it back, and only then trusts the hand-off.
 * A secret is bound to the tab it was issued to, works once (a wrong tab
 * burns it too), and expires quickly: the frame presents it within seconds.
 * Kept in the worker's memory: a worker restarted between the two simply
 * refuses, and the user opens the overlay again.
 */

export const TICKET_TTL_MS = 60_000;
/** Per tab: a user opening and closing the overlay fast never needs more. */
export const MAX_TICKETS_PER_TAB = 4;

export interface TicketBook {
  issue: (tabId: number) => string;
  /** True once for a live secret presented from the tab it was issued to. */
  redeem: (ticket: string, tabId: number) => boolean;
}

export interface TicketDeps {
  now?: () => number;
  randomBytes?: (n: number) => Uint8Array;
}

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function createTicketBook(deps: TicketDeps = {}): TicketBook {
  const now = deps.now ?? Date.now;
  const randomBytes = deps.randomBytes ?? ((n) => crypto.getRandomValues(new Uint8Array(n)));
  const tickets = new Map<string, { tabId: number; expiresAt: number }>();

  function prune(): void {
    const t = now();
    for (const [key, entry] of tickets) if (entry.expiresAt <= t) tickets.delete(key);
  }

  return {
    issue(tabId) {
      prune();
      const mine = [...tickets].filter(([, e]) => e.tabId === tabId);
      // Oldest first (Map keeps insertion order): drop what exceeds the cap.
      for (const [key] of mine.slice(0, Math.max(0, mine.length - MAX_TICKETS_PER_TAB + 1))) tickets.delete(key);
      const ticket = base64url(randomBytes(32));
      tickets.set(ticket, { tabId, expiresAt: now() + TICKET_TTL_MS });
      return ticket;
    },
    redeem(ticket, tabId) {
      prune();
      const entry = tickets.get(ticket);
      if (entry === undefined) return false;
      tickets.delete(ticket);
      return entry.tabId === tabId;
    },
  };
}
