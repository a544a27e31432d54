/**
 * The few texts the x.com overlay shows. The background translates them into
 * the page config (lib/x/background/page-config.ts): the content script every
 * X tab loads then carries no dictionary at all.
 */
import type { Lang } from '../i18n/lang.ts';
import { translateForServiceWorker as translate } from '../i18n/service-worker-texts.ts';

export interface OverlayStrings {
  offer: string;
  dialog: string;
  frameTitle: string;
  close: string;
}

export function overlayStrings(lang: Lang): OverlayStrings {
  return {
    offer: translate(lang, 'overlay.offer'),
    dialog: translate(lang, 'overlay.dialog'),
    frameTitle: translate(lang, 'overlay.frameTitle'),
    close: translate(lang, 'overlay.close'),
  };
}
