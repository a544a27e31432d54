/** English texts of the welcome page, the options' sections, page titles and page shells (spread into en.ts). */
export const welcomeEn = {
  'page.title': 'Sortie — {page}',

  'welcome.title': 'Welcome',
  'welcome.heading': 'Welcome to Sortie',
  'welcome.steps': 'Steps',
  'welcome.step.choice': '1. Your choice',
  'welcome.step.connect': '2. Your accounts',
  'welcome.step.try': '3. Try it',
  'welcome.intro':
    'Sortie posts to Mastodon and Bluesky at once, opens X links on mirrors you can read without an account, and helps you find the people you follow elsewhere.',
  'welcome.now':
    'Nothing has changed on x.com. Until you answer below, only the X links you follow from other websites open on a mirror (a copy of X you can read without an account).',
  'welcome.question': 'Where are you with X?',
  'welcome.leaving.label': "I'm leaving X",
  'welcome.leaving.links':
    'Every X link opens on a mirror, even x.com typed in the address bar or opened from a bookmark.',
  'welcome.leaving.overlay': "If you still open X's composer, Sortie offers to post to Mastodon and Bluesky instead.",
  'welcome.staying.label': 'I still use X',
  'welcome.staying.links':
    'x.com stays usable: what you type, open from a bookmark or click on X stays on X. X links followed from other websites open on a mirror.',
  'welcome.staying.overlay':
    "On x.com, when you open X's composer, Sortie offers to post the same text to Mastodon and Bluesky. Sortie never posts on X.",
  'welcome.share': '“Share on X” buttons on websites open Sortie’s composer (Mastodon and Bluesky) instead of X',
  'welcome.shareHint': 'Its own switch: you can turn it on or off whatever you answer.',
  'welcome.confirm': 'Confirm my choice',
  'welcome.done.title': 'Done. Here is what Sortie does now:',
  'welcome.done.share.on': '“Share on X” buttons open Sortie’s composer.',
  'welcome.done.share.off': '“Share on X” buttons still go to X.',
  'welcome.done.later': 'You can change each of these later in the options.',
  'welcome.done.change': 'Change my answer',
  'welcome.openOptions': 'Open the options',
  'welcome.next.connect': 'Next: connect your accounts',
  'welcome.connect.title': 'Connect your accounts',
  'welcome.connect.intro':
    'Connect the accounts Sortie should post to. Passwords and tokens stay in this browser and are sent only to your own server.',
  'welcome.connect.servers':
    'No Mastodon account yet? These French-speaking servers are open to everyone (any other Mastodon server works too):',
  'welcome.connect.connected': 'Connected: {handles}',
  'welcome.connect.none': 'No account connected yet.',
  'welcome.next.try': 'Next: try it',
  'welcome.skip': 'Skip this step',
  'welcome.try.title': 'Try it',
  'welcome.try.text':
    'Write your first post: Sortie sends it to every account you tick, as a thread where it is too long for one post.',
  'welcome.try.open': 'Open the composer',
  'welcome.try.bridge': 'Find the people you follow on X',

  'compose.storageDenied':
    'Sortie cannot keep your draft here: the browser refuses this frame its storage (often because data of third-party sites is blocked on this site). Nothing was posted. Write in Sortie’s own tab instead.',
  'compose.openInTab': 'Open Sortie’s composer in a tab',

  'options.sections': 'Sections',
  'options.section.accounts': 'Accounts',
  'options.section.publishing': 'Publishing',
  'options.section.links': 'X links',
  'options.section.leaving': 'Leaving X',
  'options.section.privacy': 'Your data',
  'options.choice.current.undecided':
    'You have not answered the welcome question yet: x.com is left alone, only X links followed from other websites open on a mirror.',
  'options.choice.current.leaving': 'You answered “I’m leaving X”.',
  'options.choice.current.staying': 'You answered “I still use X”.',
  'options.choice.open': 'Open the welcome page',
  'options.account.reconnectAny': 'Reconnect {handle}',
} as const;

export type WelcomeKey = keyof typeof welcomeEn;
