/**
 * The compose page's side of the x.com overlay (lib/x/embed-protocol.ts):
 * it waits for the overlay's one handoff message (images, and the port
 * every later message goes through). Listening starts when the page's
 * script runs, before the frame's load event lets the overlay send.
 */
import { isHandoff, type EmbedEvent } from '../../lib/x/embed-protocol.ts';

export interface EmbedLink {
  images: Blob[];
  missingImages: number;
  send: (event: EmbedEvent) => void;
}

/** The overlay only runs on X; the frame is web-accessible to X's origins only, and trusts no other parent. */
const X_ORIGIN = /^https:\/\/(?:(?:mobile|www)\.)?(?:x|twitter)\.com$/;

export function listenForHandoff(win: Window): Promise<EmbedLink> {
  return new Promise((resolve) => {
    const onMessage = (event: MessageEvent): void => {
      // Only the frame's own parent (the overlay's content script shares its window), only once.
      if (event.source !== win.parent || !X_ORIGIN.test(event.origin) || !isHandoff(event.data) || event.ports.length !== 1) return;
      win.removeEventListener('message', onMessage);
      const port = event.ports[0]!;
      resolve({ images: event.data.images, missingImages: event.data.missingImages, send: (e) => port.postMessage(e) });
    };
    win.addEventListener('message', onMessage);
  });
}
