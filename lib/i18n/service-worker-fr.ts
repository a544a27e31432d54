import type { ServiceWorkerTextKey } from './service-worker-en.ts';

/** Textes du service worker (voir service-worker-en.ts). */
export const serviceWorkerFr: Record<ServiceWorkerTextKey, string> = {
  'overlay.offer': 'Publier plutôt sur Mastodon et Bluesky',
  'overlay.dialog': 'Sortie\u00a0: publier sur Mastodon et Bluesky',
  'overlay.frameTitle': 'Éditeur de Sortie',
  'overlay.close': 'Fermer',
  'menu.sharePage': 'Partager cette page avec Sortie',
  'menu.shareSelection': 'Partager cette sélection avec Sortie',
  'menu.shareLink': 'Partager ce lien avec Sortie',
  'menu.shareImage': 'Partager cette image avec Sortie',
  'bridge.panel.title': 'Sortie · passerelle d’abonnements',
  'bridge.panel.count': '{n} comptes lus sur cette page.',
  'bridge.panel.autoScroll': 'Faire défiler pour moi',
  'bridge.panel.stop': 'Arrêter',
  'bridge.panel.resume': 'Reprendre le défilement',
  'bridge.panel.done': 'Fin de la liste.',
  'bridge.panel.open': 'Voir les correspondances',
  'bridge.panel.hide': 'Masquer et arrêter la lecture',
};
