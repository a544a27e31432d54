/**
 * How the x.com overlay and the compose page it frames talk. The overlay
 * sends one `handoff` message to the frame, addressed to the extension's
 * origin and carrying a MessagePort; everything after goes over that port.
 * X's own scripts share the page's window and would see any message posted
 * to it: over the port they see nothing (not even that the user posted).
 */

/** Overlay -> compose frame, once, with a MessagePort in `ports`. */
export interface HandoffMessage {
  sortie: 'handoff';
  images: Blob[];
  /** X images that could not be read (the compose page says so). */
  missingImages: number;
}

/** Compose frame -> overlay, over the port. */
export type EmbedEvent = { sortie: 'posted'; postId: string } | { sortie: 'close' };

function tagged(value: unknown): value is { sortie: unknown } {
  return typeof value === 'object' && value !== null && 'sortie' in value;
}

export function isHandoff(value: unknown): value is HandoffMessage {
  return (
    tagged(value) &&
    value.sortie === 'handoff' &&
    Array.isArray((value as HandoffMessage).images) &&
    (value as HandoffMessage).images.every((i) => i instanceof Blob) &&
    typeof (value as HandoffMessage).missingImages === 'number'
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
