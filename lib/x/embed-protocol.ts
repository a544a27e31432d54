/**
 * How the x.com overlay and the compose page it frames talk. The overlay
 * sends one `handoff` message to the frame, addressed to the extension's
 * origin and carrying a MessagePort and a one-time secret the background
 * issued to the content script ('overlay.ticket'); everything after goes
 * over that port. X's own scripts share the page's window: they can post
 * forged hand-offs to the frame (window.frames reaches it through any shadow
 * root) but cannot know the secret, which the frame has the background
 * verify and consume ('overlay.redeem') before it trusts anything. Over the
 * port X sees nothing (not even that the user posted).
 */

/** Overlay -> compose frame, once, with a MessagePort in `ports`. */
export interface HandoffMessage {
  sortie: 'handoff';
  images: Blob[];
  /** X images that could not be read (the compose page says so). */
  missingImages: number;
  /** The background's one-time secret for this tab (lib/x/background/overlay-tickets.ts). */
  ticket: string;
}

/** Compose frame -> overlay, over the port. */
export type EmbedEvent = { sortie: 'posted'; postId: string } | { sortie: 'close' };

/** 32 random bytes, base64url without padding. */
export const TICKET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The origins the overlay runs on (wxt.config.ts lists the same hosts for compose.html). */
const X_ORIGIN = /^https:\/\/(?:(?:mobile|www)\.)?(?:x|twitter)\.com$/;

export function isXOrigin(origin: string): boolean {
  return X_ORIGIN.test(origin);
}

/** A URL on one of X's origins (the sender of 'overlay.ticket'). */
export function isXUrl(url: string | undefined): boolean {
  if (url === undefined) return false;
  try {
    return isXOrigin(new URL(url).origin);
  } catch {
    return false;
  }
}

function tagged(value: unknown): value is { sortie: unknown } {
  return typeof value === 'object' && value !== null && 'sortie' in value;
}

export function isHandoff(value: unknown): value is HandoffMessage {
  return (
    tagged(value) &&
    value.sortie === 'handoff' &&
    Array.isArray((value as HandoffMessage).images) &&
    (value as HandoffMessage).images.every((i) => i instanceof Blob) &&
    typeof (value as HandoffMessage).missingImages === 'number' &&
    typeof (value as HandoffMessage).ticket === 'string' &&
    TICKET_PATTERN.test((value as HandoffMessage).ticket)
  );
}

export function isEmbedEvent(value: unknown): value is EmbedEvent {
  if (!tagged(value)) return false;
  if (value.sortie === 'close') return true;
  return value.sortie === 'posted' && typeof (value as { postId?: unknown }).postId === 'string';
}

/** The compose page URL the overlay frames, prefilled with X's text. */
export function embedComposeUrl(base: string, text: string): string {
  const url = new URL(base);
  url.searchParams.set('embed', '1');
  if (text) url.searchParams.set('text', text);
  return url.toString();
}
