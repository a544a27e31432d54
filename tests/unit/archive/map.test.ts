import { describe, expect, it } from 'vitest';
import { countBluesky } from '../../../lib/networks/bluesky/text/count.ts';
import { countMastodon } from '../../../lib/networks/mastodon/text/count.ts';
import { findTokens } from '../../../lib/compose/tokens.ts';
import { applyFilters, categorize, countTweets } from '../../../lib/archive/filters.ts';
import { dateLine, importCost, mapTweet, mapTweets, type MapContext } from '../../../lib/archive/map.ts';
import { DEFAULT_IMPORT_FILTERS, type ArchiveTweet } from '../../../lib/archive/model.ts';
import type { ArchiveMedia, ImportFilters } from '../../../lib/model/import.ts';
import { previewArchive } from '../../../lib/archive/preview.ts';
import { mapTargetFor, originalTweetLink } from '../../../lib/archive/targets.ts';
import { MENTION_BREAK } from '../../../lib/archive/text.ts';

const T0 = Date.UTC(2018, 9, 10, 20, 19, 24);

function tweet(over: Partial<ArchiveTweet> & { id: string }): ArchiveTweet {
  return {
    text: 'hello',
    createdAt: T0,
    lang: 'en',
    kind: 'post',
    inReplyToOwnId: null,
    inReplyTo: null,
    media: [],
    ...over,
  };
}

const photo = (n: number): ArchiveMedia => ({ entry: `data/tweets_media/1-p${n}.jpg`, type: 'photo', alt: '' });
const video: ArchiveMedia = { entry: 'data/tweets_media/1-v.mp4', type: 'video', alt: '' };

const bluesky: MapContext = {
  target: { network: 'bluesky', graphemeLimit: 300, byteLimit: 3000, maxImages: 4, video: false, videoSizeLimit: 0 },
  tweetLink: (id) => `https://nitter.example/me/status/${id}`,
  replyLink: (user, id) => `https://nitter.example/${user}/status/${id}`,
  sizeOf: () => 1000,
  lang: 'en',
  timeZone: 'UTC',
};
const mastodon: MapContext = {
  target: {
    network: 'mastodon',
    maxCharacters: 500,
    charactersReservedPerUrl: 23,
    maxMediaAttachments: 4,
    video: true,
    videoSizeLimit: 99 * 1024 * 1024,
  },
  tweetLink: bluesky.tweetLink,
  replyLink: bluesky.replyLink,
  sizeOf: () => 1000,
  lang: 'fr',
  timeZone: 'Europe/Paris',
};

