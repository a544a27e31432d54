import { describe, expect, it } from 'vitest';
import { readArchive } from '../../../lib/archive/read.ts';
import { MENTION_BREAK } from '../../../lib/archive/text.ts';
import { parseXDate, readTweet, tweetLang } from '../../../lib/archive/tweets.ts';
import { openArchiveZip } from '../../../lib/archive/zip.ts';
import { rawTweetSchema } from '../../../lib/archive/ytd.ts';
import {
  buildXArchive,
  generateTweets,
  snowflake,
  tweetItem,
  type GenArchive,
  type GenTweet,
} from '../../support/x-archive.ts';

const OWN = { accountId: '1111', username: 'me_on_x', displayName: 'Me' };
const at = (iso: string) => new Date(iso);
const id = (iso: string, seq = 0) => snowflake(at(iso), seq);

function raw(t: GenTweet) {
  return rawTweetSchema(tweetItem(t).tweet).tweet;
}

const ctx = { ownAccountId: OWN.accountId, notes: new Map(), media: new Map<string, string>() };

describe('parseXDate', () => {
  it.each([
    ['Wed Oct 10 20:19:24 +0000 2018', Date.UTC(2018, 9, 10, 20, 19, 24)],
    ['Thu Jan 01 01:00:00 +0100 2015', Date.UTC(2015, 0, 1, 0, 0, 0)],
    ['Sat Feb 29 23:59:59 +0000 2020', Date.UTC(2020, 1, 29, 23, 59, 59)],
  ])('%s', (text, ms) => {
    expect(parseXDate(text)).toBe(ms);
  });
  it('is NaN for rubbish', () => {
    expect(parseXDate('yesterday')).toBeNaN();
  });
});

describe('tweetLang', () => {
  it.each([
    ['en', 'en'],
    ['und', 'und'],
    ['qme', 'und'],
    ['zxx', 'und'],
    ['in', 'id'],
    ['iw', 'he'],
    ['zh-cn', 'zh-cn'],
    ['<script>', 'und'],
    [undefined, 'und'],
  ])('%s → %s', (lang, out) => {
    expect(tweetLang(lang)).toBe(out);
  });
});

describe('readTweet', () => {
  const base = { id: id('2019-05-01T10:00:00Z'), createdAt: at('2019-05-01T10:00:00Z') };

  it.each<[string, Partial<GenTweet>, string]>([
    ['HTML entities', { text: 'Tom & Jerry <3 "quotes" >_<' }, 'Tom & Jerry <3 "quotes" >_<'],
    [
      't.co → expanded link',
      { text: 'read https://example.com/a?b=1&c=2 now' },
      'read https://example.com/a?b=1&c=2 now',
    ],
    [
      'link after emoji (code-point indices)',
      { text: '🎉🎉 https://example.org/x 🎉' },
      '🎉🎉 https://example.org/x 🎉',
    ],
    ['link after ZWJ emoji and &', { text: '👩‍💻 & 👨‍👩‍👧 https://example.org/y' }, '👩‍💻 & 👨‍👩‍👧 https://example.org/y'],
    ['RTL text with a link', { text: 'שלום https://example.org/he עולם' }, 'שלום https://example.org/he עולם'],
    [
      'mentions stay plain',
      { text: 'thanks @alice and @bob_2' },
      `thanks @${MENTION_BREAK}alice and @${MENTION_BREAK}bob_2`,
    ],
    ['media link removed', { text: 'my cat', media: [{ type: 'photo', name: 'AbCdEf123' }] }, 'my cat'],
  ])('%s', (_name, t, text) => {
    expect(readTweet(raw({ ...base, text: '', ...t }), ctx).tweet.text).toBe(text);
  });

  it.each<[string, Partial<GenTweet>, string, string | null]>([
    ['post', {}, 'post', null],
    ['self-reply', { replyTo: { id: '42', userId: OWN.accountId, screenName: OWN.username } }, 'self-reply', '42'],
    ['reply to someone else', { replyTo: { id: '43', userId: '999', screenName: 'other' } }, 'reply', null],
    ['retweet', { retweetOf: 'someone' }, 'retweet', null],
  ])('kind: %s', (_name, t, kind, parent) => {
    const r = readTweet(raw({ ...base, text: 'hello', ...t }), ctx).tweet;
    expect(r.kind).toBe(kind);
    expect(r.inReplyToOwnId).toBe(parent);
  });

  it('drops the reply prefix outside display_text_range', () => {
    const r = readTweet(
      raw({ ...base, text: 'and more 😀', replyTo: { id: '42', userId: OWN.accountId, screenName: OWN.username } }),
      ctx,
    );
    expect(r.tweet.text).toBe('and more 😀');
  });

  it('maps each media to its ZIP entry and counts missing ones', () => {
    const media = new Map([
      [`${base.id}-Photo1.jpg`, `data/tweets_media/${base.id}-Photo1.jpg`],
      [`${base.id}-Vid1.mp4`, `data/tweets_media/${base.id}-Vid1.mp4`],
    ]);
    const r = readTweet(
      raw({
        ...base,
        text: 'x',
        media: [
          { type: 'photo', name: 'Photo1', alt: 'a cat' },
          { type: 'video', name: 'Vid1' },
          { type: 'animated_gif', name: 'Gone' },
        ],
      }),
      { ...ctx, media },
    );
    expect(r.tweet.media).toEqual([
      { entry: `data/tweets_media/${base.id}-Photo1.jpg`, type: 'photo', alt: 'a cat' },
      {
        entry: `data/tweets_media/${base.id}-Vid1.mp4`,
        type: 'video',
        alt: '',
        aspectRatio: { width: 9, height: 16 },
      },
    ]);
    expect(r.missingMedia).toBe(1);
  });
});

