/**
 * Option "X's Post button sends to Sortie": X's Post button and its
 * Ctrl/Cmd+Enter shortcut open Sortie's composer instead of posting on X.
 * Listeners sit on the window in the capture phase, which runs before X's
 * React handlers (attached lower, on its root element), and stop the event
 * there: X's code never learns the button was pressed. Only the user's own
 * (trusted) clicks and keys are routed: a script's synthetic events go on to
 * X untouched, so X cannot probe for Sortie by seeing one cancelled.
 */
import type { PageConfig } from './page-config.ts';
import { composerOf, composerOfButton, POST_BUTTON_SELECTOR, type XComposer } from './composer-dom.ts';
import type { XFeature } from './features.ts';

export interface PostButtonDeps {
  doc: Document;
  config: () => PageConfig | null;
  open: (composer: XComposer) => void;
}

function elementOf(target: EventTarget | null): Element | null {
  return target !== null && typeof (target as Element).closest === 'function' ? (target as Element) : null;
}

export function postButtonFeature({ doc, config, open }: PostButtonDeps): XFeature {
  return {
    id: 'post-button-to-sortie',
    init({ signal }) {
      const win = doc.defaultView;
      if (win === null) return;

      const stop = (e: Event): void => {
        e.preventDefault();
        e.stopImmediatePropagation();
      };

      const onClick = (e: Event): void => {
        if (!e.isTrusted || !config()?.xPostButtonToSortie) return;
        const button = elementOf(e.target)?.closest(POST_BUTTON_SELECTOR);
        if (!button) return;
        stop(e);
        const composer = composerOfButton(doc, button);
        if (composer) open(composer);
      };

      const onKeyDown = (e: Event): void => {
        if (!e.isTrusted || !config()?.xPostButtonToSortie) return;
        const key = e as KeyboardEvent;
        const target = elementOf(e.target);
        if (target === null) return;
        const onButton = target.closest(POST_BUTTON_SELECTOR);
        // X posts on Ctrl/Cmd+Enter in its editor, and (older markup) on Enter/Space on a role=button div.
        const shortcut = key.key === 'Enter' && (key.ctrlKey || key.metaKey);
        const pressesButton =
          onButton !== null && (key.key === 'Enter' || key.key === ' ') && target.localName !== 'button';
        if (!shortcut && !pressesButton) return;
        const composer = onButton ? composerOfButton(doc, onButton) : composerOf(doc, target);
        if (composer === null) return;
        stop(e);
        open(composer);
      };

      win.addEventListener('click', onClick, { capture: true, signal });
      win.addEventListener('keydown', onKeyDown, { capture: true, signal });
    },
  };
}
