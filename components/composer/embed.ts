/**
 * The compose page's side of the x.com overlay (lib/x/embed-protocol.ts):
 * it waits for the overlay's hand-off (images, the background's one-time
 * secret, and the port every later message goes through). Listening starts
 * when the page's script runs, before the frame's load event lets the
 * overlay send. It never posts anything to its parent: X's page shares the
 * parent window with the content script and would hear it.
 */
import { isHandoff, isXOrigin, type EmbedEvent } from '../../lib/x/embed-protocol.ts';

export interface EmbedLink {
  images: Blob[];
  missingImages: number;
  send: (event: EmbedEvent) => void;
}

export type Framing = 'top' | 'overlay' | 'refused';

/**
 * Where the compose page runs. It is web-accessible to X's origins only
 * (through Chrome's per-session dynamic URL), yet X's own script could frame
 * it and trick a click on Post: framed, it runs only as the x.com overlay
 * (`?embed=1`, every ancestor an X origin where the browser tells), renders
 * nothing until a hand-off carrying a secret the background verified
 * (listenForHandoff), and posts only while fully visible (./visibility.ts).
 */
export function framing(win: Window, embedParam: boolean): Framing {
  if (win.parent === win) return 'top';
  if (!embedParam) return 'refused';
  // Chrome lists the ancestors' origins; Firefox does not (the hand-off's secret still holds there).
  const ancestors = (win.location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
  if (ancestors && ![...ancestors].every((origin) => isXOrigin(origin))) return 'refused';
  return 'overlay';
}

/**
 * The first hand-off whose secret `redeem` (the background) accepts. X may
 * post forged ones to this frame at any time, before or after the real one:
 * each is checked on its own (none blocks another), a refused one's port is
 * closed unanswered, and nothing is taken from a hand-off before its check.
 */
export function listenForHandoff(win: Window, redeem: (ticket: string) => Promise<boolean>): Promise<EmbedLink> {
  return new Promise((resolve) => {
    let done = false;
    const onMessage = (event: MessageEvent): void => {
      // Only the frame's own parent (the overlay's content script shares its window).
      if (
        done ||
        event.source !== win.parent ||
        !isXOrigin(event.origin) ||
        !isHandoff(event.data) ||
        event.ports.length !== 1
      )
        return;
      const { images, missingImages, ticket } = event.data;
      const port = event.ports[0]!;
      void redeem(ticket).then(
        (valid) => {
          if (!valid || done) {
            port.close();
            return;
          }
          done = true;
          win.removeEventListener('message', onMessage);
          resolve({ images, missingImages, send: (e) => port.postMessage(e) });
        },
        () => port.close(),
      );
    };
    win.addEventListener('message', onMessage);
  });
}
