import type { archiveRunEn } from './archive-run-en.ts';

/** Textes français de l'exécution d'un import d'archive X (intégrés à fr.ts). */
export const archiveRunFr: Record<keyof typeof archiveRunEn, string> = {
  'error.archive.notFound': 'Cet import n’existe plus.',
  'error.archive.fileMissing':
    'Le fichier d’archive de cet import n’est plus conservé : choisissez-le à nouveau pour lancer un nouvel import.',
  'error.archive.alreadyStarted': 'Cet import a déjà commencé.',
  'error.archive.mediaMissing':
    'Une photo de ce message manque dans l’archive ({detail}) ; le message est parti sans elle.',
  'error.archive.mediaUnreadable':
    'Une photo de ce message n’a pas pu être lue ({detail}) ; le message est parti sans elle.',
  'error.archive.cancelled': 'Ce message a été annulé avant son envoi.',
  'error.archive.threadStopped':
    'Un message précédent de ce fil n’est pas parti, celui-ci attend : relancez celui-là depuis la file d’attente.',
  'error.archive.mirrorFailed':
    'Le miroir n’a pas répondu ({detail}). La recherche s’est arrêtée là sans compter aucun compte comme introuvable : réessayez plus tard ou choisissez un autre miroir dans les options.',
  'error.archive.noMirror':
    'Retrouver des comptes X demande un miroir Nitter activé dans vos réglages de liens : {detail}',
  'error.archive.notOwnPost': 'Sortie ne supprime que les messages du compte connecté : {detail}',
};
