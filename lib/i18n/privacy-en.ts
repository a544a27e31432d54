/** Texts of the privacy page: export, import and wipe (spread into en.ts). */
export const privacyEn = {
  'privacy.title': 'Privacy and your data',
  'privacy.intro':
    'Sortie has no server of its own. It collects nothing about you: no analytics, no error reports, no remote configuration. What it keeps stays in this browser.',
  'privacy.hosts.title': 'Who Sortie talks to, and why',
  'privacy.hosts.mastodon':
    "Your Mastodon servers: to sign you in (on the server's own page), read its limits and which software it runs (its nodeinfo), publish your posts and images, look up the people you mention, and revoke Sortie's access when you disconnect — where the server allows it; when it does not, Sortie tells you and links to the page where you can remove it.",
  'privacy.hosts.bluesky':
    'Your Bluesky hosting provider (PDS) and the sign-in entryway (bsky.social unless you typed another): to sign in with an app password, keep the session alive, publish your posts and images, and end the session when you disconnect.',
  'privacy.hosts.linkCards':
    'Pages you share: when a post contains a link, Sortie reads that page (and its preview image) once, to make the link card Bluesky shows.',
  'privacy.hosts.mirrors':
    'The X mirrors you allow: a small health check now and then, to know which one works. X links you open are sent there by the browser itself.',
  'privacy.hosts.nothingElse':
    "Nothing else: no Sortie server, no analytics, no error reporting, no remote configuration. Sortie's tests check that its code names no other host.",
  'privacy.stored.title': 'What is stored, and where',
  'privacy.stored.indexedDb':
    "In the extension's database in this browser (IndexedDB), which only Sortie's own pages can open: your connected accounts and their sessions (a Mastodon access token, a Bluesky session, never your password), your settings, drafts and their images, the queue of posts to send and the history of sent posts, the mirrors you added and how they respond, and counters of your progress.",
  'privacy.stored.local':
    "In the extension's local storage: the few harmless settings the scripts running on web pages need (language, whether the x.com overlay is on, which mirror links go to). No account, no token.",
  'privacy.stored.sync': 'Nothing is synced to your browser account, and nothing is handed to the pages you visit.',
  'privacy.kept.title': 'For how long',
  'privacy.kept.accounts':
    'Accounts and sessions: until you disconnect them or delete everything. Disconnecting also ends the session on the server.',
  'privacy.kept.drafts': 'Drafts and their images: until you post or delete them, or delete everything.',
  'privacy.kept.history': 'Queued posts and the history of sent posts: until you delete everything.',
  'privacy.kept.mirrors': 'Mirror health: replaced by each new check.',
  'privacy.export.title': 'Export',
  'privacy.export.intro':
    'One JSON file with your settings, accounts, drafts, queued and sent posts, and the mirrors you added. Images come along up to 20 MB in all.',
  'privacy.export.withTokens': 'Include sign-in tokens, encrypted with a passphrase',
  'privacy.export.withTokensHint':
    'Without a passphrase the file holds no token, imported accounts must be reconnected, and everything else in it can be read by anyone who gets the file. With one, the whole file is encrypted (AES-GCM with a key made from your passphrase): without the passphrase nobody can read it, not even you.',
  'privacy.export.passphrase': 'Passphrase (at least {min} characters)',
  'privacy.export.confirm': 'Passphrase again',
  'privacy.export.contents': 'What the file will hold:',
  'privacy.export.contents.settings': 'Your settings.',
  'privacy.export.contents.accounts':
    'Accounts: {n}, without their sign-in tokens (you will reconnect them after an import).',
  'privacy.export.contents.accountsTokens': 'Accounts: {n}, with their sign-in tokens.',
  'privacy.export.contents.drafts': 'Drafts: {n}.',
  'privacy.export.contents.unsent': 'Posts not sent yet: {n} (an import holds them until you press Send).',
  'privacy.export.contents.sent': 'Sent posts (history): {n}.',
  'privacy.export.contents.follows':
    'Follow bridge: {n} X accounts you collected, {matched} of them with accounts found elsewhere.',
  'privacy.export.contents.mirrors': 'Mirrors you added: {n} (an import adds them turned off).',
  'privacy.export.contents.clear': 'No passphrase: the file is not encrypted. Anyone who gets it can read all of this.',
  'privacy.export.contents.sealed':
    'With a passphrase the whole file is encrypted: without it, the file says only that it is a Sortie backup.',
  'privacy.export.submit': 'Export to a file',
  'privacy.export.busy': 'Exporting…',
  'privacy.export.mismatch': 'The two passphrases differ.',
  'privacy.export.tooShort': 'The passphrase needs at least {min} characters.',
  'privacy.export.done':
    'Saved {file}. Accounts: {accounts}, drafts: {drafts}, posts: {posts}, tokens included: {tokens}.',
  'privacy.export.yes': 'yes',
  'privacy.export.no': 'no',
  'privacy.export.mediaLeftOut': 'Images left out because the file would be too large: {n}.',
  'privacy.import.title': 'Import',
  'privacy.import.intro':
    'Adds a Sortie export to what is already here. Nothing is deleted, and whatever you changed here after the export was made stays as it is.',
  'privacy.import.file': 'Backup file',
  'privacy.import.passphrase': 'Passphrase (if the export has one)',
  'privacy.import.submit': 'Import',
  'privacy.import.busy': 'Importing…',
  'privacy.import.noFile': 'Choose a backup file first.',
  'privacy.import.done': 'Imported. Added: {added}, updated: {updated}, already here and kept: {kept}.',
  'privacy.import.settingsKept': "This browser's own settings were kept.",
  'privacy.import.reconnect': 'Reconnect these accounts to post with them: {handles}.',
  'privacy.import.mediaMissing': 'Images that were not in the file: {n}. Posts that use them will say so.',
  'privacy.import.held':
    'Posts not sent yet: {n} (scheduled: {scheduled}). They are held and nothing was sent: a file cannot say whether you still want them out. Send or delete each one in the queue.',
  'privacy.import.mirrorsOff':
    'Mirrors added turned off: {n}. A backup file must not decide where your X links go: turn them on under Links if you trust them.',
  'privacy.import.pinDropped':
    'The file preferred a mirror that is not built into Sortie: that preference was not restored.',
  'privacy.wipe.title': 'Delete everything',
  'privacy.wipe.intro':
    'Signs your accounts out on their servers, then deletes every byte Sortie stored in this browser. Sortie then starts over as if just installed.',
  'privacy.wipe.open': 'Delete everything Sortie stored…',
  'privacy.wipe.confirmTitle': 'Delete everything?',
  'privacy.wipe.pending': 'These posts are still waiting to be sent and will be lost:',
  'privacy.wipe.noPending': 'No post is waiting to be sent.',
  'privacy.wipe.loading': 'Looking for posts still waiting…',
  'privacy.wipe.signOut': "Also sign out on the servers (revoke Sortie's access)",
  'privacy.wipe.signOutHint':
    'Leave this on, unless you moved your accounts to another browser with an encrypted export: both browsers share the same sessions, so signing out here signs that one out too.',
  'privacy.wipe.confirm': 'Delete everything',
  'privacy.wipe.cancel': 'Cancel',
  'privacy.wipe.busy': 'Deleting…',
  'privacy.wipe.done': 'Everything Sortie stored in this browser was deleted.',
  'privacy.wipe.revoked': 'Accounts signed out on their server: {n}.',
  'privacy.wipe.failed':
    "Sortie's access could not be revoked on the server for {handles}: it may still work there. Remove Sortie from the authorised apps on each server:",
} as const;

export type PrivacyKey = keyof typeof privacyEn;