describe('mapTweet', () => {
  it('Bluesky: original createdAt and langs, public, text as read', () => {
    const post = mapTweet(tweet({ id: '1', text: 'Bonjour 👋', lang: 'fr' }), null, bluesky);
    expect(post).toEqual({
      xId: '1',
      network: 'bluesky',
      replyToXId: null,
      parts: [{ text: 'Bonjour 👋', media: [] }],
      createdAt: '2018-10-10T20:19:24.000Z',
      langs: ['fr'],
      visibility: 'public',
      changes: [],
    });
  });

  it('an unknown language gives no langs', () => {
    expect(mapTweet(tweet({ id: '1', lang: 'und' }), null, bluesky).langs).toEqual([]);
  });

  it('Mastodon: unlisted, no backdating, the original date as first line in the user’s language', () => {
    const post = mapTweet(tweet({ id: '1', text: 'salut' }), null, mastodon);
    expect(post.createdAt).toBeNull();
    expect(post.visibility).toBe('unlisted');
    expect(post.parts[0]!.text).toBe('Publié sur X le 10 octobre 2018\nsalut');
  });

  it.each([
    ['en', 'UTC', T0, /^Posted on X on October 10, 2018$/],
    ['fr', 'UTC', T0, /^Publié sur X le 10 octobre 2018$/],
    // 23:30 UTC on 31 December is already New Year in Paris.
    ['fr', 'Europe/Paris', Date.UTC(2019, 11, 31, 23, 30), /^Publié sur X le 1(?:er)? janvier 2020$/],
    ['en', 'Not/AZone', T0, /^Posted on X on October 10, 2018$/],
  ] as const)('dateLine(%s, %s)', (lang, tz, at, line) => {
    expect(dateLine(at, lang, tz).replace(/[\u202f\u00a0]/g, ' ')).toMatch(line);
  });

  it('Mastodon: a thread’s later posts have no date line', () => {
    const post = mapTweet(tweet({ id: '2', kind: 'self-reply', inReplyToOwnId: '1' }), '1', mastodon);
    expect(post.parts[0]!.text).toBe('hello');
    expect(post.replyToXId).toBe('1');
  });

  it('too long for Bluesky: split with the composer’s splitter, media on the first part', () => {
    const text = `${'Une phrase assez longue pour remplir. '.repeat(12)}Fin 🏁`;
    const post = mapTweet(tweet({ id: '1', text, media: [photo(1), photo(2)] }), null, bluesky);
    expect(post.parts.length).toBeGreaterThan(1);
    expect(post.changes).toContain('split');
    expect(post.parts[0]!.media).toHaveLength(2);
    expect(post.parts.slice(1).every((p) => p.media.length === 0)).toBe(true);
    for (const p of post.parts) expect(countBluesky(p.text).over).toBe(false);
    expect(post.parts.map((p) => p.text).join(' ')).toBe(text);
  });

  it('Mastodon counts its own way (links as 23) and splits at its own limit', () => {
    const text = `${'mot '.repeat(150)}https://example.com/${'x'.repeat(200)}`;
    const post = mapTweet(tweet({ id: '1', text }), null, mastodon);
    for (const p of post.parts)
      expect(countMastodon(p.text, '', { maxCharacters: 500, charactersReservedPerUrl: 23 }).over).toBe(false);
  });

  const gif: ArchiveMedia = { entry: 'data/tweets_media/1-g.mp4', type: 'animated_gif', alt: '' };
  const blueskyVideo: MapContext = {
    ...bluesky,
    target: { ...bluesky.target, video: true, videoSizeLimit: 5 * 1024 * 1024 } as MapContext['target'],
  };
  const MB = 1024 * 1024;
  it.each<[string, MapContext, ArchiveMedia[], number, ArchiveMedia[], boolean]>([
    // name, context, tweet media, size of each file, attached, linked
    ['a video within the PDS limit is a video', blueskyVideo, [video], 4 * MB, [video], false],
    ['a video over the PDS limit is a link', blueskyVideo, [video], 6 * MB, [], true],
    ['a video of unknown size is tried as a video', blueskyVideo, [video], 0, [video], false],
    ['a GIF is a video, its alt text "GIF"', blueskyVideo, [gif], MB, [{ ...gif, alt: 'GIF' }], false],
    [
      'a GIF keeps the tweet’s own alt text',
      blueskyVideo,
      [{ ...gif, alt: 'a cat' }],
      MB,
      [{ ...gif, alt: 'a cat' }],
      false,
    ],
    ['a PDS that takes no video: a link', bluesky, [video], MB, [], true],
    ['two videos: a link, none attached', blueskyVideo, [video, gif], MB, [], true],
    ['a video beside photos: photos attached, the video a link', blueskyVideo, [photo(1), video], MB, [photo(1)], true],
    ['Mastodon within its limit: a video', mastodon, [gif], MB, [{ ...gif, alt: 'GIF' }], false],
    ['Mastodon over its limit: a link', mastodon, [video], 100 * MB, [], true],
  ])('%s', (_name, ctx, media, size, attached, linked) => {
    const post = mapTweet(tweet({ id: '9', text: 'clip', media }), '8', { ...ctx, sizeOf: () => size });
    expect(post.parts[0]!.media).toEqual(attached);
    expect(post.parts[0]!.text.endsWith('\n\nhttps://nitter.example/me/status/9')).toBe(linked);
    expect(post.changes.includes('video-as-link')).toBe(linked);
  });

  it('a reply to someone else opens with a link to the tweet it answers on the mirror, never a mention', () => {
    const reply = tweet({ id: '9', kind: 'reply', text: 'Agreed!', inReplyTo: { id: '77', screenName: 'someone' } });
    expect(mapTweet(reply, null, bluesky).parts[0]!.text).toBe('↩ https://nitter.example/someone/status/77\nAgreed!');
    const fr = mapTweet(reply, null, mastodon).parts[0]!.text.split('\n');
    expect(fr.slice(1)).toEqual(['↩ https://nitter.example/someone/status/77', 'Agreed!']);
    expect(findTokens(mapTweet(reply, null, bluesky).parts[0]!.text, 'bluesky').some((t) => t.kind === 'mention')).toBe(
      false,
    );
    const mediaOnly = tweet({ id: '9', kind: 'reply', text: '', inReplyTo: { id: '77', screenName: '' } });
    expect(
      mapTweet(mediaOnly, null, { ...bluesky, replyLink: (u, id) => originalTweetLink(u, id, null) }).parts[0]!.text,
    ).toBe('↩ https://x.com/i/web/status/77');
    expect(mapTweet(tweet({ id: '9', text: 'mine' }), null, bluesky).parts[0]!.text).toBe('mine');
  });

  it('a video on Bluesky (not uploaded) becomes a link to the original tweet; photos stay', () => {
    const post = mapTweet(tweet({ id: '9', text: 'clip', media: [video] }), null, bluesky);
    expect(post.parts[0]).toEqual({ text: 'clip\n\nhttps://nitter.example/me/status/9', media: [] });
    expect(post.changes).toEqual(['video-as-link']);
  });

  it('a video on Mastodon within its limit is attached; over it, a link', () => {
    expect(mapTweet(tweet({ id: '9', media: [video] }), '8', mastodon).parts[0]!.media).toEqual([video]);
    const big = { ...mastodon, sizeOf: () => 200 * 1024 * 1024 };
    const post = mapTweet(tweet({ id: '9', media: [video] }), '8', big);
    expect(post.parts[0]!.media).toEqual([]);
    expect(post.parts[0]!.text).toBe('hello\n\nhttps://nitter.example/me/status/9');
  });

  it('more photos than the server takes: the rest is a link', () => {
    const two = { ...mastodon, target: { ...mastodon.target, maxMediaAttachments: 2 } } as MapContext;
    const post = mapTweet(tweet({ id: '9', media: [photo(1), photo(2), photo(3)] }), '8', two);
    expect(post.parts[0]!.media).toHaveLength(2);
    expect(post.changes).toEqual(['media-as-link']);
  });

  it('a media-only tweet is one post with empty text', () => {
    expect(mapTweet(tweet({ id: '9', text: '', media: [photo(1)] }), null, bluesky).parts).toEqual([
      { text: '', media: [photo(1)] },
    ]);
  });

  it('neutralized mentions are not mentions on either network after mapping', () => {
    const text = `hi @${MENTION_BREAK}alice`;
    for (const ctx of [bluesky, mastodon]) {
      const post = mapTweet(tweet({ id: '1', text }), null, ctx);
      expect(findTokens(post.parts[0]!.text, ctx.target.network).filter((t) => t.kind === 'mention')).toEqual([]);
    }
  });

  it('cost: parts and media', () => {
    expect(importCost(mapTweet(tweet({ id: '1', media: [photo(1), photo(2)] }), null, bluesky))).toEqual({
      posts: 1,
      media: 2,
    });
  });
});