const long = `A long post. ${'word '.repeat(70)}see https://example.com/long and the end 🏁`;

function sample(): GenArchive {
  const t0 = '2016-03-01T12:00:00Z';
  const root = id(t0);
  return {
    account: OWN,
    parts: 3,
    following: ['2001', '2002'],
    tweets: [
      { id: root, createdAt: at(t0), text: 'thread 1/2 &', media: [{ type: 'photo', name: 'P1' }] },
      {
        id: id('2016-03-01T12:01:00Z'),
        createdAt: at('2016-03-01T12:01:00Z'),
        text: 'thread 2/2',
        replyTo: { id: root, userId: OWN.accountId, screenName: OWN.username },
      },
      {
        id: id('2017-01-01T00:00:00Z'),
        createdAt: at('2017-01-01T00:00:00Z'),
        text: '@x reply',
        replyTo: { id: '5', userId: '77', screenName: 'x' },
      },
      { id: id('2018-06-01T00:00:00Z'), createdAt: at('2018-06-01T00:00:00Z'), text: 'rt text', retweetOf: 'famous' },
      { id: id('2023-04-01T08:30:00Z'), createdAt: at('2023-04-01T08:30:00Z'), text: long, lang: 'fr' },
      {
        id: id('2024-01-01T00:00:00Z'),
        createdAt: at('2024-01-01T00:00:00Z'),
        text: 'video',
        media: [{ type: 'video', name: 'V1' }],
      },
    ],
  };
}

