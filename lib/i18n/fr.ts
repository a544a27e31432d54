import type { MessageKey } from './en.ts';
import { archiveFr } from './archive-fr.ts';
import { archiveRunFr } from './archive-run-fr.ts';
import { bridgeFr } from './bridge-fr.ts';
import { composeFr } from './compose-fr.ts';
import { linksFr } from './links-fr.ts';
import { privacyFr } from './privacy-fr.ts';
import { serviceWorkerFr } from './service-worker-fr.ts';
import { welcomeFr } from './welcome-fr.ts';

/** Texte français de l'interface. Mêmes clés que en.ts. */
export const fr: Record<MessageKey, string> = {
  ...serviceWorkerFr,
  ...composeFr,
  ...linksFr,
  ...privacyFr,
  ...bridgeFr,
  ...welcomeFr,
  ...archiveFr,
  ...archiveRunFr,
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

  'popup.title': 'Publier sur Mastodon et Bluesky',
  'popup.openCompose': 'Ouvrir l\u2019éditeur dans un onglet',
  'popup.openOptions': 'Options et comptes',
  'popup.openBridge': 'Retrouver ailleurs vos abonnements X',
  'popup.noAccounts': 'Aucun compte connecté pour l\u2019instant.',
  'popup.connect': 'Connecter Mastodon ou Bluesky',

  'options.title': 'Réglages',
  'options.accounts': 'Comptes connectés',
  'options.noAccounts': 'Aucun compte connecté. Connectez Mastodon ou Bluesky pour publier.',
  'options.settings': 'Fils de messages',
  'options.links': 'Quand ouvrir les liens X sur un miroir',
  'options.links.redirect': 'Ouvrir les liens X sur un miroir lisible sans compte',
  'options.links.keepXUsable':
    'J\u2019utilise encore X\u00a0: garder x.com utilisable, n\u2019envoyer aux miroirs que les liens venant d\u2019autres sites',
  'options.links.subFrames': 'Rediriger aussi les cadres X intégrés aux pages',
  'options.links.rewriteInPages': 'Réécrire les liens X dans les pages que j\u2019autorise',
  'options.links.replaceEmbeds': 'Remplacer les tweets intégrés par un simple lien',
  'error.links.invalid-origin': '« {detail} » n’est pas une adresse web.',
  'error.links.x-origin': 'Un miroir ne peut pas être X lui-même.',
  'error.links.duplicate': '{detail} est déjà dans la liste.',
  'error.links.invalid-templates':
    'Indiquez au moins un modèle de chemin, avec seulement ses propres champs, comme /{user}.',
  'error.links.unknownMirror': 'Ce miroir n’est plus dans la liste.',
  'error.links.notXUrl': '« {detail} » n’est pas une adresse X.',
  'options.share': 'Ce que Sortie fait avec X',
  'options.share.takeover': 'Les boutons «\u00a0Partager sur X\u00a0» ouvrent l\u2019éditeur de Sortie',
  'options.x.overlay': 'Sur x.com, proposer de publier plutôt sur Mastodon et Bluesky',
  'options.x.postButton': 'Le bouton Poster de X envoie vers Sortie au lieu de X',
  'options.saved': 'Enregistré.',
  'options.account.disconnect': 'Déconnecter {handle}',
  'options.account.reconnect': 'Reconnexion nécessaire',
  'options.account.ok': 'Connecté',
  'options.account.reconnectButton': 'Reconnecter {handle}',
  'options.account.reconnectPassword': 'Nouveau mot de passe d’application pour {handle}',
  'options.account.reconnectSubmit': 'Reconnecter',
  'options.account.revoked': '{handle} est déconnecté·e, et l’accès de Sortie a été révoqué sur le serveur.',
  'options.account.notRevoked.pasted':
    '{handle} est déconnecté·e ici, mais Sortie ne peut pas révoquer un jeton que vous avez collé : son accès reste valable sur le serveur tant que vous ne l’y retirez pas.',
  'options.account.notRevoked.unsupported':
    '{handle} est déconnecté·e ici, mais ce serveur ({server}) ne permet pas aux applications de révoquer leur accès : celui de Sortie reste valable tant que vous ne l’y retirez pas.',
  'options.account.notRevoked.failed':
    '{handle} est déconnecté·e ici, mais la révocation de l’accès de Sortie sur le serveur a échoué ({detail}) : il peut rester valable tant que vous ne l’y retirez pas.',
  'options.account.appsPage': 'Retirer Sortie sur {server}',

  'placeholder.issue': 'Bientôt\u00a0: {feature}.',

  'error.generic': 'Un problème est survenu\u00a0: {detail}',
  'error.forbiddenSender': 'Cette action n\u2019est possible que depuis les pages de Sortie.',
  'error.invalidMessage': 'Sortie a reçu une demande mal formée.',
  'error.unknownMessage': 'Sortie ne connaît pas cette demande.',
  'error.accountGone': 'Le compte a été déconnecté avant l\u2019envoi de ce message.',
  'error.tooManyAttempts': 'Abandon après trop de tentatives.',
  'error.network': 'Le réseau est injoignable. Sortie réessaiera.',
  'error.serverDown': 'Le serveur ne répond pas correctement ({detail}). Sortie réessaiera.',
  'error.serverUnreachable':
    'Impossible de joindre le serveur ({detail}). Votre navigateur est en ligne : le serveur est sans doute en panne. Sortie réessaiera.',
  'notice.serverSlow': 'Le serveur tarde à répondre. Sortie continue d’essayer.',
  'error.answerTooLarge':
    'Le serveur a envoyé une réponse bien trop grosse pour être vraie (plus de 5 Mo) ; Sortie a cessé de la lire et réessaiera.',
  'error.rateLimited': 'Limité par le serveur jusqu\u2019à {time}.',
  'connect.connecting': 'Connexion…',
  'connect.bluesky.title': 'Connecter un compte Bluesky',
  'connect.bluesky.identifier': 'Identifiant ou adresse e-mail',
  'connect.bluesky.appPassword': 'Mot de passe d’application',
  'connect.bluesky.appPasswordHint':
    'À créer dans Bluesky : Paramètres → Confidentialité et sécurité → Mots de passe d’application. Sortie garde la session, jamais le mot de passe.',
  'connect.bluesky.notAppPassword':
    'Ceci ne ressemble pas à un mot de passe d’application (xxxx-xxxx-xxxx-xxxx). Utilisez un mot de passe d’application, pas votre mot de passe principal.',
  'connect.bluesky.selfHosted': 'Compte auto-hébergé ou autre hébergeur',
  'connect.bluesky.service': 'Adresse de l’hébergeur (PDS)',
  'connect.bluesky.code': 'Code reçu par e-mail',
  'connect.bluesky.submit': 'Connecter Bluesky',
  'connect.mastodon.title': 'Connecter un compte Mastodon',
  'connect.mastodon.server': 'Votre serveur',
  'connect.mastodon.serverHint':
    'Par exemple mastodon.social, @vous@piaille.fr ou le lien de votre profil. Votre serveur ouvre sa propre page de connexion.',
  'connect.mastodon.submit': 'Connecter Mastodon',
  'connect.mastodon.tokenTitle': 'Serveur ancien ? Collez un jeton d’accès',
  'connect.mastodon.tokenHint':
    'Sur votre serveur : Préférences → Développement → Nouvelle application, avec les autorisations write:statuses, write:media, read:accounts ; copiez « Votre jeton d’accès ».',
  'connect.mastodon.token': 'Jeton d’accès',
  'connect.mastodon.tokenSubmit': 'Connecter avec ce jeton',
  'error.blobTooLarge': 'Une image est trop lourde pour le serveur, même réduite.',
  'error.bluesky.auth': 'Bluesky a refusé la session de ce compte : reconnectez-le dans les options.',
  'error.bluesky.authFactorRequired': 'Bluesky a envoyé un code de connexion par e-mail : saisissez-le pour continuer.',
  'error.bluesky.badCredentials': 'Identifiant ou mot de passe d’application incorrect.',
  'error.bluesky.notPds':
    'Cette adresse n’est pas celle d’un serveur Bluesky (PDS). Vérifiez l’adresse de l’hébergeur.',
  'error.bluesky.unreachable':
    'Ce serveur Bluesky est injoignable. Vérifiez l’adresse et votre connexion, puis réessayez.',
  'error.bluesky.serverDown': 'Ce serveur Bluesky ne répond pas correctement ({detail}). Réessayez plus tard.',
  'error.bluesky.badPostUri': 'Ce n’est pas l’adresse d’un message Bluesky : {detail}',
  'error.bluesky.badRecordKey': 'Erreur interne : clé d’enregistrement invalide ({detail}).',
  'error.bluesky.badReplyTarget': 'Le message auquel répondre n’est pas une adresse Bluesky : {detail}',
  'error.bluesky.postNotFound': 'Le message Bluesky auquel répondre est introuvable : {detail}',
  'error.bluesky.takedown': 'Ce compte Bluesky a été suspendu ou retiré.',
  'error.bluesky.tooManyImages': 'Bluesky accepte au plus 4 images par message.',
  'error.bluesky.validation': 'Bluesky a refusé le message : {detail}',
  'error.draftNotFound': 'Ce brouillon n’existe plus.',
  'error.emptyPost': 'Il n’y a encore rien à publier.',
  'error.handleNotFound': 'Cet identifiant n’existe pas : {detail}',
  'error.jobNotEditable': 'Seul un message en échec peut être modifié.',
  'error.jobNotFound': 'Ce message en attente n’existe plus.',
  'error.jobNotHeld': 'Ce message restauré n’attend plus votre décision.',
  'error.mastodon.auth': 'Votre serveur Mastodon a refusé la connexion : reconnectez le compte.',
  'error.mastodon.cancelled': 'Connexion annulée.',
  'error.mastodon.earlierAttemptUnchecked':
    'Une tentative précédente a peut-être déjà publié ce message, et le serveur n’a pas encore pu être interrogé. Sortie vérifiera avant de renvoyer.',
  'error.mastodon.invalidSchedule': 'L’heure de programmation n’est pas valide : {detail}',
  'error.mastodon.invalidServer': 'Ceci ne ressemble pas à une adresse de serveur : {detail}',
  'error.mastodon.mediaTimeout': 'Le serveur a mis trop de temps à traiter une image.',
  'error.mastodon.notFound': 'Introuvable sur le serveur Mastodon : {detail}',
  'error.mastodon.notMastodon': 'Ce serveur ne parle pas l’API Mastodon.',
  'error.mastodon.permission': 'Le serveur n’a pas accordé le droit de publier.',
  'error.mastodon.replyTargetNotFound': 'Votre serveur ne trouve pas le message auquel répondre : {detail}',
  'error.mastodon.replyToScheduled': 'On ne peut pas répondre à un message programmé avant sa publication.',
  'error.mastodon.stateMismatch': 'La réponse de connexion ne correspond pas à la demande ; rien n’a été connecté.',
  'error.mastodon.unreachable': 'Le serveur est injoignable. Vérifiez l’adresse et votre connexion.',
  'error.mastodon.validation': 'Mastodon a refusé le message : {detail}',
  'error.mastodon.unexpectedAnswer':
    'Votre serveur a accepté mais n’a renvoyé aucun message ({detail}). Vérifiez votre profil avant de réessayer.',
  'error.mediaMissing': 'Une image de ce message a disparu.',
  'error.noTargets': 'Choisissez au moins un compte où publier.',
  'notice.mastodon.quotesUnsupported': 'Ce serveur ne sait pas limiter qui cite votre message.',
  'notice.mastodon.publishedNow': 'Votre serveur ne programme pas les messages : il a publié celui-ci tout de suite.',
  'notice.mastodon.replyPolicyUnsupported':
    'Mastodon ne peut pas limiter les réponses à ce choix ; là-bas, le message reste ouvert aux réponses.',
  'error.draftInvalid': 'Ce message ne peut pas partir tel quel ({detail}).',
  'error.gatesNotEditable': 'Seul un premier message Bluesky publié peut changer qui peut répondre ou citer.',
  'notice.mastodon.visibilityChanged':
    'Sur Mastodon, ce message sera en « {visibility} », pour que seules ces personnes puissent répondre.',
  'error.backup.damaged': 'Ce fichier de sauvegarde est abîmé et illisible ({detail}). Rien n\u2019a été modifié.',
  'error.backup.notBackup': 'Ce fichier n\u2019est pas une sauvegarde de Sortie. Rien n\u2019a été modifié.',
  'error.backup.newerVersion':
    'Cette sauvegarde vient d\u2019une version plus récente de Sortie (format {detail}). Mettez Sortie à jour, puis importez-la de nouveau. Rien n\u2019a été modifié.',
  'error.backup.wrongPassphrase': 'Phrase secrète incorrecte. Rien n\u2019a été modifié.',
  'error.backup.passphraseNeeded':
    'Les jetons de connexion de cette sauvegarde sont chiffrés\u00a0: saisissez sa phrase secrète pour l\u2019importer. Rien n\u2019a été modifié.',
  'error.backup.tooLarge': 'Ce fichier est trop gros pour être une sauvegarde de Sortie. Rien n\u2019a été modifié.',
  'options.account.defaultReply': 'Qui peut répondre par défaut à {handle}',
  'options.account.defaultQuotes': 'Autoriser les citations par défaut ({handle})',
  'notice.scheduledLocally':
    'Trop proche de son heure pour que le serveur le programme : Sortie l’enverra à cette heure-là.',
  'options.threadRestUnlisted': 'Fils Mastodon : premier message public, les suivants en public discret',
};
