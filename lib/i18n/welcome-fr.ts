import type { WelcomeKey } from './welcome-en.ts';

/** Textes de la page d’accueil, des sections des réglages et des titres de pages (repris dans fr.ts). */
export const welcomeFr: Record<WelcomeKey, string> = {
  'page.title': 'Sortie — {page}',

  'welcome.title': 'Bienvenue',
  'welcome.heading': 'Bienvenue dans Sortie',
  'welcome.steps': 'Étapes',
  'welcome.step.choice': '1. Votre choix',
  'welcome.step.connect': '2. Vos comptes',
  'welcome.step.try': '3. Essayer',
  'welcome.intro':
    'Sortie publie sur Mastodon et Bluesky en une fois, ouvre les liens X sur des miroirs lisibles sans compte, et vous aide à retrouver ailleurs les personnes que vous suivez.',
  'welcome.now':
    'Rien n’a changé sur x.com. Tant que vous n’avez pas répondu ci-dessous, seuls les liens X suivis depuis d’autres sites s’ouvrent sur un miroir (une copie de X lisible sans compte).',
  'welcome.question': 'Où en êtes-vous avec X\u00a0?',
  'welcome.leaving.label': 'Je quitte X',
  'welcome.leaving.links':
    'Tous les liens X s’ouvrent sur un miroir, même x.com tapé dans la barre d’adresse ou ouvert depuis un favori.',
  'welcome.leaving.overlay':
    'Si vous ouvrez encore l’éditeur de X, Sortie propose de publier plutôt sur Mastodon et Bluesky.',
  'welcome.staying.label': 'J’utilise encore X',
  'welcome.staying.links':
    'x.com reste utilisable\u00a0: ce que vous tapez, ouvrez depuis un favori ou cliquez sur X reste sur X. Les liens X suivis depuis d’autres sites s’ouvrent sur un miroir.',
  'welcome.staying.overlay':
    'Sur x.com, quand vous ouvrez l’éditeur de X, Sortie propose de publier le même texte sur Mastodon et Bluesky. Sortie ne publie jamais sur X.',
  'welcome.share':
    'Les boutons «\u00a0Partager sur X\u00a0» des sites ouvrent l’éditeur de Sortie (Mastodon et Bluesky) au lieu de X',
  'welcome.shareHint': 'Un réglage à part\u00a0: vous pouvez l’activer ou non quelle que soit votre réponse.',
  'welcome.confirm': 'Valider mon choix',
  'welcome.done.title': 'C’est fait. Voici ce que fait Sortie désormais\u00a0:',
  'welcome.done.share.on': 'Les boutons «\u00a0Partager sur X\u00a0» ouvrent l’éditeur de Sortie.',
  'welcome.done.share.off': 'Les boutons «\u00a0Partager sur X\u00a0» mènent toujours à X.',
  'welcome.done.later': 'Chacun de ces réglages se modifie ensuite dans les réglages de Sortie.',
  'welcome.done.change': 'Changer ma réponse',
  'welcome.openOptions': 'Ouvrir les réglages',
  'welcome.next.connect': 'Suivant\u00a0: connecter vos comptes',
  'welcome.connect.title': 'Connecter vos comptes',
  'welcome.connect.intro':
    'Connectez les comptes sur lesquels Sortie publiera. Mots de passe et jetons restent dans ce navigateur et ne partent que vers votre propre serveur.',
  'welcome.connect.servers':
    'Pas encore de compte Mastodon\u00a0? Ces serveurs francophones sont ouverts à toutes et tous (tout autre serveur Mastodon convient aussi)\u00a0:',
  'welcome.connect.connected': 'Connecté·es\u00a0: {handles}',
  'welcome.connect.none': 'Aucun compte connecté pour l’instant.',
  'welcome.next.try': 'Suivant\u00a0: essayer',
  'welcome.skip': 'Passer cette étape',
  'welcome.try.title': 'Essayer',
  'welcome.try.text':
    'Écrivez votre premier message\u00a0: Sortie l’envoie à chaque compte coché, en fil quand il est trop long pour un seul message.',
  'welcome.try.open': 'Ouvrir l’éditeur',
  'welcome.try.bridge': 'Retrouver les personnes que vous suivez sur X',

  'compose.storageDenied':
    'Sortie ne peut pas garder votre brouillon ici\u00a0: le navigateur refuse son stockage à ce cadre (souvent parce que les données des sites tiers sont bloquées sur ce site). Rien n’a été publié. Écrivez plutôt dans l’onglet de Sortie.',
  'compose.openInTab': 'Ouvrir l’éditeur de Sortie dans un onglet',

  'options.sections': 'Sections',
  'options.section.accounts': 'Comptes',
  'options.section.publishing': 'Publication',
  'options.section.links': 'Liens X',
  'options.section.leaving': 'Quitter X',
  'options.section.privacy': 'Vos données',
  'options.choice.current.undecided':
    'Vous n’avez pas encore répondu à la question d’accueil\u00a0: x.com n’est pas touché, seuls les liens X suivis depuis d’autres sites s’ouvrent sur un miroir.',
  'options.choice.current.leaving': 'Vous avez répondu «\u00a0Je quitte X\u00a0».',
  'options.choice.current.staying': 'Vous avez répondu «\u00a0J’utilise encore X\u00a0».',
  'options.choice.open': 'Ouvrir la page d’accueil',
  'options.account.reconnectAny': 'Reconnecter {handle}',
};