describe('readArchive', () => {
  it('reads every tweets part, note-tweets, account, following and media entries', async () => {
    const built = await buildXArchive(sample());
    expect(built.dataFiles.filter((f) => f.includes('tweets-part'))).toHaveLength(3);
    const zip = await openArchiveZip(built.blob);
    const progress: number[] = [];
    const reading = await readArchive(zip, (p) => progress.push(p.done));
    await zip.close();
    expect(reading.account).toEqual(OWN);
    expect(reading.follows).toEqual([{ accountId: '2001' }, { accountId: '2002' }]);
    expect(reading.tweets.map((t) => t.kind)).toEqual(['post', 'self-reply', 'reply', 'retweet', 'post', 'post']);
    expect(reading.tweets[0]).toMatchObject({ text: 'thread 1/2 &', media: [{ type: 'photo' }] });
    expect(reading.tweets[0]!.media[0]!.entry).toMatch(/^data\/tweets_media\/\d+-P1\.jpg$/);
    expect(reading.tweets[4]).toMatchObject({ text: long, lang: 'fr' });
    expect(reading.longFromNotes).toBe(1);
    expect(reading.tweets[5]!.media).toMatchObject([{ type: 'video' }]);
    expect(reading.issues).toEqual({ malformed: 0, missingMedia: 0, unreadableFiles: [], duplicates: 0 });
    expect(progress.at(-1)).toBe(built.dataFiles.filter((f) => !f.endsWith('like.js')).length);
  });

  it('reads older archives (tweet.js, tweet_media/) under a top folder, without media files', async () => {
    const built = await buildXArchive({
      ...sample(),
      parts: 1,
      legacyNames: true,
      topFolder: 'twitter-2019',
      withMediaFiles: false,
    });
    const zip = await openArchiveZip(built.blob);
    const reading = await readArchive(zip);
    await zip.close();
    expect(reading.tweets).toHaveLength(6);
    expect(reading.issues.missingMedia).toBe(2);
    expect(reading.tweets.every((t) => t.media.length === 0)).toBe(true);
  });

  it('finds legacy tweet_media files', async () => {
    const built = await buildXArchive({ ...sample(), legacyNames: true });
    const zip = await openArchiveZip(built.blob);
    const reading = await readArchive(zip);
    await zip.close();
    expect(reading.tweets[0]!.media[0]!.entry).toMatch(/^data\/tweet_media\//);
  });

  it('refuses a file that is not a ZIP, and a ZIP that is not an X archive', async () => {
    await expect(openArchiveZip(new Blob(['hello']))).rejects.toMatchObject({ code: 'not-a-zip' });
    const other = await buildXArchive({ ...sample(), topFolder: 'a/b' });
    // Still found under two folders.
    const zip = await openArchiveZip(other.blob);
    expect(zip.dataFiles.length).toBeGreaterThan(0);
    await zip.close();
  });
});

describe('a generated archive of every kind', () => {
  it('reads back every tweet and every media file', async () => {
    const tweets = generateTweets(600, 60, OWN, 7);
    const built = await buildXArchive({ account: OWN, tweets, parts: 3 });
    const zip = await openArchiveZip(built.blob);
    const reading = await readArchive(zip);
    await zip.close();
    expect(reading.tweets).toHaveLength(600);
    expect(reading.tweets.reduce((n, t) => n + t.media.length, 0)).toBe(60);
    expect(reading.issues).toEqual({ malformed: 0, missingMedia: 0, unreadableFiles: [], duplicates: 0 });
    const kinds = new Set(reading.tweets.map((t) => t.kind));
    expect([...kinds].sort()).toEqual(['post', 'reply', 'retweet', 'self-reply']);
    // Every expanded link is back, no t.co is left, and no mention survives.
    expect(reading.tweets.some((t) => t.text.includes('t.co/'))).toBe(false);
    expect(reading.tweets.filter((t) => t.text.includes('?a=1&b=2')).length).toBeGreaterThan(100);
    expect(reading.tweets.some((t) => /(^|\s)@friend/.test(t.text))).toBe(false);
    expect(reading.longFromNotes).toBeGreaterThan(0);
  });
});

describe('long replies', () => {
  it('a long self-reply takes its note without the "@me " prefix X hides', async () => {
    const t0 = '2023-05-01T10:00:00Z';
    const root = id(t0);
    const longReply = `Second part of a long thread. ${'more words here '.repeat(25)}end.`;
    const built = await buildXArchive({
      account: OWN,
      tweets: [
        { id: root, createdAt: at(t0), text: 'first' },
        {
          id: id('2023-05-01T10:05:00Z'),
          createdAt: at('2023-05-01T10:05:00Z'),
          text: longReply,
          replyTo: { id: root, userId: OWN.accountId, screenName: OWN.username },
        },
      ],
    });
    const zip = await openArchiveZip(built.blob);
    const reading = await readArchive(zip);
    await zip.close();
    expect(reading.tweets[1]).toMatchObject({ kind: 'self-reply', text: longReply });
    expect(reading.longFromNotes).toBe(1);
  });
});
