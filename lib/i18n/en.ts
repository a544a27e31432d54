/** English UI text. Keys are grouped by screen; every key must exist in fr.ts too (a test checks). */
export const en = {
  'app.name': 'Sortie',
  'app.tagline': 'Leave X without going silent.',

  'nav.compose': 'Compose',
  'nav.options': 'Options',
  'nav.queue': 'Queue',

  'lang.label': 'Language',
  'lang.auto': 'Same as the browser',
  'lang.en': 'English',
  'lang.fr': 'Français',

  'theme.label': 'Theme',
  'theme.auto': 'Same as the system',
  'theme.light': 'Light',
  'theme.dark': 'Dark',

  'popup.title': 'Sortie',
  'popup.openCompose': 'Open the composer in a tab',
  'popup.openOptions': 'Options and accounts',
  'popup.noAccounts': 'No account connected yet.',
  'popup.connect': 'Connect Mastodon or Bluesky',

  'options.title': 'Sortie options',
  'options.accounts': 'Connected accounts',
  'options.noAccounts': 'No account connected yet. Connect Mastodon or Bluesky to start posting.',
  'options.settings': 'Settings',
  'options.links': 'Reading X links',
  'options.links.redirect': 'Open X links on a mirror readable without an account',
  'options.links.keepXUsable': 'I still use X: keep x.com usable, send only links from other sites to mirrors',
  'options.links.subFrames': 'Also redirect X frames embedded in pages',
  'options.links.rewriteInPages': 'Rewrite X links inside the pages I allow',
  'options.links.replaceEmbeds': 'Replace embedded tweets with a plain link',
  'options.share': 'Sharing',
  'options.share.takeover': '"Share on X" buttons open Sortie\'s composer',
  'options.x.overlay': 'On x.com, offer to post to Mastodon & Bluesky instead',
  'options.x.postButton': 'X\'s Post button sends to Sortie instead of X',
  'options.saved': 'Saved.',
  'options.account.disconnect': 'Disconnect {handle}',
  'options.account.reconnect': 'Reconnect needed',
  'options.account.ok': 'Connected',

  'compose.title': 'Compose',
  'compose.text': 'What do you want to say?',
  'compose.post': 'Post',
  'compose.noAccounts': 'Connect an account in the options to post.',

  'placeholder.issue': 'Coming soon: {feature}.',

  'firstRun.title': 'Welcome to Sortie',
  'firstRun.leaving': 'I am leaving X: send every X link to a mirror',
  'firstRun.stillUsing': 'I still use X: keep x.com working, send links from other sites to mirrors',

  'error.generic': 'Something went wrong: {detail}',
  'error.forbiddenSender': 'This action is only available from Sortie\'s own pages.',
  'error.invalidMessage': 'Sortie received a malformed request.',
  'error.unknownMessage': 'Sortie does not know this request.',
  'error.accountGone': 'The account was disconnected before this post could be sent.',
  'error.tooManyAttempts': 'Gave up after too many attempts.',
  'error.network': 'The network is unreachable. Sortie will try again.',
  'error.rateLimited': 'Rate limited by the server until {time}.',
} as const;

export type MessageKey = keyof typeof en;
