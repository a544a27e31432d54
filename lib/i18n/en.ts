import { archiveEn } from './archive-en.ts';
import { archiveRunEn } from './archive-run-en.ts';
import { bridgeEn } from './bridge-en.ts';
import { composeEn } from './compose-en.ts';
import { linksEn } from './links-en.ts';
import { privacyEn } from './privacy-en.ts';
import { serviceWorkerEn } from './service-worker-en.ts';
import { welcomeEn } from './welcome-en.ts';

/** English UI text. Keys are grouped by screen; every key must exist in fr.ts too (a test checks). */
export const en = {
  ...serviceWorkerEn,
  ...composeEn,
  ...linksEn,
  ...privacyEn,
  ...bridgeEn,
  ...welcomeEn,
  ...archiveEn,
  ...archiveRunEn,
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

  'popup.title': 'Post to Mastodon and Bluesky',
  'popup.openCompose': 'Open the composer in a tab',
  'popup.openOptions': 'Options and accounts',
  'popup.openBridge': 'Find your X follows elsewhere',
  'popup.noAccounts': 'No account connected yet.',
  'popup.connect': 'Connect Mastodon or Bluesky',

  'options.title': 'Options',
  'options.accounts': 'Connected accounts',
  'options.noAccounts': 'No account connected yet. Connect Mastodon or Bluesky to start posting.',
  'options.settings': 'Threads',
  'options.links': 'When X links open on a mirror',
  'options.links.redirect': 'Open X links on a mirror readable without an account',
  'options.links.keepXUsable': 'I still use X: keep x.com usable, send only links from other sites to mirrors',
  'options.links.subFrames': 'Also redirect X frames embedded in pages',
  'options.links.rewriteInPages': 'Rewrite X links inside the pages I allow',
  'options.links.replaceEmbeds': 'Replace embedded tweets with a plain link',
  'error.links.invalid-origin': '"{detail}" is not a web address.',
  'error.links.x-origin': 'A mirror cannot be X itself.',
  'error.links.duplicate': '{detail} is already in the list.',
  'error.links.invalid-templates': 'Give at least one path template with only its own placeholders, such as /{user}.',
  'error.links.unknownMirror': 'That mirror is not in the list any more.',
  'error.links.notXUrl': '"{detail}" is not an X address.',
  'options.share': 'What Sortie does about X',
  'options.share.takeover': '"Share on X" buttons open Sortie\'s composer',
  'options.x.overlay': 'On x.com, offer to post to Mastodon & Bluesky instead',
  'options.x.postButton': "X's Post button sends to Sortie instead of X",
  'options.saved': 'Saved.',
  'options.account.disconnect': 'Disconnect {handle}',
  'options.account.reconnect': 'Reconnect needed',
  'options.account.ok': 'Connected',
  'options.account.reconnectButton': 'Reconnect {handle}',
  'options.account.reconnectPassword': 'New app password for {handle}',
  'options.account.reconnectSubmit': 'Reconnect',
  'options.account.revoked': "{handle} is disconnected, and Sortie's access was revoked on the server.",
  'options.account.notRevoked.pasted':
    '{handle} is disconnected here, but Sortie cannot revoke a token you pasted: its access still works on the server until you remove it there.',
  'options.account.notRevoked.unsupported':
    "{handle} is disconnected here, but this server ({server}) gives apps no way to revoke their access: Sortie's access still works until you remove it there.",
  'options.account.notRevoked.failed':
    "{handle} is disconnected here, but revoking Sortie's access on the server failed ({detail}): it may still work until you remove it there.",
  'options.account.appsPage': 'Remove Sortie on {server}',

  'placeholder.issue': 'Coming soon: {feature}.',

  'error.generic': 'Something went wrong: {detail}',
  'error.forbiddenSender': "This action is only available from Sortie's own pages.",
  'error.invalidMessage': 'Sortie received a malformed request.',
  'error.unknownMessage': 'Sortie does not know this request.',
  'error.accountGone': 'The account was disconnected before this post could be sent.',
  'error.tooManyAttempts': 'Gave up after too many attempts.',
  'error.network': 'The network is unreachable. Sortie will try again.',
  'error.serverDown': 'The server is not answering properly ({detail}). Sortie will try again.',
  'error.serverUnreachable':
    'Cannot reach the server ({detail}). Your browser is online, so the server is probably down. Sortie will try again.',
  'notice.serverSlow': 'The server is slow to answer. Sortie keeps trying.',
  'error.answerTooLarge':
    'The server sent an answer far too large to be real (over 5 MB); Sortie stopped reading it and will try again.',
  'error.rateLimited': 'Rate limited by the server until {time}.',
  'connect.connecting': 'Connecting…',
  'connect.bluesky.title': 'Connect a Bluesky account',
  'connect.bluesky.identifier': 'Handle or email',
  'connect.bluesky.appPassword': 'App password',
  'connect.bluesky.appPasswordHint':
    'Create one in Bluesky: Settings → Privacy and security → App passwords. Sortie keeps the session, never the password.',
  'connect.bluesky.notAppPassword':
    'This does not look like an app password (xxxx-xxxx-xxxx-xxxx). Please use an app password, not your main password.',
  'connect.bluesky.selfHosted': 'Self-hosted account or other provider',
  'connect.bluesky.service': 'Hosting provider (PDS) address',
  'connect.bluesky.code': 'Code sent to your email',
  'connect.bluesky.submit': 'Connect Bluesky',
  'connect.mastodon.title': 'Connect a Mastodon account',
  'connect.mastodon.server': 'Your server',
  'connect.mastodon.serverHint':
    'For example mastodon.social, @you@piaille.fr or your profile link. Your server opens its own sign-in page.',
  'connect.mastodon.submit': 'Connect Mastodon',
  'connect.mastodon.tokenTitle': 'Older server? Paste an access token',
  'connect.mastodon.tokenHint':
    'In your server: Preferences → Development → New application. Scopes: read:accounts, write:statuses and write:media to post; read:search, read:follows and write:follows too for the follow bridge. Copy "Your access token".',
  'connect.mastodon.token': 'Access token',
  'connect.mastodon.tokenSubmit': 'Connect with this token',
  'error.blobTooLarge': 'An image is too large for the server, even after shrinking.',
  'error.bluesky.auth': 'Bluesky refused this account’s session: reconnect it in the options.',
  'error.bluesky.authFactorRequired': 'Bluesky sent a sign-in code to your email: enter it to continue.',
  'error.bluesky.badCredentials': 'Wrong handle or app password.',
  'error.bluesky.notPds': 'This address is not a Bluesky server (PDS). Check the hosting provider address.',
  'error.bluesky.unreachable':
    'This Bluesky server cannot be reached. Check the address and your connection, then try again.',
  'error.bluesky.serverDown': 'This Bluesky server is not answering properly ({detail}). Try again later.',
  'error.bluesky.badPostUri': 'This is not a Bluesky post address: {detail}',
  'error.bluesky.badRecordKey': 'Internal error: invalid record key ({detail}).',
  'error.bluesky.badReplyTarget': 'The post to reply to is not a Bluesky post address: {detail}',
  'error.bluesky.postNotFound': 'The Bluesky post to reply to was not found: {detail}',
  'error.bluesky.takedown': 'This Bluesky account has been suspended or taken down.',
  'error.bluesky.tooManyImages': 'Bluesky accepts at most 4 images per post.',
  'error.bluesky.validation': 'Bluesky refused the post: {detail}',
  'error.draftNotFound': 'This draft no longer exists.',
  'error.emptyPost': 'There is nothing to post yet.',
  'error.handleNotFound': 'This handle does not exist: {detail}',
  'error.jobNotEditable': 'Only a failed post can be edited.',
  'error.jobNotFound': 'This queued post no longer exists.',
  'error.jobNotHeld': 'This restored post is no longer waiting for your decision.',
  'error.mastodon.auth': 'Your Mastodon server refused the sign-in: reconnect the account.',
  'error.mastodon.cancelled': 'Sign-in cancelled.',
  'error.mastodon.earlierAttemptUnchecked':
    'An earlier attempt may already have posted this, and the server could not be asked yet. Sortie will check again before sending.',
  'error.mastodon.invalidSchedule': 'The scheduled time is not valid: {detail}',
  'error.mastodon.invalidServer': 'This does not look like a server address: {detail}',
  'error.mastodon.mediaTimeout': 'The server took too long to process an image.',
  'error.mastodon.notFound': 'Not found on the Mastodon server: {detail}',
  'error.mastodon.notMastodon': 'This server does not speak the Mastodon API.',
  'error.mastodon.permission': 'The server did not grant the permission to post.',
  'error.mastodon.replyTargetNotFound': 'Your server could not find the post to reply to: {detail}',
  'error.mastodon.replyToScheduled': 'A scheduled post cannot be replied to before it is published.',
  'error.mastodon.stateMismatch': 'The sign-in answer did not match the request; nothing was connected.',
  'error.mastodon.unreachable': 'The server cannot be reached. Check the address and your connection.',
  'error.mastodon.validation': 'Mastodon refused the post: {detail}',
  'error.mastodon.unexpectedAnswer':
    'Your server said yes but sent back no post ({detail}). Check your profile before trying again.',
  'error.mediaMissing': 'An image of this post is missing.',
  'error.noTargets': 'Choose at least one account to post to.',
  'notice.mastodon.quotesUnsupported': 'This server cannot restrict who quotes your post.',
  'notice.mastodon.publishedNow': 'Your server does not schedule posts: it published this one now.',
  'notice.mastodon.replyPolicyUnsupported':
    'Mastodon cannot limit replies to this choice; the post is still public to replies there.',
  'error.draftInvalid': 'This post cannot be sent as it is ({detail}).',
  'error.gatesNotEditable': 'Only a published first Bluesky post can have its reply and quote settings changed.',
  'notice.mastodon.visibilityChanged':
    'On Mastodon this post will be {visibility}, so that only those people can reply.',
  'error.backup.damaged': 'This backup file is damaged and cannot be read ({detail}). Nothing was changed.',
  'error.backup.notBackup': 'This file is not a Sortie backup. Nothing was changed.',
  'error.backup.newerVersion':
    'This backup was made by a newer version of Sortie (format {detail}). Update Sortie, then import it again. Nothing was changed.',
  'error.backup.wrongPassphrase': 'Wrong passphrase. Nothing was changed.',
  'error.backup.passphraseNeeded':
    'The sign-in tokens in this backup are encrypted: enter its passphrase to import it. Nothing was changed.',
  'error.backup.tooLarge': 'This file is too large to be a Sortie backup. Nothing was changed.',
  'options.account.defaultReply': 'Who can reply by default to {handle}',
  'options.account.defaultQuotes': 'Allow quotes by default ({handle})',
  'notice.scheduledLocally': 'Too close to its time for the server to schedule it: Sortie will send it at that time.',
  'options.threadRestUnlisted': 'Mastodon threads: first post public, the rest quiet public (unlisted)',
} as const;

export type MessageKey = keyof typeof en;
