import type { MessageKey } from './en.ts';

/** Texte français de l'interface. Mêmes clés que en.ts. */
export const fr: Record<MessageKey, string> = {
  'app.name': 'Sortie',
  'app.tagline': 'Quitter X sans se taire.',

  'nav.compose': 'Rédiger',
  'nav.options': 'Options',
  'nav.queue': 'File d\u2019attente',

  'lang.label': 'Langue',
  'lang.auto': 'Comme le navigateur',
  'lang.en': 'English',
  'lang.fr': 'Français',

  'theme.label': 'Thème',
  'theme.auto': 'Comme le système',
  'theme.light': 'Clair',
  'theme.dark': 'Sombre',

  'popup.title': 'Sortie',
  'popup.openCompose': 'Ouvrir l\u2019éditeur dans un onglet',
  'popup.openOptions': 'Options et comptes',
  'popup.noAccounts': 'Aucun compte connecté pour l\u2019instant.',
  'popup.connect': 'Connecter Mastodon ou Bluesky',

  'options.title': 'Options de Sortie',
  'options.accounts': 'Comptes connectés',
  'options.noAccounts': 'Aucun compte connecté. Connectez Mastodon ou Bluesky pour publier.',
  'options.settings': 'Réglages',
  'options.links': 'Lire les liens X',
  'options.links.redirect': 'Ouvrir les liens X sur un miroir lisible sans compte',
  'options.links.keepXUsable': 'J\u2019utilise encore X\u00a0: garder x.com utilisable, n\u2019envoyer aux miroirs que les liens venant d\u2019autres sites',
  'options.links.subFrames': 'Rediriger aussi les cadres X intégrés aux pages',
  'options.links.rewriteInPages': 'Réécrire les liens X dans les pages que j\u2019autorise',
  'options.links.replaceEmbeds': 'Remplacer les tweets intégrés par un simple lien',
  'options.share': 'Partage',
  'options.share.takeover': 'Les boutons «\u00a0Partager sur X\u00a0» ouvrent l\u2019éditeur de Sortie',
  'options.x.overlay': 'Sur x.com, proposer de publier plutôt sur Mastodon et Bluesky',
  'options.x.postButton': 'Le bouton Poster de X envoie vers Sortie au lieu de X',
  'options.saved': 'Enregistré.',
  'options.account.disconnect': 'Déconnecter {handle}',
  'options.account.reconnect': 'Reconnexion nécessaire',
  'options.account.ok': 'Connecté',

  'compose.title': 'Rédiger',
  'compose.text': 'Que voulez-vous dire\u00a0?',
  'compose.post': 'Publier',
  'compose.noAccounts': 'Connectez un compte dans les options pour publier.',

  'placeholder.issue': 'Bientôt\u00a0: {feature}.',

  'firstRun.title': 'Bienvenue dans Sortie',
  'firstRun.leaving': 'Je quitte X\u00a0: envoyer tous les liens X vers un miroir',
  'firstRun.stillUsing': 'J\u2019utilise encore X\u00a0: garder x.com, envoyer vers les miroirs les liens venant d\u2019autres sites',

  'error.generic': 'Un problème est survenu\u00a0: {detail}',
  'error.forbiddenSender': 'Cette action n\u2019est possible que depuis les pages de Sortie.',
  'error.invalidMessage': 'Sortie a reçu une demande mal formée.',
  'error.unknownMessage': 'Sortie ne connaît pas cette demande.',
  'error.accountGone': 'Le compte a été déconnecté avant l\u2019envoi de ce message.',
  'error.tooManyAttempts': 'Abandon après trop de tentatives.',
  'error.network': 'Le réseau est injoignable. Sortie réessaiera.',
  'error.rateLimited': 'Limité par le serveur jusqu\u2019à {time}.',
};
