/** English texts of running an X archive import: what can go wrong, tweet by tweet (spread into en.ts). */
export const archiveRunEn = {
  'error.archive.notFound': 'This import is no longer here.',
  'error.archive.fileMissing':
    'The archive file of this import is no longer stored: pick it again to start a new import.',
  'error.archive.alreadyStarted': 'This import has already started.',
  'error.archive.mediaMissing': 'A photo of this post is not in the archive ({detail}); the post went without it.',
  'error.archive.mediaUnreadable': 'A photo of this post could not be read ({detail}); the post went without it.',
  'error.archive.cancelled': 'This post was cancelled before it was sent.',
  'error.archive.threadStopped':
    'An earlier post of this thread was not sent, so this one waits: retry that one from the queue.',
  'error.archive.mirrorFailed':
    'The mirror did not answer ({detail}). The lookup stopped there and counted no account as not found: try again later, or choose another mirror in the options.',
  'error.archive.noMirror': 'Looking X accounts up needs a Nitter mirror that is on in your link settings: {detail}',
  'error.archive.notOwnPost': 'Sortie deletes only posts of the signed-in account: {detail}',
} as const;
