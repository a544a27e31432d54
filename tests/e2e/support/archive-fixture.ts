/**
 * The X archive both archive import tests read (tests/e2e/archive.spec.ts in
 * Chromium, tests/e2e/journeys/archive.spec.ts in both browsers): 36 tweets
 * with links, an own thread of three, a long post Bluesky splits in two, a
 * photo, and a reply to someone else and a retweet, left out by default.
 * What it should become on each network is checked here once.
 */
import type { AtpAgent } from '@atproto/api';
import { expect } from '@playwright/test';
import { buildXArchive, snowflake, type GenTweet } from '../../support/x-archive.ts';
import { photoWithGps } from './images.ts';
import { allRecords } from './pds-records.ts';

export const OWNER = { accountId: '1234567890', username: 'leaving_x', displayName: 'Leaving X' };
export const DAY = 86_400_000;

/** A marker each tweet's text carries once, to count its posts. */
export const mark = (n: number) => `(n${n})`;

export interface Expected {
  tweet: GenTweet;
  n: number;
  /** Bluesky posts this tweet becomes (a long one is split). */
  blueskyParts: number;
}

export async function makeArchive(): Promise<{ zip: Buffer; kept: Expected[]; left: GenTweet[]; threadIds: string[] }> {
  const tweets: GenTweet[] = [];
  const kept: Expected[] = [];
  const left: GenTweet[] = [];
  const at = (i: number) => new Date(Date.UTC(2014, 1, 3, 8, 15, 42) + i * 9 * DAY);
  for (let i = 0; i < 36; i++) {
    const createdAt = at(i);
    const tweet: GenTweet = {
      id: snowflake(createdAt, i),
      text: `Post ${mark(i)} fish & chips <3 https://news.example/${i}`,
      createdAt,
      lang: 'en',
    };
    tweets.push(tweet);
    kept.push({ tweet, n: i, blueskyParts: 1 });
  }
  // An own thread of three.
  const threadIds: string[] = [];
  let parent = tweets[3] as GenTweet;
  threadIds.push(parent.id);
  for (let k = 0; k < 2; k++) {
    const n = 100 + k;
    const createdAt = new Date(parent.createdAt.getTime() + 60_000);
    const reply: GenTweet = {
      id: snowflake(createdAt, n),
      text: `Thread part ${mark(n)} à suivre`,
      createdAt,
      lang: 'fr',
      replyTo: { id: parent.id, userId: OWNER.accountId, screenName: OWNER.username },
    };
    tweets.push(reply);
    kept.push({ tweet: reply, n, blueskyParts: 1 });
    threadIds.push(reply.id);
    parent = reply;
  }
  // A long post (note-tweet), split in two on Bluesky.
  const longAt = at(40);
  const long: GenTweet = {
    id: snowflake(longAt, 200),
    text: `Long ${mark(200)} ${'words that go on and on, '.repeat(14)}the end.`,
    createdAt: longAt,
    lang: 'en',
  };
  tweets.push(long);
  kept.push({ tweet: long, n: 200, blueskyParts: 2 });
  // A photo.
  const photoAt = at(41);
  const photo: GenTweet = {
    id: snowflake(photoAt, 300),
    text: `Photo ${mark(300)}`,
    createdAt: photoAt,
    lang: 'en',
    media: [{ type: 'photo', name: 'AbCdEfGhIjKlMnO', bytes: await photoWithGps(0.3) }],
  };
  tweets.push(photo);
  kept.push({ tweet: photo, n: 300, blueskyParts: 1 });
  // Off by default: a reply to someone else and a retweet.
  const otherAt = at(42);
  const reply: GenTweet = {
    id: snowflake(otherAt, 400),
    text: `Reply ${mark(400)}`,
    createdAt: otherAt,
    replyTo: { id: '99', userId: '42', screenName: 'someone' },
  };
  const retweet: GenTweet = {
    id: snowflake(at(43), 401),
    text: `Retweeted ${mark(401)}`,
    createdAt: at(43),
    retweetOf: 'someone',
  };
  tweets.push(reply, retweet);
  left.push(reply, retweet);
  tweets.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const built = await buildXArchive({ account: OWNER, tweets, parts: 3, following: ['11', '12'] });
  return { zip: Buffer.from(built.zip), kept, left, threadIds };
}

export interface BskyPost {
  uri: string;
  value: {
    text: string;
    createdAt: string;
    langs?: string[];
    reply?: { parent: { uri: string } };
    embed?: { images?: unknown[] };
  };
}

export function blueskyPosts(agent: AtpAgent, did: string): Promise<BskyPost[]> {
  return allRecords<BskyPost>(agent, did, 'app.bsky.feed.post');
}

/** The archive landed: each kept tweet once on each network, with its date, its thread, its photo; nothing else. */
export function expectArchiveLanded(
  archive: { kept: Expected[]; left: GenTweet[]; threadIds: string[] },
  posts: BskyPost[],
  statuses: { text: string; visibility: string }[],
): void {
  const { kept, left, threadIds } = archive;
  const total = kept.reduce((n, k) => n + k.blueskyParts, 0);
  for (const { tweet, n, blueskyParts } of kept) {
    const mine = posts.filter((p) => p.value.text.includes(mark(n)));
    expect(mine, `Bluesky posts of tweet ${n}`).toHaveLength(1);
    expect(Date.parse(mine[0]!.value.createdAt), `createdAt of tweet ${n}`).toBe(tweet.createdAt.getTime());
    const theirs = statuses.filter((s) => s.text.includes(mark(n)));
    expect(theirs, `Mastodon statuses of tweet ${n}`).toHaveLength(1);
    expect(theirs[0]!.visibility).toBe('unlisted');
    if (blueskyParts > 1) expect(posts.filter((p) => p.value.reply?.parent.uri === mine[0]!.uri)).toHaveLength(1);
  }
  for (const tweet of left) expect(posts.some((p) => p.value.text.includes(tweet.text))).toBe(false);
  // No post twice: as many records as parts, each text once.
  expect(new Set(posts.map((p) => p.value.text)).size).toBe(total);
  // t.co links expanded, entities decoded.
  expect(posts.find((p) => p.value.text.includes(mark(0)))!.value.text).toBe(
    `Post ${mark(0)} fish & chips <3 https://news.example/0`,
  );
  // The own thread is a thread.
  const byText = (n: number) => posts.find((p) => p.value.text.includes(mark(n)))!;
  expect(byText(100).value.reply?.parent.uri).toBe(byText(3).uri);
  expect(byText(101).value.reply?.parent.uri).toBe(byText(100).uri);
  expect(threadIds).toHaveLength(3);
  // The photo went with its post.
  expect(byText(300).value.embed?.images).toHaveLength(1);
}
