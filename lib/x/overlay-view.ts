/**
 * The overlay's DOM inside its shadow root, framework-free so the script
 * every X tab loads stays small: an offer button placed under X's composer,
 * and a dialog framing Sortie's compose page (where Preact and the real
 * composer load, only once the user asks).
 */
import type { OverlayStrings } from './strings.ts';

export const OVERLAY_CSS = `
.offer { position: fixed; z-index: 2147483000; display: none; }
.offer.shown { display: block; }
.offer button, .close {
  font: 600 15px/1.3 system-ui, -apple-system, "Segoe UI", sans-serif;
  border-radius: 9999px; cursor: pointer;
}
.offer button {
  background: #5b3cc4; color: #ffffff; border: 2px solid #ffffff; padding: 8px 16px;
  box-shadow: 0 2px 10px rgba(0, 0, 0, 0.35);
}
.offer button:hover { background: #4a2fa6; }
button:focus-visible { outline: 3px solid #f5b400; outline-offset: 2px; }
.backdrop {
  position: fixed; inset: 0; z-index: 2147483001; display: flex; align-items: center; justify-content: center;
  background: rgba(0, 0, 0, 0.55);
}
.panel {
  display: flex; flex-direction: column; width: min(640px, 96vw); height: min(760px, 92vh);
  background: #ffffff; color: #1b1b1f; border-radius: 14px; overflow: hidden; box-shadow: 0 8px 40px rgba(0, 0, 0, 0.45);
}
.bar { display: flex; align-items: center; justify-content: space-between; gap: 8px; padding: 8px 12px; border-bottom: 1px solid #c9c9d1; }
.bar h2 { font: 600 16px/1.3 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; }
.close { background: transparent; color: inherit; border: 1px solid #55575f; padding: 4px 12px; }
iframe { flex: 1; width: 100%; border: 0; background: transparent; }
@media (prefers-color-scheme: dark) {
  .panel { background: #16161a; color: #ececf1; }
  .bar { border-color: #44444c; }
  .close { border-color: #b3b3bd; }
}
`;

export interface OverlayView {
  /** Shows the offer under `anchor` (X's composer), or at the bottom of the window without one. */
  showOffer: (anchor: DOMRect | null) => void;
  hideOffer: () => void;
  readonly offerShown: boolean;
  openDialog: (src: string) => HTMLIFrameElement;
  closeDialog: () => void;
  readonly dialogOpen: boolean;
  setStrings: (strings: OverlayStrings) => void;
  /** The element to check focus against (the shadow host's content). */
  contains: (node: Node | null) => boolean;
}

export interface OverlayViewHandlers {
  onOffer: () => void;
  onClose: () => void;
}

const OFFER_HEIGHT = 48;
const MARGIN = 8;

export function createOverlayView(
  container: HTMLElement,
  strings: OverlayStrings,
  handlers: OverlayViewHandlers,
): OverlayView {
  const doc = container.ownerDocument;
  let current = strings;
  const offer = doc.createElement('div');
  offer.className = 'offer';
  const offerButton = doc.createElement('button');
  offerButton.type = 'button';
  offerButton.dataset.sortie = 'offer';
  offerButton.textContent = current.offer;
  offerButton.addEventListener('click', () => handlers.onOffer());
  offer.append(offerButton);
  container.append(offer);

  let backdrop: HTMLElement | null = null;
  let title: HTMLElement | null = null;
  let closeButton: HTMLButtonElement | null = null;
  let frame: HTMLIFrameElement | null = null;

  function place(anchor: DOMRect | null): void {
    const view = doc.defaultView;
    const width = view?.innerWidth ?? 1024;
    const height = view?.innerHeight ?? 768;
    const visible = anchor !== null && anchor.width > 0 && anchor.bottom > 0 && anchor.top < height;
    if (!visible) {
      Object.assign(offer.style, { top: '', bottom: '24px', left: '50%', right: '', transform: 'translateX(-50%)' });
      return;
    }
    // Under the composer, else above it; never over it (X's own Post button sits at its bottom).
    const below = anchor.bottom + MARGIN;
    const above = anchor.top - OFFER_HEIGHT - MARGIN;
    if (below + OFFER_HEIGHT + MARGIN > height && above < MARGIN) {
      Object.assign(offer.style, {
        top: '',
        bottom: `${MARGIN}px`,
        left: '50%',
        right: '',
        transform: 'translateX(-50%)',
      });
      return;
    }
    const top = below + OFFER_HEIGHT + MARGIN <= height ? below : above;
    const right = Math.max(width - anchor.right, MARGIN);
    Object.assign(offer.style, { top: `${top}px`, bottom: '', left: '', right: `${right}px`, transform: '' });
  }

  return {
    showOffer(anchor) {
      place(anchor);
      offer.classList.add('shown');
    },
    hideOffer() {
      offer.classList.remove('shown');
    },
    get offerShown() {
      return offer.classList.contains('shown');
    },
    openDialog(src) {
      this.closeDialog();
      backdrop = doc.createElement('div');
      backdrop.className = 'backdrop';
      const panel = doc.createElement('div');
      panel.className = 'panel';
      panel.setAttribute('role', 'dialog');
      panel.setAttribute('aria-modal', 'true');
      panel.setAttribute('aria-labelledby', 'sortie-dialog-title');
      const bar = doc.createElement('div');
      bar.className = 'bar';
      title = doc.createElement('h2');
      title.id = 'sortie-dialog-title';
      title.textContent = current.dialog;
      closeButton = doc.createElement('button');
      closeButton.type = 'button';
      closeButton.className = 'close';
      closeButton.textContent = current.close;
      closeButton.addEventListener('click', () => handlers.onClose());
      bar.append(title, closeButton);
      frame = doc.createElement('iframe');
      frame.title = current.frameTitle;
      frame.src = src;
      panel.append(bar, frame);
      backdrop.append(panel);
      // A click on the dimmed page around the panel closes, as in X's own dialogs.
      backdrop.addEventListener('click', (e) => {
        if (e.target === backdrop) handlers.onClose();
      });
      container.append(backdrop);
      return frame;
    },
    closeDialog() {
      backdrop?.remove();
      backdrop = title = closeButton = frame = null;
    },
    get dialogOpen() {
      return backdrop !== null;
    },
    setStrings(next) {
      current = next;
      offerButton.textContent = next.offer;
      if (title) title.textContent = next.dialog;
      if (closeButton) closeButton.textContent = next.close;
      if (frame) frame.title = next.frameTitle;
    },
    contains(node) {
      return node !== null && container.contains(node);
    },
  };
}
