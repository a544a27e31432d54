/**
 * X URL shapes with the link each parses to and its Nitter rewrite. Shared by
 * the parser tests and the redirect-rule tests, which must agree with it.
 */
import type { MirrorForRewriting } from '../../../lib/links/mirrors';
import type { XLink } from '../../../lib/links/x-url';

export const N: MirrorForRewriting = { origin: 'https://nitter.example', scheme: 'nitter' };
export const M = N.origin;

/** [input, expected link (partial), expected Nitter rewrite or null] */
export type Row = [string, Partial<XLink> & { kind: XLink['kind'] }, string | null];

export const ROWS: Row[] = [
  // Profiles and tabs, every app host
  ['https://x.com/jack', { kind: 'profile', user: 'jack', tab: null }, `${M}/jack`],
  ['https://twitter.com/jack', { kind: 'profile', user: 'jack' }, `${M}/jack`],
  ['https://www.twitter.com/jack', { kind: 'profile', user: 'jack' }, `${M}/jack`],
  ['https://www.x.com/jack/', { kind: 'profile', user: 'jack' }, `${M}/jack`],
  ['https://mobile.twitter.com/jack', { kind: 'profile', user: 'jack' }, `${M}/jack`],
  ['https://mobile.x.com/Jack_Dorsey_2', { kind: 'profile', user: 'Jack_Dorsey_2' }, `${M}/Jack_Dorsey_2`],
  ['http://twitter.com/jack', { kind: 'profile', user: 'jack' }, `${M}/jack`],
  ['HTTPS://X.COM/jack', { kind: 'profile', user: 'jack' }, `${M}/jack`],
  ['https://x.com:443/jack', { kind: 'profile', user: 'jack' }, `${M}/jack`],
  ['https://x.com./jack', { kind: 'profile', user: 'jack' }, `${M}/jack`],
  ['https://x.com//jack//', { kind: 'profile', user: 'jack' }, `${M}/jack`],
  ['https://x.com/jack?lang=en&s=20', { kind: 'profile', user: 'jack' }, `${M}/jack`],
  ['https://x.com/jack#top', { kind: 'profile', user: 'jack' }, `${M}/jack`],
  ['https://x.com/jack/with_replies', { kind: 'profile', tab: 'with_replies' }, `${M}/jack/with_replies`],
  ['https://x.com/jack/media/', { kind: 'profile', tab: 'media' }, `${M}/jack/media`],
  ['https://x.com/jack/likes', { kind: 'profile', tab: 'likes' }, `${M}/jack`],
  ['https://x.com/jack/highlights', { kind: 'profile', tab: 'highlights' }, `${M}/jack`],
  ['https://x.com/jack/articles', { kind: 'profile', tab: 'articles' }, `${M}/jack`],
  ['https://x.com/jack/followers', { kind: 'profile', tab: 'followers' }, `${M}/jack`],
  ['https://twitter.com/jack/lists', { kind: 'profile', tab: 'lists' }, `${M}/jack`],
  ['https://twitter.com/#!/jack', { kind: 'profile', user: 'jack' }, `${M}/jack`],
  ['https://x.com/i/user/12', { kind: 'user-id', id: '12' }, `${M}/i/user/12`],

  // Statuses
  ['https://x.com/jack/status/20', { kind: 'status', user: 'jack', id: '20', media: null }, `${M}/jack/status/20`],
  ['https://twitter.com/jack/status/20?s=20&t=AbCdEf', { kind: 'status', id: '20' }, `${M}/jack/status/20`],
  [
    'https://twitter.com/jack/status/20?ref_src=twsrc%5Etfw%7Ctwcamp%5Etweetembed',
    { kind: 'status', id: '20' },
    `${M}/jack/status/20`,
  ],
  ['https://x.com/jack/status/20?cn=ZmxleGlibGU&refsrc=email', { kind: 'status', id: '20' }, `${M}/jack/status/20`],
  ['https://x.com/jack/status/20/', { kind: 'status', id: '20' }, `${M}/jack/status/20`],
  ['https://x.com/jack/statuses/20', { kind: 'status', user: 'jack', id: '20' }, `${M}/jack/status/20`],
  [
    'https://x.com/jack/status/20/photo/1',
    { kind: 'status', media: { type: 'photo', index: 1 } },
    `${M}/jack/status/20`,
  ],
  [
    'https://x.com/jack/status/20/video/2',
    { kind: 'status', media: { type: 'video', index: 2 } },
    `${M}/jack/status/20`,
  ],
  ['https://x.com/jack/status/20/analytics', { kind: 'status', media: null }, `${M}/jack/status/20`],
  [
    'https://twitter.com/i/web/status/1234567890123456789',
    { kind: 'status', user: null, id: '1234567890123456789' },
    `${M}/i/status/1234567890123456789`,
  ],
  ['https://mobile.twitter.com/i/web/status/20', { kind: 'status', user: null }, `${M}/i/status/20`],
  ['https://x.com/i/status/20', { kind: 'status', user: null, id: '20' }, `${M}/i/status/20`],
  ['https://x.com/i/status/20/photo/3', { kind: 'status', media: { type: 'photo', index: 3 } }, `${M}/i/status/20`],
  ['https://twitter.com/statuses/20', { kind: 'status', user: null, id: '20' }, `${M}/i/status/20`],
  ['https://twitter.com/#!/jack/status/20', { kind: 'status', user: 'jack', id: '20' }, `${M}/jack/status/20`],
  ['https://x.com/i/videos/tweet/20', { kind: 'status', id: '20' }, `${M}/i/status/20`],
  ['https://x.com/jack/status/notanumber', { kind: 'unknown' }, null],

  // Search and hashtags
  [
    'https://x.com/search?q=sortie&src=typed_query',
    { kind: 'search', q: 'sortie', f: null },
    `${M}/search?f=tweets&q=sortie`,
  ],
  [
    'https://x.com/search?q=hello%20world&f=live',
    { kind: 'search', q: 'hello world', f: 'live' },
    `${M}/search?f=tweets&q=hello%20world`,
  ],
  ['https://x.com/search?q=hello+world', { kind: 'search', q: 'hello world' }, `${M}/search?f=tweets&q=hello%20world`],
  [
    'https://x.com/search?q=%23caf%C3%A9%20from%3Ajack&f=top',
    { kind: 'search', q: '#café from:jack' },
    `${M}/search?f=tweets&q=%23caf%C3%A9%20from%3Ajack`,
  ],
  ['https://x.com/search?f=user&q=dorsey', { kind: 'search', f: 'user' }, `${M}/search?f=users&q=dorsey`],
  ['https://x.com/search?q=cats&f=media', { kind: 'search', f: 'media' }, `${M}/search?f=tweets&f-media=on&q=cats`],
  ['https://x.com/search', { kind: 'search', q: '' }, `${M}/search?f=tweets&q=`],
  [
    'https://x.com/hashtag/Sortie?src=hashtag_click',
    { kind: 'hashtag', tag: 'Sortie' },
    `${M}/search?f=tweets&q=%23Sortie`,
  ],
  [
    'https://twitter.com/hashtag/%E6%97%A5%E6%9C%AC',
    { kind: 'hashtag', tag: '日本' },
    `${M}/search?f=tweets&q=%23%E6%97%A5%E6%9C%AC`,
  ],
  ['https://x.com/hashtag/été', { kind: 'hashtag', tag: 'été' }, `${M}/search?f=tweets&q=%23%C3%A9t%C3%A9`],

  // Lists, articles, spaces, broadcasts, communities
  ['https://x.com/i/lists/123', { kind: 'list', ref: { id: '123' }, members: false }, `${M}/i/lists/123`],
  ['https://x.com/i/lists/123/members', { kind: 'list', members: true }, `${M}/i/lists/123/members`],
  [
    'https://twitter.com/jack/lists/cool-people',
    { kind: 'list', ref: { owner: 'jack', slug: 'cool-people' } },
    `${M}/jack/lists/cool-people`,
  ],
  ['https://x.com/jack/article/1888', { kind: 'article', id: '1888', user: 'jack' }, `${M}/i/article/1888`],
  ['https://x.com/i/article/1888', { kind: 'article', id: '1888', user: null }, `${M}/i/article/1888`],
  ['https://x.com/i/spaces/1yoJMWvAbCdKQ', { kind: 'space', id: '1yoJMWvAbCdKQ' }, `${M}/i/spaces/1yoJMWvAbCdKQ`],
  [
    'https://x.com/i/broadcasts/1mnGeRkAbCdJX',
    { kind: 'broadcast', id: '1mnGeRkAbCdJX' },
    `${M}/i/broadcasts/1mnGeRkAbCdJX`,
  ],
  [
    'https://x.com/i/communities/1500000000000000000',
    { kind: 'community', id: '1500000000000000000' },
    `${M}/i/communities/1500000000000000000`,
  ],

  // Short links, pictures, media, embeds
  ['https://t.co/AbC123xyz', { kind: 'tco', code: 'AbC123xyz' }, `${M}/t.co/AbC123xyz`],
  ['http://t.co/AbC123xyz?amp=1', { kind: 'tco', code: 'AbC123xyz' }, `${M}/t.co/AbC123xyz`],
  ['https://pic.twitter.com/AbCdEf1234', { kind: 'pic', code: 'AbCdEf1234' }, null],
  ['https://pic.x.com/AbCdEf1234', { kind: 'pic', code: 'AbCdEf1234' }, null],
  [
    'https://pbs.twimg.com/media/GabcDEF.jpg?format=jpg&name=small',
    { kind: 'media', host: 'pbs.twimg.com' },
    `${M}/pic/media%2FGabcDEF.jpg%3Fformat%3Djpg%26name%3Dsmall`,
  ],
  [
    'https://pbs.twimg.com/profile_images/1/abc_400x400.jpg',
    { kind: 'media', path: '/profile_images/1/abc_400x400.jpg' },
    `${M}/pic/profile_images%2F1%2Fabc_400x400.jpg`,
  ],
  [
    'https://pbs.twimg.com/media/GabcDEF?format=jpg&name=small',
    { kind: 'media', path: '/media/GabcDEF?format=jpg&name=small' },
    `${M}/pic/media%2FGabcDEF%3Fformat%3Djpg%26name%3Dsmall`,
  ],
  [
    'https://pbs.twimg.com/media/GabcDEF?name=orig',
    { kind: 'media', host: 'pbs.twimg.com' },
    `${M}/pic/media%2FGabcDEF%3Fname%3Dorig`,
  ],
  [
    'https://pbs.twimg.com/media/Gab_c-DEF.png',
    { kind: 'media', host: 'pbs.twimg.com' },
    `${M}/pic/media%2FGab_c-DEF.png`,
  ],
  [
    'https://pbs.twimg.com/profile_banners/12/1584998840/1500x500',
    { kind: 'media', path: '/profile_banners/12/1584998840/1500x500' },
    `${M}/pic/profile_banners%2F12%2F1584998840%2F1500x500`,
  ],
  [
    'https://pbs.twimg.com/ext_tw_video_thumb/1/pu/img/a.jpg',
    { kind: 'media', host: 'pbs.twimg.com' },
    `${M}/pic/ext_tw_video_thumb%2F1%2Fpu%2Fimg%2Fa.jpg`,
  ],
  ['https://video.twimg.com/ext_tw_video/1/pu/vid/720x1280/a.mp4', { kind: 'media', host: 'video.twimg.com' }, null],
  [
    'https://platform.twitter.com/embed/Tweet.html?dnt=false&id=20&lang=en',
    { kind: 'embed', id: '20' },
    `${M}/i/status/20`,
  ],
  ['https://cdn.syndication.twimg.com/tweet-result?id=20&lang=en', { kind: 'embed', id: '20' }, `${M}/i/status/20`],
  [
    'https://syndication.twitter.com/srv/timeline-profile/screen-name/jack?dnt=true',
    { kind: 'profile', user: 'jack' },
    `${M}/jack`,
  ],

  // Embed fixers
  ['https://fxtwitter.com/jack/status/20', { kind: 'status', user: 'jack', id: '20' }, `${M}/jack/status/20`],
  ['https://fixupx.com/jack/status/20/en', { kind: 'status', id: '20' }, `${M}/jack/status/20`],
  [
    'https://vxtwitter.com/jack/status/20/photo/1',
    { kind: 'status', media: { type: 'photo', index: 1 } },
    `${M}/jack/status/20`,
  ],
  ['https://fixvx.com/jack', { kind: 'profile', user: 'jack' }, `${M}/jack`],
  ['https://www.vxtwitter.com/jack/status/20', { kind: 'status', user: 'jack', id: '20' }, `${M}/jack/status/20`],
  ['https://fixvx.com/jack/status/20?s=20', { kind: 'status', id: '20' }, `${M}/jack/status/20`],
  ['https://www.fxtwitter.com/jack/with_replies', { kind: 'profile', tab: 'with_replies' }, `${M}/jack/with_replies`],
  ['https://twittpr.com/jack/status/20', { kind: 'status', id: '20' }, `${M}/jack/status/20`],
  ['https://d.fxtwitter.com/jack/status/20.mp4', { kind: 'status', id: '20' }, `${M}/jack/status/20`],
  ['https://girlcockx.com/jack/status/20', { kind: 'status', id: '20' }, `${M}/jack/status/20`],
  ['https://stupidpenisx.com/i/status/20', { kind: 'status', user: null }, `${M}/i/status/20`],

  // Intents: composing ones are the composer's; the rest lead somewhere readable
  [
    'https://twitter.com/intent/tweet?text=Hi&url=https%3A%2F%2Fa.example&hashtags=a,b&via=jack',
    { kind: 'intent', action: 'tweet', params: { text: 'Hi', url: 'https://a.example', hashtags: 'a,b', via: 'jack' } },
    null,
  ],
  ['https://x.com/intent/post?text=Hi', { kind: 'intent', action: 'post' }, null],
  [
    'https://twitter.com/share?url=https%3A%2F%2Fa.example&text=x',
    { kind: 'intent', action: 'share', params: { url: 'https://a.example', text: 'x' } },
    null,
  ],
  ['https://twitter.com/intent/follow?screen_name=jack', { kind: 'intent', action: 'follow' }, `${M}/jack`],
  ['https://twitter.com/intent/user?user_id=12', { kind: 'intent', action: 'user' }, `${M}/i/user/12`],
  ['https://twitter.com/intent/retweet?tweet_id=20', { kind: 'intent', action: 'retweet' }, `${M}/i/status/20`],
  ['https://twitter.com/intent/like?tweet_id=20', { kind: 'intent', action: 'like' }, `${M}/i/status/20`],
  ['https://twitter.com/intent/favorite?tweet_id=20', { kind: 'intent', action: 'like' }, `${M}/i/status/20`],

  // Home, account pages, the rest
  ['https://x.com', { kind: 'home' }, `${M}/`],
  ['https://x.com/home', { kind: 'home' }, `${M}/`],
  ['https://twitter.com/explore', { kind: 'home' }, `${M}/`],
  ['https://x.com/login', { kind: 'account', path: '/login' }, null],
  ['https://x.com/i/flow/login?redirect_after_login=%2Fjack', { kind: 'account', path: '/i/flow/login' }, null],
  ['https://x.com/settings/account', { kind: 'account' }, null],
  ['https://x.com/i/oauth2/authorize?client_id=x', { kind: 'account' }, null],
  ['https://x.com/account/access', { kind: 'account' }, null],
  ['https://x.com/i/bookmarks', { kind: 'account' }, null],
  ['https://x.com/messages/123-456', { kind: 'account' }, null],
  ['https://x.com/tos', { kind: 'unknown', path: '/tos' }, null],
  ['https://x.com/i/topics/123', { kind: 'unknown' }, null],
  ['https://x.com/jack/something/else', { kind: 'unknown' }, null],
];
