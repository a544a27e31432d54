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

/** The overlay only runs on X: the frame trusts no other parent. */
const X_ORIGIN = /^https:\/\/(?:(?:mobile|www)\.)?(?:x|twitter)\.com$/;

export type Framing = 'top' | 'overlay' | 'refused';

/**
 * Where the compose page runs. It is web-accessible (share-intent redirects
 * need it), so any site could frame it and trick a click on Post: framed,
 * it runs only as the x.com overlay (`?embed=1`, every ancestor an X origin
 * where the browser tells, and it renders nothing until the overlay's
 * handoff arrived from an X origin, see listenForHandoff).
 */
export function framing(win: Window, embedParam: boolean): Framing {
  if (win.parent === win) return 'top';
  if (!embedParam) return 'refused';
  // Chrome lists the ancestors' origins; Firefox does not (the handoff check still holds there).
  const ancestors = (win.location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
  if (ancestors && ![...ancestors].every((origin) => X_ORIGIN.test(origin))) return 'refused';
  return 'overlay';
}

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
