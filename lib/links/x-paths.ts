/**
 * The hosts and path words that make up X's URL space. The URL parser
 * (x-url.ts) and the redirect-rule compiler (dnr.ts) both read these tables,
 * so a page X adds is taught to both at once.
 */

/** Hosts serving X's own pages (the web app). */
export const X_APP_HOSTS: readonly string[] = [
  'x.com',
  'twitter.com',
  'www.x.com',
  'www.twitter.com',
  'mobile.x.com',
  'mobile.twitter.com',
  'm.twitter.com',
];

/**
 * Embed-fixer services (FxEmbed/FixTweet, BetterTwitFix/vxTwitter and their
 * joke domains). They mirror X's path layout, and send browsers on to X, so
 * their links are X links in disguise.
 */
export const FIXER_HOSTS: readonly string[] = [
  'fxtwitter.com',
  'fixupx.com',
  'twittpr.com',
  'vxtwitter.com',
  'fixvx.com',
  'girlcockx.com',
  'stupidpenisx.com',
  'pxtwitter.com',
];

/** Fixers serve direct media and mosaics from these subdomains, with the same paths. */
export const FIXER_SUBDOMAINS: readonly string[] = ['d', 'dl', 'm', 'www'];

export const TCO_HOST = 't.co';
export const PIC_HOSTS: readonly string[] = ['pic.twitter.com', 'pic.x.com'];
export const MEDIA_HOSTS: readonly string[] = ['pbs.twimg.com', 'video.twimg.com'];
export const EMBED_HOSTS: readonly string[] = ['platform.twitter.com', 'platform.x.com'];
export const SYNDICATION_HOSTS: readonly string[] = [
  'syndication.twitter.com',
  'syndication.x.com',
  'cdn.syndication.twimg.com',
];

/**
 * First path segments of X's account pages: signing in, settings, inbox,
 * composing. A mirror cannot show them, and a person leaving X still needs
 * them (to export data, deactivate, read old DMs), so they are never redirected.
 */
export const ACCOUNT_TOP: readonly string[] = [
  'login',
  'logout',
  'signup',
  'settings',
  'account',
  'messages',
  'notifications',
  'compose',
  'oauth',
  'oauth2',
  'follow_requests',
  'sessions',
];

/** Second segments under `/i/` that are account pages. */
export const ACCOUNT_UNDER_I: readonly string[] = [
  'flow',
  'oauth2',
  'bookmarks',
  'account_access',
  'verified-choose',
  'verified-orgs-signup',
  'premium_sign_up',
  'premium',
  'keyboard_shortcuts',
  'display',
  'grok',
  'jf',
  'connect_people',
  'chat',
  'notifications',
  'delegate',
  'monetization',
];

/**
 * First segments that are never usernames and that no mirror shows. The
 * username-shaped redirect rules would otherwise catch `/explore`, `/tos`...
 */
export const RESERVED_TOP: readonly string[] = [
  'i',
  'intent',
  'share',
  'search',
  'hashtag',
  'home',
  'explore',
  'statuses',
  'tos',
  'privacy',
  'rules',
  'about',
  'jobs',
  'download',
  'help',
  'en',
  'who_to_follow',
  'lists',
  'topics',
  'widgets',
  'welcome',
];

/** Profile tabs Nitter shows as such; every other known tab falls back to the profile. */
export const MIRRORED_TABS: readonly string[] = ['with_replies', 'media'];

/** Profile tabs X has that mirrors do not (they land on the profile itself). */
export const OTHER_TABS: readonly string[] = [
  'likes',
  'highlights',
  'articles',
  'followers',
  'following',
  'verified_followers',
  'followers_you_follow',
  'affiliates',
  'superfollows',
  'subscriptions',
  'creator-subscriptions',
  'communities',
  'photo',
  'header_photo',
];