describe('threads', () => {
  const tweets = [
    tweet({ id: '1', text: 'one' }),
    tweet({ id: '2', kind: 'self-reply', inReplyToOwnId: '1', text: 'two' }),
    tweet({ id: '3', kind: 'self-reply', inReplyToOwnId: '2', text: 'three' }),
    tweet({ id: '5', kind: 'self-reply', inReplyToOwnId: '4', text: 'orphan (parent deleted)' }),
  ];
  it('rebuilds own threads from self-replies; an orphan stands alone', () => {
    expect(mapTweets(tweets, bluesky).map((p) => [p.xId, p.replyToXId])).toEqual([
      ['1', null],
      ['2', '1'],
      ['3', '2'],
      ['5', null],
    ]);
  });
  it('a self-reply whose parent is filtered out stands alone', () => {
    expect(mapTweets(tweets.slice(1), bluesky)[0]!.replyToXId).toBeNull();
  });
});

describe('filters and counts', () => {
  const y = (year: number) => Date.UTC(year, 5, 1);
  const tweets = [
    tweet({ id: '1', createdAt: y(2015) }),
    tweet({ id: '2', createdAt: y(2015), media: [photo(1)] }),
    tweet({ id: '3', createdAt: y(2016), kind: 'self-reply', inReplyToOwnId: '2' }),
    tweet({ id: '4', createdAt: y(2017), kind: 'reply' }),
    tweet({ id: '5', createdAt: y(2018), kind: 'retweet', media: [video] }),
  ];

  it('categorizes the first post of a thread as thread', () => {
    expect([...categorize(tweets).values()]).toEqual(['post', 'thread', 'thread', 'reply', 'retweet']);
  });

  it('counts by year, category and media', () => {
    expect(countTweets(tweets)).toEqual({
      total: 5,
      byYear: [
        [2015, 2],
        [2016, 1],
        [2017, 1],
        [2018, 1],
      ],
      byCategory: { post: 1, thread: 2, reply: 1, retweet: 1 },
      withMedia: 2,
      withoutMedia: 3,
      media: { photo: 1, video: 1, animated_gif: 0 },
    });
  });

  it.each<[string, Partial<ImportFilters>, string[]]>([
    ['defaults: no replies to others, no retweets', {}, ['1', '2', '3']],
    ['everything', { repliesToOthers: true, retweets: true }, ['1', '2', '3', '4', '5']],
    ['only threads', { ownPosts: false }, ['2', '3']],
    ['only 2015', { years: [2015] }, ['1', '2']],
    ['no media', { withMedia: false }, ['1', '3']],
    ['only media', { withoutMedia: false, retweets: true }, ['2', '5']],
    ['nothing', { ownPosts: false, ownThreads: false }, []],
  ])('%s', (_name, over, ids) => {
    expect(applyFilters(tweets, { ...DEFAULT_IMPORT_FILTERS, ...over }).map((t) => t.id)).toEqual(ids);
  });

  it('preview: counts, chosen and samples per target', () => {
    const preview = previewArchive(tweets, DEFAULT_IMPORT_FILTERS, [bluesky, mastodon]);
    expect(preview.all.total).toBe(5);
    expect(preview.selected.total).toBe(3);
    expect(preview.samples[0]).toMatchObject({ reason: 'thread', tweets: [{ id: '2' }, { id: '3' }] });
    expect(preview.samples[0]!.posts).toHaveLength(2);
    expect(preview.samples[0]!.posts[1]![1]!.replyToXId).toBe('2');
    expect(preview.samples.map((s) => s.reason)).toEqual(['thread', 'post']);
  });
});

