import { describe, expect, it, vi } from 'vitest';
import { createOverlayView } from '../../../lib/x/overlay-view.ts';
import { dom } from './dom.ts';

const STRINGS = {
  offer: 'Post to Mastodon & Bluesky instead',
  dialog: 'Sortie: post',
  frameTitle: 'Sortie composer',
  close: 'Close',
};

function setup() {
  const { document, click } = dom('<div id="ui"></div>');
  const container = document.getElementById('ui') as HTMLElement;
  const handlers = { onOffer: vi.fn(), onClose: vi.fn() };
  const view = createOverlayView(container, STRINGS, handlers);
  return { document, container, handlers, view, click };
}

describe('overlay view', () => {
  it('shows the offer as a named button that calls back on click', () => {
    const { container, handlers, view, click } = setup();
    expect(view.offerShown).toBe(false);
    view.showOffer(null);
    expect(view.offerShown).toBe(true);
    const button = container.querySelector('button')!;
    expect(button.textContent).toBe(STRINGS.offer);
    expect(button.getAttribute('type')).toBe('button');
    click(button);
    expect(handlers.onOffer).toHaveBeenCalledTimes(1);
    view.hideOffer();
    expect(view.offerShown).toBe(false);
  });

  it('opens a labelled modal dialog framing the compose page, and closes it', () => {
    const { container, handlers, view, click } = setup();
    const frame = view.openDialog('chrome-extension://abc/compose.html?embed=1');
    const dialog = container.querySelector('[role="dialog"]')!;
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(container.querySelector(`#${dialog.getAttribute('aria-labelledby')}`)?.textContent).toBe(STRINGS.dialog);
    expect(frame.getAttribute('title')).toBe(STRINGS.frameTitle);
    expect(frame.getAttribute('src')).toBe('chrome-extension://abc/compose.html?embed=1');
    click(container.querySelector('.close')!);
    expect(handlers.onClose).toHaveBeenCalledTimes(1);
    view.closeDialog();
    expect(view.dialogOpen).toBe(false);
    expect(container.querySelector('[role="dialog"]')).toBeNull();
  });

  it('follows a language change', () => {
    const { container, view } = setup();
    view.openDialog('chrome-extension://abc/compose.html');
    view.setStrings({ offer: 'Publier ailleurs', dialog: 'Sortie : publier', frameTitle: 'Éditeur', close: 'Fermer' });
    expect(container.querySelector('.offer button')?.textContent).toBe('Publier ailleurs');
    expect(container.querySelector('.close')?.textContent).toBe('Fermer');
    expect(container.querySelector('iframe')?.getAttribute('title')).toBe('Éditeur');
  });
});
