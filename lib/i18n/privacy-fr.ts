import type { PrivacyKey } from './privacy-en.ts';

/** Textes de la page de confidentialité : export, import et effacement (repris dans fr.ts). */
export const privacyFr: Record<PrivacyKey, string> = {
  'privacy.title': 'Vie privée et données',
  'privacy.intro':
    'Sortie n\u2019a pas de serveur à lui. Il ne collecte rien sur vous\u00a0: ni statistiques d\u2019usage, ni rapports d\u2019erreur, ni configuration à distance. Ce qu\u2019il garde reste dans ce navigateur.',
  'privacy.hosts.title': 'À qui Sortie parle, et pourquoi',
  'privacy.hosts.mastodon':
    'Vos serveurs Mastodon : pour vous connecter (sur la page du serveur lui-même), lire ses limites et le logiciel qu’il utilise (son nodeinfo), publier vos messages et images, vérifier les personnes que vous mentionnez, et révoquer l’accès de Sortie quand vous déconnectez le compte — si le serveur le permet ; sinon, Sortie vous le dit et vous donne la page où le retirer.',
  'privacy.hosts.bluesky':
    'Votre hébergeur Bluesky (PDS) et le point de connexion (bsky.social sauf si vous en avez saisi un autre)\u00a0: pour vous connecter avec un mot de passe d\u2019application, garder la session ouverte, publier vos messages et images, et fermer la session quand vous déconnectez le compte.',
  'privacy.hosts.linkCards':
    'Les pages que vous partagez\u00a0: quand un message contient un lien, Sortie lit cette page (et son image d\u2019aperçu) une fois, pour faire la carte de lien que Bluesky affiche.',
  'privacy.hosts.mirrors':
    'Les miroirs de X que vous autorisez\u00a0: une petite vérification de temps en temps, pour savoir lequel fonctionne. Les liens X que vous ouvrez y sont envoyés par le navigateur lui-même.',
  'privacy.hosts.nothingElse':
    'Rien d\u2019autre\u00a0: pas de serveur Sortie, pas de statistiques, pas de rapports d\u2019erreur, pas de configuration à distance. Les tests de Sortie vérifient que son code ne nomme aucun autre hôte.',
  'privacy.stored.title': 'Ce qui est gardé, et où',
  'privacy.stored.indexedDb':
    'Dans la base de données de l\u2019extension dans ce navigateur (IndexedDB), que seules les pages de Sortie peuvent ouvrir\u00a0: vos comptes connectés et leurs sessions (un jeton d\u2019accès Mastodon, une session Bluesky, jamais votre mot de passe), vos réglages, vos brouillons et leurs images, la file des messages à envoyer et l\u2019historique des messages envoyés, les miroirs que vous avez ajoutés et leur état, et des compteurs de votre progression.',
  'privacy.stored.local':
    'Dans le stockage local de l\u2019extension\u00a0: les quelques réglages sans risque dont les scripts des pages web ont besoin (langue, surcouche x.com activée ou non, miroir vers lequel vont les liens). Aucun compte, aucun jeton.',
  'privacy.stored.sync':
    'Rien n\u2019est synchronisé avec votre compte de navigateur, et rien n\u2019est confié aux pages que vous visitez.',
  'privacy.kept.title': 'Pour combien de temps',
  'privacy.kept.accounts':
    'Comptes et sessions\u00a0: jusqu\u2019à ce que vous les déconnectiez ou effaciez tout. Déconnecter ferme aussi la session sur le serveur.',
  'privacy.kept.drafts':
    'Brouillons et leurs images\u00a0: jusqu\u2019à ce que vous les publiiez ou les supprimiez, ou effaciez tout.',
  'privacy.kept.history':
    'Messages en attente et historique des messages envoyés\u00a0: jusqu\u2019à ce que vous effaciez tout.',
  'privacy.kept.mirrors': 'État des miroirs\u00a0: remplacé à chaque nouvelle vérification.',
  'privacy.export.title': 'Exporter',
  'privacy.export.intro':
    'Un fichier JSON avec vos réglages, comptes, brouillons, messages en attente et envoyés, et les miroirs que vous avez ajoutés. Les images suivent, jusqu\u2019à 20 Mo en tout.',
  'privacy.export.withTokens': 'Inclure les jetons de connexion, chiffrés avec une phrase secrète',
  'privacy.export.withTokensHint':
    'Sans phrase secrète, le fichier ne contient aucun jeton, les comptes importés devront être reconnectés, et tout le reste peut être lu par quiconque obtient le fichier. Avec une phrase secrète, tout le fichier est chiffré (AES-GCM, avec une clé tirée de votre phrase)\u00a0: sans elle, personne ne peut le lire, pas même vous.',
  'privacy.export.passphrase': 'Phrase secrète (au moins {min} caractères)',
  'privacy.export.confirm': 'Phrase secrète, encore une fois',
  'privacy.export.contents': 'Ce que contiendra le fichier\u00a0:',
  'privacy.export.contents.settings': 'Vos réglages.',
  'privacy.export.contents.accounts':
    'Comptes\u00a0: {n}, sans leurs jetons de connexion (à reconnecter après un import).',
  'privacy.export.contents.accountsTokens': 'Comptes\u00a0: {n}, avec leurs jetons de connexion.',
  'privacy.export.contents.drafts': 'Brouillons\u00a0: {n}.',
  'privacy.export.contents.unsent':
    'Messages pas encore envoyés\u00a0: {n} (un import les retient jusqu\u2019à ce que vous appuyiez sur Envoyer).',
  'privacy.export.contents.sent': 'Messages envoyés (historique)\u00a0: {n}.',
  'privacy.export.contents.follows':
    'Passerelle d\u2019abonnements\u00a0: {n} comptes X collectés, dont {matched} avec des comptes trouvés ailleurs.',
  'privacy.export.contents.mirrors': 'Miroirs que vous avez ajoutés\u00a0: {n} (un import les ajoute désactivés).',
  'privacy.export.contents.clear':
    'Sans phrase secrète, le fichier n\u2019est pas chiffré\u00a0: quiconque l\u2019obtient peut lire tout cela.',
  'privacy.export.contents.sealed':
    'Avec une phrase secrète, tout le fichier est chiffré\u00a0: sans elle, il dit seulement qu\u2019il s\u2019agit d\u2019une sauvegarde Sortie.',
  'privacy.export.submit': 'Exporter dans un fichier',
  'privacy.export.busy': 'Export en cours…',
  'privacy.export.mismatch': 'Les deux phrases secrètes diffèrent.',
  'privacy.export.tooShort': 'La phrase secrète doit compter au moins {min} caractères.',
  'privacy.export.done':
    '{file} enregistré. Comptes\u00a0: {accounts}, brouillons\u00a0: {drafts}, messages\u00a0: {posts}, jetons inclus\u00a0: {tokens}.',
  'privacy.export.yes': 'oui',
  'privacy.export.no': 'non',
  'privacy.export.mediaLeftOut': 'Images laissées de côté car le fichier serait trop lourd\u00a0: {n}.',
  'privacy.import.title': 'Importer',
  'privacy.import.intro':
    'Ajoute un export de Sortie à ce qui est déjà là. Rien n\u2019est supprimé, et ce que vous avez modifié ici après l\u2019export reste tel quel.',
  'privacy.import.file': 'Fichier de sauvegarde',
  'privacy.import.passphrase': 'Phrase secrète (si l\u2019export en a une)',
  'privacy.import.submit': 'Importer',
  'privacy.import.busy': 'Import en cours…',
  'privacy.import.noFile': 'Choisissez d\u2019abord un fichier de sauvegarde.',
  'privacy.import.done':
    'Import terminé. Ajoutés\u00a0: {added}, mis à jour\u00a0: {updated}, déjà là et conservés\u00a0: {kept}.',
  'privacy.import.settingsKept': 'Les réglages de ce navigateur ont été conservés.',
  'privacy.import.reconnect': 'Reconnectez ces comptes pour publier avec eux\u00a0: {handles}.',
  'privacy.import.mediaMissing':
    'Images absentes du fichier\u00a0: {n}. Les messages qui les utilisent le signaleront.',
  'privacy.import.held':
    'Messages pas encore envoyés\u00a0: {n} (programmés\u00a0: {scheduled}). Ils sont retenus et rien n\u2019a été envoyé\u00a0: un fichier ne peut pas dire si vous voulez encore qu\u2019ils partent. Envoyez ou supprimez chacun dans la file d\u2019attente.',
  'privacy.import.mirrorsOff':
    'Miroirs ajoutés désactivés\u00a0: {n}. Un fichier de sauvegarde ne doit pas décider où vont vos liens X\u00a0: activez-les dans Liens si vous leur faites confiance.',
  'privacy.import.pinDropped':
    'Le fichier préférait un miroir qui n\u2019est pas intégré à Sortie\u00a0: cette préférence n\u2019a pas été restaurée.',
  'privacy.wipe.title': 'Tout effacer',
  'privacy.wipe.intro':
    'Déconnecte vos comptes sur leurs serveurs, puis efface chaque octet que Sortie a gardé dans ce navigateur. Sortie repart alors comme s\u2019il venait d\u2019être installé.',
  'privacy.wipe.open': 'Effacer tout ce que Sortie a gardé…',
  'privacy.wipe.confirmTitle': 'Tout effacer\u00a0?',
  'privacy.wipe.pending': 'Ces messages attendent encore d\u2019être envoyés et seront perdus\u00a0:',
  'privacy.wipe.noPending': 'Aucun message n\u2019attend d\u2019être envoyé.',
  'privacy.wipe.loading': 'Recherche des messages en attente…',
  'privacy.wipe.signOut': 'Se déconnecter aussi sur les serveurs (révoquer l\u2019accès de Sortie)',
  'privacy.wipe.signOutHint':
    'Laissez cette case cochée, sauf si vous avez transféré vos comptes vers un autre navigateur avec un export chiffré\u00a0: les deux navigateurs partagent les mêmes sessions, et se déconnecter ici déconnecte aussi l\u2019autre.',
  'privacy.wipe.confirm': 'Tout effacer',
  'privacy.wipe.cancel': 'Annuler',
  'privacy.wipe.busy': 'Effacement…',
  'privacy.wipe.done': 'Tout ce que Sortie avait gardé dans ce navigateur a été effacé.',
  'privacy.wipe.revoked': 'Comptes déconnectés sur leur serveur\u00a0: {n}.',
  'privacy.wipe.failed':
    'L’accès de Sortie n’a pas pu être révoqué sur le serveur pour {handles} : il peut y rester valable. Retirez Sortie des applications autorisées sur chaque serveur :',
};