describe('targets', () => {
  it.each([
    ['me_on_x', { origin: 'https://nitter.example', scheme: 'nitter' }, 'https://nitter.example/me_on_x/status/12'],
    ['me_on_x', { origin: 'https://t.example', scheme: 'template' }, 'https://x.com/me_on_x/status/12'],
    ['me_on_x', null, 'https://x.com/me_on_x/status/12'],
    ['bad name/..', null, 'https://x.com/i/web/status/12'],
    ['me', { origin: 'javascript:alert(1)', scheme: 'nitter' }, 'https://x.com/me/status/12'],
  ])('originalTweetLink(%s, %o)', (user, mirror, link) => {
    expect(originalTweetLink(user, '12', mirror)).toBe(link);
  });

  it('Mastodon limits come from the account’s server, else stock Mastodon', () => {
    expect(mapTargetFor({ network: 'mastodon' })).toMatchObject({
      maxCharacters: 500,
      maxMediaAttachments: 4,
      video: true,
      videoSizeLimit: 99 * 1024 * 1024,
    });
    expect(mapTargetFor({ network: 'bluesky' })).toMatchObject({ graphemeLimit: 300, byteLimit: 3000, maxImages: 4 });
  });

  it.each<[string, number | null | undefined, boolean, number]>([
    ['the preview: Bluesky’s own video limit', undefined, true, 100_000_000],
    ['a PDS limit below it', 5 * 1024 * 1024, true, 5 * 1024 * 1024],
    ['a PDS limit above it: Bluesky’s', 500_000_000, true, 100_000_000],
    ['a PDS that takes no video', null, false, 0],
  ])('Bluesky videos: %s', (_name, limit, video, videoSizeLimit) => {
    const target =
      limit === undefined ? mapTargetFor({ network: 'bluesky' }) : mapTargetFor({ network: 'bluesky' }, limit);
    expect(target).toMatchObject({ video, videoSizeLimit });
  });
});
