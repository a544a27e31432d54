/**
 * The few texts the service worker itself shows (context menu titles, the
 * x.com overlay's and the follow panel's strings, handed to content scripts).
 * Kept apart so the worker does not load the whole UI dictionary on every
 * wake, and waking happens again and again; en.ts includes them, so each
 * text has one home.
 */
export const serviceWorkerEn = {
  'overlay.offer': 'Post to Mastodon & Bluesky instead',
  'overlay.dialog': 'Sortie: post to Mastodon & Bluesky',
  'overlay.frameTitle': 'Sortie composer',
  'overlay.close': 'Close',
  'menu.sharePage': 'Share this page with Sortie',
  'menu.shareSelection': 'Share this selection with Sortie',
  'menu.shareLink': 'Share this link with Sortie',
  'menu.shareImage': 'Share this image with Sortie',
  'bridge.panel.title': 'Sortie · follow bridge',
  'bridge.panel.count': '{n} accounts read on this page.',
  'bridge.panel.autoScroll': 'Scroll for me',
  'bridge.panel.stop': 'Stop',
  'bridge.panel.resume': 'Resume scrolling',
  'bridge.panel.done': 'End of the list.',
  'bridge.panel.open': 'See matches',
  'bridge.panel.hide': 'Hide and stop reading',
} as const;

export type ServiceWorkerTextKey = keyof typeof serviceWorkerEn;
